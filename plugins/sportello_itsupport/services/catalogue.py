"""Categories of requests and the team each goes to."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import MANAGE, require_text
from sportello_itsupport.services.assignment import ensure_queue, require_team


async def create_category(
    actor: api.Actor, name: str, kind: str | None = None, team_id: int | None = None
) -> m.Category:
    api.require(actor.has(MANAGE), "FORBIDDEN", "itsupport.forbidden", "name")
    name = require_text(name, "name", 100)
    if kind is not None and kind not in m.KINDS:
        raise api.ServiceError("INVALID", "itsupport.invalid_kind", "kind")
    if team_id is not None:
        await require_team(team_id, None)
        await ensure_queue(team_id)
    try:
        async with api.atomic():
            category = await m.Category.create(name=name, kind=kind or m.INCIDENT, team_id=team_id)
            await api.record(
                actor, "supportCategoryCreate", category, after={"name": name}, site_ids=[]
            )
    except IntegrityError:
        raise api.ServiceError("CONFLICT", "itsupport.name_taken", "name") from None
    return category
