from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import LeaveRequestPayload


@api.mutation(
    "hr.leave",
    LeaveRequestPayload,
    description="The employee's manager (or HR) rejects a pending request; the employee is told.",
)
async def leave_request_reject(info: strawberry.Info, id: strawberry.ID) -> models.LeaveRequest:
    return await services.leave.decide(
        info.context.actor,
        api.decode_id(id, "LeaveRequest", "id"),
        approve=False,
    )
