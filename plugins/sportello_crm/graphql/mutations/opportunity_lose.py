from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import OpportunityPayload
from sportello_crm.services import pipeline


@api.mutation(
    "crm.sales", OpportunityPayload, description="Lost, with a reason (crm.opportunity.lost)."
)
async def opportunity_lose(
    info: strawberry.Info,
    id: strawberry.ID,
    lost_reason_id: strawberry.ID,
    note: str | None = None,
    version: int | None = None,
) -> models.Opportunity:
    return await pipeline.lose(
        info.context.actor,
        api.decode_id(id, "Opportunity", "id"),
        api.decode_id(lost_reason_id, "LostReason", "lostReasonId"),
        note or "",
        version,
    )
