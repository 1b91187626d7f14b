from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._roster import ShiftPayload


@api.mutation(
    "hr.manage",
    ShiftPayload,
    description=(
        "Put an employee on the roster at a station. Refused with its own code: SHIFT_OVERLAP,"
        " ON_LEAVE, REST_TOO_SHORT, SKILL_MISSING, TRAINING_EXPIRED, NOT_AT_SITE,"
        " NOT_EMPLOYED; `override: true` lets a manager pass the leave, rest and skill checks"
        " (audited). Publishes hr.shift.assigned."
    ),
)
async def shift_assign(
    info: strawberry.Info,
    employee_id: strawberry.ID,
    station_id: strawberry.ID,
    start: dt.datetime,
    end: dt.datetime,
    override: bool = False,
) -> models.Shift:
    return await services.shifts.assign(
        info.context.actor,
        api.decode_id(employee_id, "Employee", "employeeId"),
        api.decode_id(station_id, "Station", "stationId"),
        start,
        end,
        override=override,
    )
