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


@strawberry.type
class CounterServiceCreateMutation:
    @strawberry.mutation(permission_classes=[requires("counter.manage")])
    async def counter_service_create(
        self, info: strawberry.Info, input: CounterServiceCreateInput
    ) -> CounterServicePayload:
        try:
            service = await services.create_service(
                info.context.actor,
                decode_id(input.site_id, "Site", "siteId"),
                input.name,
                input.prefix,
                opening_hours=input.opening_hours,
                closed_days=input.closed_days,
                service_minutes=input.service_minutes,
                target_wait_minutes=input.target_wait_minutes,
            )
        except ServiceError as exc:
            return CounterServicePayload(errors=errors_of(exc, info, CounterError))
        return CounterServicePayload(counter_service=service)  # type: ignore[arg-type]
