from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._roster import ShiftSwapPayload


@api.mutation(
    "hr.leave",
    ShiftSwapPayload,
    description="The employee's manager (or HR) rejects a swap; approval checks both again.",
)
async def shift_swap_reject(info: strawberry.Info, id: strawberry.ID) -> models.ShiftSwap:
    return await services.swaps.decide(
        info.context.actor,
        api.decode_id(id, "ShiftSwap", "id"),
        approve=False,
    )
