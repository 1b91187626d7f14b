from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_hr import services
from sportello_hr.graphql.mutations._roster import ShiftRemovePayload


@api.mutation("hr.manage", ShiftRemovePayload, description="Take a shift off the roster.")
async def shift_remove(info: strawberry.Info, id: strawberry.ID) -> dict[str, Any]:
    removed = await services.shifts.remove(info.context.actor, api.decode_id(id, "Shift", "id"))
    return {"deleted_id": strawberry.ID(api.encode_id("Shift", removed))}
