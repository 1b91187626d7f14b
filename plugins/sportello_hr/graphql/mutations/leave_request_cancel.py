from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import LeaveRequestPayload


@api.mutation(
    "hr.leave",
    LeaveRequestPayload,
    description=(
        "Withdraw a request: the employee's own (pending, or approved and not begun), any by HR."
        " Its days go back to the balance."
    ),
)
async def leave_request_cancel(info: strawberry.Info, id: strawberry.ID) -> models.LeaveRequest:
    return await services.leave.cancel(info.context.actor, api.decode_id(id, "LeaveRequest", "id"))
