from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RatePricePayload


@strawberry.input
class RatePlanPriceSetInput:
    rate_plan_id: strawberry.ID
    room_type_id: strawberry.ID
    start: dt.date
    end: dt.date = strawberry.field(description="The first night the season no longer prices")
    weekday_prices: list[Decimal] = strawberry.field(
        description="Seven nightly prices, Monday first"
    )
    min_stay: int | None = strawberry.field(
        default=None, description="Fewest nights for a stay arriving in the season"
    )
    closed_to_arrival: list[int] = strawberry.field(
        default_factory=list,
        description="Days of the week (0 Monday to 6 Sunday) no stay may arrive on",
    )


@api.mutation(
    "lodging.manage",
    RatePricePayload,
    description=(
        "Price a room type on a plan for a season; an older season of the same plan and room "
        "type is cut around the new one."
    ),
)
async def rate_plan_price_set(
    info: strawberry.Info, input: RatePlanPriceSetInput
) -> models.RatePrice:
    price = await services.rates.set_price(
        info.context.actor,
        api.decode_id(input.rate_plan_id, "RatePlan", "ratePlanId"),
        api.decode_id(input.room_type_id, "RoomType", "roomTypeId"),
        input.start,
        input.end,
        input.weekday_prices,
        input.min_stay,
        input.closed_to_arrival,
    )
    await price.fetch_related("room_type")
    return price
