from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RatePlanPayload, RatePolicy


@strawberry.input
class RatePlanCreateInput:
    site_id: strawberry.ID
    code: str = strawberry.field(description="Unique at the site, e.g. FLEX, NREF, BB")
    name: str
    policy: RatePolicy = RatePolicy.FLEXIBLE
    channels: list[str] = strawberry.field(
        default_factory=list, description="Channels selling it (direct, ...); empty: every one"
    )
    free_cancellation_days: int = strawberry.field(
        default=1, description="Flexible: free cancellation until this many days before arrival"
    )
    cancellation_fee_nights: int = strawberry.field(
        default=1, description="Flexible: nights charged for a later cancellation"
    )
    no_show_fee_nights: int = strawberry.field(
        default=1, description="Nights charged at a no-show (non-refundable: the whole stay)"
    )
    breakfast_included: bool = False
    min_stay: int = 1


@api.mutation("lodging.manage", RatePlanPayload)
async def rate_plan_create(info: strawberry.Info, input: RatePlanCreateInput) -> models.RatePlan:
    """A rate plan; its prices follow with ratePlanPriceSet."""
    return await services.rates.create_plan(
        info.context.actor,
        api.decode_id(input.site_id, "Site", "siteId"),
        services.rates.PlanInput(
            code=input.code,
            name=input.name,
            policy=input.policy.value,
            channels=input.channels,
            free_cancellation_days=input.free_cancellation_days,
            cancellation_fee_nights=input.cancellation_fee_nights,
            no_show_fee_nights=input.no_show_fee_nights,
            breakfast_included=input.breakfast_included,
            min_stay=input.min_stay,
        ),
    )
