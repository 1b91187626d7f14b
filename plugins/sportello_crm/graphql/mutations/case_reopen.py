from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import routing


@api.mutation(
    "crm.work",
    CasePayload,
    description="Reopen a resolved case: back to its department, or to the desk.",
)
async def case_reopen(
    info: strawberry.Info, id: strawberry.ID, note: str | None = None, version: int | None = None
) -> models.Case:
    return await routing.reopen(
        info.context.actor, api.decode_id(id, "Case", "id"), note or "", version
    )
