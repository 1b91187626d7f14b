from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import CounterServicePayload


# Written out (not generated from the arguments) for its descriptions.
@strawberry.input(description="Only the fields given change. The prefix never changes.")
class CounterServiceUpdateInput:
    id: strawberry.ID
    name: str | None = None
    opening_hours: JSON | None = strawberry.field(
        default=None,
        description='Weekday (0 = Monday) to [start, end]: {"0": [["08:30", "12:30"]]}',
    )
    closed_days: list[dt.date] | None = None
    service_minutes: int | None = None
    target_wait_minutes: int | None = None
    active: bool | None = strawberry.field(
        default=None, description="An inactive service issues no tickets and leaves the display."
    )
    public_booking: bool | None = strawberry.field(
        default=None, description="Citizens book it themselves, without an account."
    )
    daily_walk_in_quota: int | None = strawberry.field(
        default=strawberry.UNSET, description="Walk-in tickets a day at most (null: no limit)"
    )
    daily_appointment_quota: int | None = strawberry.field(
        default=strawberry.UNSET, description="Appointments a day at most (null: no limit)"
    )


@api.mutation("counter.manage", CounterServicePayload)
async def counter_service_update(
    info: strawberry.Info, input: CounterServiceUpdateInput
) -> models.CounterService:
    return await services.update_service(
        info.context.actor,
        api.decode_id(input.id, "CounterService", "id"),
        name=input.name,
        opening_hours=input.opening_hours,
        closed_days=input.closed_days,
        service_minutes=input.service_minutes,
        target_wait_minutes=input.target_wait_minutes,
        active=input.active,
        public_booking=input.public_booking,
        daily_walk_in_quota=services.KEEP
        if input.daily_walk_in_quota is strawberry.UNSET
        else input.daily_walk_in_quota,
        daily_appointment_quota=services.KEEP
        if input.daily_appointment_quota is strawberry.UNSET
        else input.daily_appointment_quota,
    )
