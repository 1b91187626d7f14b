from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import LeaveTypePayload


@api.mutation("hr.manage", LeaveTypePayload, description="A new kind of absence.")
async def leave_type_create(
    info: strawberry.Info,
    code: str,
    name: str,
    uses_allocation: bool = True,
    allow_negative: bool = False,
) -> models.LeaveType:
    return await services.allocations.create_type(
        info.context.actor,
        code,
        name,
        uses_allocation=uses_allocation,
        allow_negative=allow_negative,
    )
