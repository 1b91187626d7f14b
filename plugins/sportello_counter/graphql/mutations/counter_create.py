from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import CounterPayload


# Written out (not generated from the arguments) for the description of staffId.
@strawberry.input
class CounterCreateInput:
    site_id: strawberry.ID
    name: str
    service_ids: list[strawberry.ID]
    staff_id: strawberry.ID | None = strawberry.field(default=None, description="A Party")
    staff_user_id: int | None = None


@api.mutation("counter.manage", CounterPayload)
async def counter_create(info: strawberry.Info, input: CounterCreateInput) -> models.Counter:
    return await services.create_counter(
        info.context.actor,
        api.decode_id(input.site_id, "Site", "siteId"),
        input.name,
        [api.decode_id(s, "CounterService", "serviceIds") for s in input.service_ids],
        api.decode_optional(input.staff_id, "Party", "staffId"),
        input.staff_user_id,
    )
