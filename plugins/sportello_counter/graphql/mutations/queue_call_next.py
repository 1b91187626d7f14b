from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_counter import services
from sportello_counter.graphql.mutations._common import CallNextPayload


@api.mutation(
    "counter.operate",
    CallNextPayload,
    description="Call the next ticket for the counter's services (rule: sportello_counter.services).",
)
async def queue_call_next(info: strawberry.Info, counter_id: strawberry.ID) -> dict[str, Any]:
    desk = api.decode_id(counter_id, "Counter", "counterId")
    ticket, counter = await services.call_next(info.context.actor, desk)
    return {"ticket": ticket, "counter": counter}
