from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import CounterServicePayload


# Written out (not generated from the arguments) for the description of openingHours.
@strawberry.input
class CounterServiceCreateInput:
    site_id: strawberry.ID
    name: str
    prefix: str
    opening_hours: JSON | None = strawberry.field(
        default=None,
        description='Weekday (0 = Monday) to [start, end]: {"0": [["08:30", "12:30"]]}',
    )
    closed_days: list[dt.date] = strawberry.field(default_factory=list)
    service_minutes: int = 10
    target_wait_minutes: int = 15
    public_booking: bool = strawberry.field(
        default=False, description="Citizens book it themselves, without an account."
    )
    daily_walk_in_quota: int | None = strawberry.field(
        default=None, description="Walk-in tickets a day at most (null: no limit)"
    )
    daily_appointment_quota: int | None = strawberry.field(
        default=None, description="Appointments a day at most (null: no limit)"
    )


@api.mutation("counter.manage", CounterServicePayload)
async def counter_service_create(
    info: strawberry.Info, input: CounterServiceCreateInput
) -> models.CounterService:
    return await services.create_service(
        info.context.actor,
        api.decode_id(input.site_id, "Site", "siteId"),
        input.name,
        input.prefix,
        opening_hours=input.opening_hours,
        closed_days=input.closed_days,
        service_minutes=input.service_minutes,
        target_wait_minutes=input.target_wait_minutes,
        public_booking=input.public_booking,
        daily_walk_in_quota=input.daily_walk_in_quota,
        daily_appointment_quota=input.daily_appointment_quota,
    )
