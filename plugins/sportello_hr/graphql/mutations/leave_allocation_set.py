from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_hr import services
from sportello_hr.graphql.types import Accrual, HrError, LeaveBalance

LeaveAllocationPayload = api.payload(
    errors=HrError, name="LeaveAllocationSetPayload", balance=LeaveBalance
)


@api.mutation(
    "hr.manage",
    LeaveAllocationPayload,
    description=(
        "Grant (or change) an employee's days of a leave type for a year. With `prorate`,"
        " `days` are the full-time, full-year days: prorated to the part of the year employed"
        " and the weekdays worked, to the nearest half day (docs/hr.md)."
    ),
)
async def leave_allocation_set(
    info: strawberry.Info,
    employee_id: strawberry.ID,
    leave_type_id: strawberry.ID,
    year: int,
    days: float,
    accrual: Accrual = Accrual.YEARLY,
    prorate: bool = False,
) -> dict[str, Any]:
    actor = info.context.actor
    row = await services.allocations.set_allocation(
        actor,
        api.decode_id(employee_id, "Employee", "employeeId"),
        api.decode_id(leave_type_id, "LeaveType", "leaveTypeId"),
        year,
        Decimal(str(days)),
        accrual.value,
        prorate=prorate,
    )
    found = await services.allocations.balances(actor, row.employee_id, row.year)
    balance = next(b for b in found if b.allocation.id == row.id)
    leave_type: Any = balance.leave_type  # the model row stands for the node type
    return {
        "balance": LeaveBalance(
            leave_type=leave_type,
            year=row.year,
            days=float(row.days),
            accrual=Accrual(row.accrual),
            accrued=float(balance.accrued),
            used=float(row.used),
            pending=float(row.pending),
            available=float(balance.available),
        )
    }
