from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import EmployeePayload


@strawberry.input(description='Fields left out stay as they are; "" clears a text.')
class EmployeePersonalDataSetInput:
    employee_id: strawberry.ID
    home_address: str | None = None
    birth_date: dt.date | None = None
    id_document_kind: str | None = None
    id_document_number: str | None = None
    id_document_expiry: dt.date | None = None
    emergency_contact_name: str | None = None
    emergency_contact_phone: str | None = None


@api.mutation(
    "hr.manage",
    EmployeePayload,
    description="Record an employee's private data (read back with hr.manage only).",
)
async def employee_personal_data_set(
    info: strawberry.Info, input: EmployeePersonalDataSetInput
) -> models.Employee:
    values: dict[str, Any] = {
        name: getattr(input, name)
        for name in services.employees.PERSONAL_FIELDS
        if getattr(input, name) is not None
    }
    return await services.employees.set_personal_data(
        info.context.actor, api.decode_id(input.employee_id, "Employee", "employeeId"), values
    )
