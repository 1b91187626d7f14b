from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._common import ContractPayload
from sportello_hr.graphql.types import ContractKind


@strawberry.input
class ContractCreateInput:
    employee_id: strawberry.ID
    kind: ContractKind
    start: dt.date
    end: dt.date | None = strawberry.field(default=None, description="Required for FIXED_TERM.")
    hours_per_week: Decimal | None = strawberry.field(
        default=None, description="Part time: the weekly hours; null: full time."
    )
    work_days: list[api.Weekday] | None = strawberry.field(
        default=None, description="The weekdays worked (default: Monday to Friday)."
    )
    calendar_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A BusinessCalendar whose holidays apply (default: the site's).",
    )


@api.mutation("hr.manage", ContractPayload, description="A new contract for an employee.")
async def contract_create(info: strawberry.Info, input: ContractCreateInput) -> models.Contract:
    return await services.contracts.create(
        info.context.actor,
        api.decode_id(input.employee_id, "Employee", "employeeId"),
        kind=input.kind.value,
        start=input.start,
        end=input.end,
        hours_per_week=input.hours_per_week,
        work_days=None if input.work_days is None else [d.value for d in input.work_days],
        calendar_id=api.decode_optional(input.calendar_id, "BusinessCalendar", "calendarId"),
    )
