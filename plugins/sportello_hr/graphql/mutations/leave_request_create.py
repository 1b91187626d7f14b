from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import LeaveRequestPayload


@api.mutation(
    "hr.leave",
    LeaveRequestPayload,
    description=(
        "Ask for leave: the working days between start and end (the employee's non-working"
        " days and public holidays skipped; a half first or last day counts 0.5) are held on"
        " the balance until the manager decides. Employees ask for themselves, HR for anyone."
    ),
)
async def leave_request_create(
    info: strawberry.Info,
    employee_id: strawberry.ID,
    leave_type_id: strawberry.ID,
    start: dt.date,
    end: dt.date,
    half_day_start: bool | None = False,
    half_day_end: bool | None = False,
    note: str = "",
) -> models.LeaveRequest:
    return await services.leave.request(
        info.context.actor,
        api.decode_id(employee_id, "Employee", "employeeId"),
        api.decode_id(leave_type_id, "LeaveType", "leaveTypeId"),
        start,
        end,
        half_day_start=bool(half_day_start),
        half_day_end=bool(half_day_end),
        note=note,
    )
