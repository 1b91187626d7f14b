from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import routing


@api.mutation(
    "crm.work",
    CasePayload,
    description="Resolve a case with its outcome: the requester is told (crm.case.resolved).",
)
async def case_resolve(
    info: strawberry.Info, id: strawberry.ID, outcome: str, version: int | None = None
) -> models.Case:
    return await routing.resolve(
        info.context.actor, api.decode_id(id, "Case", "id"), outcome, version
    )
