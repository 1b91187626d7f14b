from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import CounterServicePayload
from sportello_counter.graphql.types import CounterError


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


@strawberry.type
class CounterServiceUpdateMutation:
    @strawberry.mutation(permission_classes=[requires("counter.manage")])
    async def counter_service_update(
        self, info: strawberry.Info, input: CounterServiceUpdateInput
    ) -> CounterServicePayload:
        try:
            service = await services.update_service(
                info.context.actor,
                decode_id(input.id, "CounterService", "id"),
                name=input.name,
                opening_hours=input.opening_hours,
                closed_days=input.closed_days,
                service_minutes=input.service_minutes,
                target_wait_minutes=input.target_wait_minutes,
                active=input.active,
            )
        except ServiceError as exc:
            return CounterServicePayload(errors=errors_of(exc, info, CounterError))
        return CounterServicePayload(counter_service=service)  # type: ignore[arg-type]
