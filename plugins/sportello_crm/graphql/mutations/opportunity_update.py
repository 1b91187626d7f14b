from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import OpportunityPayload
from sportello_crm.services import pipeline


@api.mutation(
    "crm.sales",
    OpportunityPayload,
    description=(
        "Move an open opportunity to another open stage, or change its value, date, owner."
        " With `version`, only if nobody changed it since."
    ),
)
async def opportunity_update(
    info: strawberry.Info,
    id: strawberry.ID,
    version: int | None = None,
    stage_id: strawberry.ID | None = None,
    title: str | None = None,
    expected_value: Decimal | None = None,
    currency: str | None = None,
    expected_close: dt.date | None = None,
    owner_id: strawberry.ID | None = None,
) -> models.Opportunity:
    return await pipeline.update(
        info.context.actor,
        api.decode_id(id, "Opportunity", "id"),
        version=version,
        stage_id=api.decode_optional(stage_id, "PipelineStage", "stageId"),
        title=title,
        expected_value=expected_value,
        currency=currency,
        expected_close=expected_close,
        owner_id=api.decode_optional(owner_id, "User", "ownerId"),
    )
