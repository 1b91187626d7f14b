from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import OpportunityPayload
from sportello_crm.services import pipeline


@api.mutation("crm.sales", OpportunityPayload, description="Won (crm.opportunity.won).")
async def opportunity_win(
    info: strawberry.Info, id: strawberry.ID, version: int | None = None
) -> models.Opportunity:
    return await pipeline.win(info.context.actor, api.decode_id(id, "Opportunity", "id"), version)
