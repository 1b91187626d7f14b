from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import cases


@api.mutation(
    "crm.work",
    CasePayload,
    description="Take a case nobody has taken: of two clerks taking it at once, one gets it.",
)
async def case_take(
    info: strawberry.Info, id: strawberry.ID, version: int | None = None
) -> models.Case:
    return await cases.take(info.context.actor, api.decode_id(id, "Case", "id"), version)
