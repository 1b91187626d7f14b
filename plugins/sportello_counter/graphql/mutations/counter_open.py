from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import CounterPayload


@api.mutation(
    "counter.operate",
    CounterPayload,
    description=(
        "A clerk opens a counter and works at it (with a roster for the site, only while on"
        " duty: OFF_DUTY otherwise). `staffUserId`: open it for another clerk"
        " (counter.manage); `override`: despite the roster (counter.roster_override, audited)."
    ),
)
async def counter_open(
    info: strawberry.Info,
    id: strawberry.ID,
    staff_user_id: int | None = None,
    override: bool = False,
) -> models.Counter:
    return await services.open_counter(
        info.context.actor,
        api.decode_id(id, "Counter", "id"),
        clerk_user_id=staff_user_id,
        override=override,
    )
