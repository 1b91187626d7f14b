from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._roster import EmployeeSkillPayload


@api.mutation(
    "hr.manage",
    EmployeeSkillPayload,
    description="Record or renew a skill or training (fire safety, first aid) and its validity.",
)
async def employee_skill_set(
    info: strawberry.Info,
    employee_id: strawberry.ID,
    code: str,
    acquired_on: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> models.EmployeeSkill:
    return await services.stations.set_skill(
        info.context.actor,
        api.decode_id(employee_id, "Employee", "employeeId"),
        code,
        acquired_on,
        valid_until,
    )
