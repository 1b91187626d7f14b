"""Leave types and yearly allocations (what HR grants), and balances (what is left)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import proration
from sportello_hr.services._common import not_found, today, visible_employee
from sportello_hr.services.leave import accrued

ACCRUALS = (m.YEARLY, m.MONTHLY)
MAX_DAYS = Decimal(366)


async def create_type(
    actor: api.Actor,
    code: str,
    name: str,
    *,
    uses_allocation: bool = True,
    allow_negative: bool = False,
) -> m.LeaveType:
    code = code.strip().upper()
    name = name.strip()
    if not code:
        raise api.ServiceError("REQUIRED", "core.required", "code")
    if not name:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    async with api.atomic():
        if await m.LeaveType.exists(code=code):
            raise api.ServiceError("CONFLICT", "hr.code_taken", "code")
        try:
            async with api.atomic():
                leave_type = await m.LeaveType.create(
                    code=code,
                    name=name,
                    uses_allocation=uses_allocation,
                    allow_negative=allow_negative,
                )
        except IntegrityError:
            raise api.ServiceError("CONFLICT", "hr.code_taken", "code") from None
        await api.record(
            actor,
            "leaveTypeCreate",
            leave_type,
            after={"code": code, "name": name, "allow_negative": allow_negative},
            site_id=None,
        )
    return leave_type


async def set_allocation(
    actor: api.Actor,
    employee_id: int,
    leave_type_id: int,
    year: int,
    days: Decimal,
    accrual: str = m.YEARLY,
    *,
    prorate: bool = False,
) -> m.LeaveAllocation:
    """Grant (or change) a year's days; never below what requests already hold. With
    ``prorate``, ``days`` are the full-time, full-year days, prorated to the employment
    and the week worked (``proration``)."""
    if accrual not in ACCRUALS:
        raise api.ServiceError("INVALID", "hr.invalid_accrual", "accrual")
    if not Decimal(0) <= days <= MAX_DAYS or days * 2 != int(days * 2):
        raise api.ServiceError("INVALID", "hr.invalid_days", "days")
    if not 2000 <= year <= 2100:
        raise api.ServiceError("INVALID", "hr.invalid_year", "year")
    async with api.atomic():
        employee = await visible_employee(actor, employee_id, lock=True)
        leave_type = await m.LeaveType.filter(id=leave_type_id).first()
        if leave_type is None:
            raise not_found("leaveTypeId")
        if not leave_type.uses_allocation:
            raise api.ServiceError("INVALID", "hr.no_allocation_needed", "leaveTypeId")
        full_days = days
        if prorate:
            days = await proration.prorated(employee, year, full_days)
        allocation = (
            await m.LeaveAllocation.filter(
                employee_id=employee.id, leave_type_id=leave_type.id, year=year
            )
            .select_for_update()
            .first()
        )
        before = None
        if allocation is None:
            allocation = await m.LeaveAllocation.create(
                employee_id=employee.id,
                leave_type_id=leave_type.id,
                year=year,
                days=days,
                accrual=accrual,
            )
        else:
            held = Decimal(allocation.used) + Decimal(allocation.pending)
            if days < held and not leave_type.allow_negative:
                raise api.ServiceError("INSUFFICIENT_BALANCE", "hr.below_taken", "days")
            before = {"days": allocation.days, "accrual": allocation.accrual}
            allocation.days = days
            allocation.accrual = accrual
            await allocation.save(update_fields=["days", "accrual"])
        await api.record(
            actor,
            "leaveAllocationSet",
            allocation,
            before=before,
            after={
                "employee_id": employee.id,
                "year": year,
                "days": days,
                "accrual": accrual,
                **({"prorated_from": full_days} if prorate else {}),
            },
            site_id=employee.site_id,
        )
    return allocation


@dataclass
class Balance:
    """One leave type's balance for an employee and a year."""

    allocation: m.LeaveAllocation
    leave_type: m.LeaveType
    accrued: Decimal
    available: Decimal


async def balances(
    actor: api.Actor, employee_id: int, year: int, on: dt.date | None = None
) -> list[Balance]:
    employee = await visible_employee(actor, employee_id)
    rows = await m.LeaveAllocation.filter(employee_id=employee.id, year=year).order_by("id")
    types = {t.id: t for t in await m.LeaveType.filter(id__in=[r.leave_type_id for r in rows])}
    day = on or today()
    out = []
    for row in rows:
        got = accrued(row, day)
        out.append(
            Balance(
                allocation=row,
                leave_type=types[row.leave_type_id],
                accrued=got,
                available=got - Decimal(row.used) - Decimal(row.pending),
            )
        )
    return out
