"""An interaction about a case: logged, and when it comes from the party, the case moves
(a waiting case resumes, a resolved one is reopened)."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import interactions, routing


async def log_interaction(actor: api.Actor, site_id: int, channel: str, **kw: Any) -> m.Interaction:
    async with api.atomic():
        interaction = await interactions.log(actor, site_id, channel, **kw)
        if interaction.case_id is not None and interaction.direction == m.INBOUND:
            case = await m.Case.get(id=interaction.case_id)
            note = interaction.subject or interaction.body[:200]
            await routing.party_answered(actor, case, note)
    return interaction
