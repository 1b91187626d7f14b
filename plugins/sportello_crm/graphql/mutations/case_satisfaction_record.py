from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import routing


@api.mutation(
    "crm.desk",
    CasePayload,
    description="Record the requester's satisfaction with a resolved case (1-5), once.",
)
async def case_satisfaction_record(
    info: strawberry.Info, id: strawberry.ID, score: int, comment: str | None = None
) -> models.Case:
    return await routing.record_satisfaction(
        info.context.actor, api.decode_id(id, "Case", "id"), score, comment or ""
    )
