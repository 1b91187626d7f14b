from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import EmployeePayload


@api.mutation(
    "hr.manage",
    EmployeePayload,
    description="The employment ends on endDate (its last day); publishes hr.employee.left.",
)
async def employee_end(
    info: strawberry.Info, id: strawberry.ID, end_date: dt.date
) -> models.Employee:
    return await services.employees.end(
        info.context.actor, api.decode_id(id, "Employee", "id"), end_date
    )
