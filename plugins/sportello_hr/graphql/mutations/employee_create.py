from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import EmployeePayload


@strawberry.input
class EmployeeCreateInput:
    department_id: strawberry.ID
    party_id: strawberry.ID | None = strawberry.field(
        default=None, description="An existing person (a Party); else fullName or userId."
    )
    full_name: str | None = strawberry.field(
        default=None, description="Registers a new person when neither partyId nor userId."
    )
    site_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Work sites, the main one first (default: the caller's one)."
    )
    user_id: strawberry.ID | None = strawberry.field(
        default=None, description="The employee's login account: its person is the employee."
    )
    manager_id: strawberry.ID | None = strawberry.field(default=None, description="An Employee")
    job_title: str = ""
    work_email: str = ""
    work_phone: str = ""
    start_date: dt.date | None = strawberry.field(default=None, description="Default: today.")


@api.mutation(
    "hr.manage", EmployeePayload, description="Hire a person; publishes hr.employee.hired."
)
async def employee_create(info: strawberry.Info, input: EmployeeCreateInput) -> models.Employee:
    return await services.employees.create(
        info.context.actor,
        department_id=api.decode_id(input.department_id, "Department", "departmentId"),
        site_ids=[api.decode_id(s, "Site", "siteIds") for s in input.site_ids or []],
        party_id=api.decode_optional(input.party_id, "Party", "partyId"),
        full_name=input.full_name,
        user_id=api.decode_optional(input.user_id, "User", "userId"),
        manager_id=api.decode_optional(input.manager_id, "Employee", "managerId"),
        job_title=input.job_title,
        work_email=input.work_email,
        work_phone=input.work_phone,
        start_date=input.start_date,
    )
