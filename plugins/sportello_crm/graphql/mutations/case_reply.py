from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import mail


@api.mutation(
    "crm.work",
    CasePayload,
    description=(
        "Answer the requester by email about a case: threaded to their last message, logged"
        " as an outgoing interaction, the first response on the SLA clock. `waitForParty`:"
        " then wait on their answer (the clock pauses)."
    ),
)
async def case_reply(
    info: strawberry.Info, id: strawberry.ID, body: str, wait_for_party: bool = False
) -> models.Case:
    return await mail.reply(
        info.context.actor, api.decode_id(id, "Case", "id"), body, wait_for_party=wait_for_party
    )
