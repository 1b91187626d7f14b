from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import CounterPayload


# Written out (not generated from the arguments) for its descriptions, and because an omitted
# staffId (keep) differs from a null one (unassign).
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


@api.mutation(
    "counter.manage",
    CounterPayload,
    description="Change a counter's services, staff or state (only its staff call tickets).",
)
async def counter_update(info: strawberry.Info, input: CounterUpdateInput) -> models.Counter:
    staff_party_id, staff_user_id = services.KEEP, services.KEEP
    if input.staff_id is not strawberry.UNSET:
        staff_party_id = api.decode_optional(input.staff_id, "Party", "staffId")
    if input.staff_user_id is not strawberry.UNSET:
        staff_user_id = input.staff_user_id
    service_ids = input.service_ids
    return await services.update_counter(
        info.context.actor,
        api.decode_id(input.id, "Counter", "id"),
        name=input.name,
        service_ids=None
        if service_ids is None
        else [api.decode_id(s, "CounterService", "serviceIds") for s in service_ids],
        staff_party_id=staff_party_id,
        staff_user_id=staff_user_id,
        active=input.active,
    )
