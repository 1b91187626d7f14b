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
        "A shift from a template on a local day (its station, or stationId); the same checks"
        " as shiftAssign."
    ),
)
async def shift_template_apply(
    info: strawberry.Info,
    template_id: strawberry.ID,
    employee_id: strawberry.ID,
    day: dt.date,
    station_id: strawberry.ID | None = None,
    override: bool = False,
) -> models.Shift:
    template, start, end = await services.shifts.times_of_template(
        api.decode_id(template_id, "ShiftTemplate", "templateId"), day
    )
    station = api.decode_optional(station_id, "Station", "stationId") or template.station_id
    if station is None:
        raise api.ServiceError("REQUIRED", "core.required", "stationId")
    return await services.shifts.assign(
        info.context.actor,
        api.decode_id(employee_id, "Employee", "employeeId"),
        station,
        start,
        end,
        template_id=template.id,
        override=override,
        operation="shiftTemplateApply",
    )
