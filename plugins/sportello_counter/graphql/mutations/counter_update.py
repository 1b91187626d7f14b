from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id, decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import CounterPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input(description="Only the fields given change; null staffId/staffUserId unassigns.")
class CounterUpdateInput:
    id: strawberry.ID
    name: str | None = None
    service_ids: list[strawberry.ID] | None = None
    staff_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The Party working at the desk (null: nobody)"
    )
    staff_user_id: int | None = strawberry.field(
        default=strawberry.UNSET, description="The user working at the desk (null: nobody)"
    )
    active: bool | None = None


@strawberry.type
class CounterUpdateMutation:
    @strawberry.mutation(
        permission_classes=[requires("counter.manage")],
        description="Change a counter's services, staff or state (only its staff call tickets).",
    )
    async def counter_update(
        self, info: strawberry.Info, input: CounterUpdateInput
    ) -> CounterPayload:
        try:
            kw: dict = {}
            if input.staff_id is not strawberry.UNSET:
                kw["staff_party_id"] = decode_optional(input.staff_id, "Party", "staffId")
            if input.staff_user_id is not strawberry.UNSET:
                kw["staff_user_id"] = input.staff_user_id
            counter = await services.update_counter(
                info.context.actor,
                decode_id(input.id, "Counter", "id"),
                name=input.name,
                service_ids=None
                if input.service_ids is None
                else [decode_id(s, "CounterService", "serviceIds") for s in input.service_ids],
                active=input.active,
                **kw,
            )
        except ServiceError as exc:
            return CounterPayload(errors=errors_of(exc, info, CounterError))
        return CounterPayload(counter=counter)  # type: ignore[arg-type]
