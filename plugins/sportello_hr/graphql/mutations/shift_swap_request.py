from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._roster import ShiftSwapPayload


@api.mutation(
    "hr.leave",
    ShiftSwapPayload,
    description=(
        "Ask to hand one's shift to a colleague (or exchange it for otherShiftId, one of the"
        " colleague's); the manager decides."
    ),
)
async def shift_swap_request(
    info: strawberry.Info,
    shift_id: strawberry.ID,
    colleague_id: strawberry.ID,
    other_shift_id: strawberry.ID | None = None,
) -> models.ShiftSwap:
    return await services.swaps.request(
        info.context.actor,
        api.decode_id(shift_id, "Shift", "shiftId"),
        api.decode_id(colleague_id, "Employee", "colleagueId"),
        api.decode_optional(other_shift_id, "Shift", "otherShiftId"),
    )
