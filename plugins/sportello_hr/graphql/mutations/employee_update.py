from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import EmployeePayload


@strawberry.input(description="Fields left out stay as they are.")
class EmployeeUpdateInput:
    id: strawberry.ID
    department_id: strawberry.ID | None = None
    site_ids: list[strawberry.ID] | None = None
    manager_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="null: no manager."
    )
    job_title: str | None = None
    work_email: str | None = None
    work_phone: str | None = None
    start_date: dt.date | None = None


@api.mutation("hr.manage", EmployeePayload)
async def employee_update(info: strawberry.Info, input: EmployeeUpdateInput) -> models.Employee:
    extra: dict[str, Any] = {}
    if input.manager_id is not strawberry.UNSET:
        extra["manager_id"] = api.decode_optional(input.manager_id, "Employee", "managerId")
    return await services.employees.update(
        info.context.actor,
        api.decode_id(input.id, "Employee", "id"),
        department_id=api.decode_optional(input.department_id, "Department", "departmentId"),
        site_ids=None
        if input.site_ids is None
        else [api.decode_id(s, "Site", "siteIds") for s in input.site_ids],
        job_title=input.job_title,
        work_email=input.work_email,
        work_phone=input.work_phone,
        start_date=input.start_date,
        **extra,
    )
