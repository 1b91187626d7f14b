from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import routing


@api.mutation(
    "crm.work",
    CasePayload,
    description=(
        "Waiting on the requester (a document, an answer): the SLA clock pauses until the"
        " party gets back in touch (an inbound interaction about the case)."
    ),
)
async def case_wait(
    info: strawberry.Info, id: strawberry.ID, note: str | None = None, version: int | None = None
) -> models.Case:
    return await routing.wait_for_party(
        info.context.actor, api.decode_id(id, "Case", "id"), note or "", version
    )
