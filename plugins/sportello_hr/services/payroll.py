"""The monthly attendance and leave CSV for the payroll provider: per employee, the shifts
and hours on the roster and the approved leave days by type within the month."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from tortoise.expressions import Q

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import workdays
from sportello_hr.services.shifts import site_zone

COLUMNS = (
    "employee_id",
    "name",
    "department_id",
    "job_title",
    "contract",
    "hours_per_week",
    "shifts",
    "rostered_hours",
)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise api.ServiceError("INVALID", "hr.invalid_month", "month")
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last


async def export(actor: api.Actor, year: int, month: int, site_id: int | None = None) -> str:
    first, last = month_bounds(year, month)
    qs = m.Employee.filter(Q(end_date=None) | Q(end_date__gte=first), start_date__lte=last)
    if site_id is not None:
        qs = qs.filter(work_sites__site_id=site_id)
    if actor.site_ids is not None:
        qs = qs.filter(work_sites__site_id__in=sorted(actor.site_ids))
    employees = await qs.distinct().order_by("id")
    ids = [e.id for e in employees]
    names = dict(
        await api.PartyModel.filter(id__in=[e.party_id for e in employees]).values_list(
            "id", "display_name"
        )
    )
    types = {t.id: t.code for t in await m.LeaveType.all().order_by("code")}
    contracts: dict[int, m.Contract] = {}
    for row in await m.Contract.filter(
        Q(end=None) | Q(end__gte=first), employee_id__in=ids, start__lte=last
    ).order_by("start"):
        contracts[row.employee_id] = row  # the latest in the month
    leave = await m.LeaveRequest.filter(
        employee_id__in=ids, status=m.APPROVED, start__lte=last, end__gte=first
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    codes = sorted(set(types.values()))
    writer.writerow([*COLUMNS, *(f"leave_{c.lower()}" for c in codes)])
    for employee in employees:
        tz = await site_zone(employee.site_id)
        start = dt.datetime.combine(first, dt.time(), tz).astimezone(dt.UTC)
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tz).astimezone(dt.UTC)
        shifts = await m.Shift.filter(employee_id=employee.id, start__gte=start, start__lt=end)
        hours = sum(((s.end - s.start).total_seconds() for s in shifts), 0.0) / 3600
        taken = {c: Decimal(0) for c in codes}
        for request in (r for r in leave if r.employee_id == employee.id):
            a, b = max(request.start, first), min(request.end, last)
            works = await workdays.working_days(employee, a, b)
            days = workdays.count(
                works,
                request.start,
                request.end,
                request.half_day_start and a == request.start,
                request.half_day_end and b == request.end,
            )
            taken[types[request.leave_type_id]] += days
        contract = contracts.get(employee.id)
        writer.writerow(
            [
                employee.id,
                names.get(employee.party_id, ""),
                employee.department_id,
                employee.job_title,
                contract.kind if contract else "",
                str(contract.hours_per_week) if contract and contract.hours_per_week else "",
                len(shifts),
                f"{hours:.2f}",
                *(f"{taken[c].normalize():f}" for c in codes),
            ]
        )
    async with api.atomic():
        await api.record(
            actor,
            "payrollExport",
            object_type="Payroll",
            object_id=f"{year}-{month:02d}",
            after={"employees": len(employees)},
            site_id=site_id,
        )
    return out.getvalue()
