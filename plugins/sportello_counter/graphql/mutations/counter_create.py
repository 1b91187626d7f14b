from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id, decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import CounterPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input
class CounterCreateInput:
    site_id: strawberry.ID
    name: str
    service_ids: list[strawberry.ID]
    staff_id: strawberry.ID | None = strawberry.field(default=None, description="A Party")
    staff_user_id: int | None = None


@strawberry.type
class CounterCreateMutation:
    @strawberry.mutation(permission_classes=[requires("counter.manage")])
    async def counter_create(
        self, info: strawberry.Info, input: CounterCreateInput
    ) -> CounterPayload:
        try:
            counter = await services.create_counter(
                info.context.actor,
                decode_id(input.site_id, "Site", "siteId"),
                input.name,
                [decode_id(s, "CounterService", "serviceIds") for s in input.service_ids],
                decode_optional(input.staff_id, "Party", "staffId"),
                input.staff_user_id,
            )
        except ServiceError as exc:
            return CounterPayload(errors=errors_of(exc, info, CounterError))
        return CounterPayload(counter=counter)  # type: ignore[arg-type]
