from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import site_of
from sportello_crm.graphql.mutations._pipeline import OpportunityPayload
from sportello_crm.services import pipeline


@strawberry.input
class OpportunityCreateInput:
    title: str
    party_id: strawberry.ID | None = strawberry.field(
        default=None, description="The customer; a lead may have only a contact name or email."
    )
    contact_name: str = ""
    contact_email: str = ""
    stage_id: strawberry.ID | None = strawberry.field(
        default=None, description="An open stage; default: the first."
    )
    expected_value: Decimal | None = None
    currency: str = strawberry.field(default="EUR", description="ISO 4217 code.")
    expected_close: dt.date | None = None
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="A user; default: the caller."
    )
    source: str = strawberry.field(default="", description="Where it came from (web, fair...).")
    site_id: strawberry.ID | None = None


@api.mutation(
    "crm.sales",
    OpportunityPayload,
    description="Put a lead or opportunity in the pipeline (crm.opportunity.created).",
)
async def opportunity_create(
    info: strawberry.Info, input: OpportunityCreateInput
) -> models.Opportunity:
    return await pipeline.create(
        info.context.actor,
        await site_of(info, input.site_id),
        input.title,
        party_id=api.decode_optional(input.party_id, "Party", "partyId"),
        contact_name=input.contact_name,
        contact_email=input.contact_email,
        stage_id=api.decode_optional(input.stage_id, "PipelineStage", "stageId"),
        expected_value=input.expected_value,
        currency=input.currency,
        expected_close=input.expected_close,
        owner_id=api.decode_optional(input.owner_id, "User", "ownerId"),
        source=input.source,
    )
