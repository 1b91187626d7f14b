"""Which days of a period an employee works: the weekdays of the contract covering each day,
less the public holidays and closed days of its business calendar (or the site's)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sportello import api
from sportello_hr import models as m

ONE = Decimal(1)
HALF = Decimal("0.5")


def days_in(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _covering(contracts: list[m.Contract], day: dt.date) -> m.Contract | None:
    for contract in contracts:
        if contract.start <= day and (contract.end is None or day <= contract.end):
            return contract
    return None


async def working_days(employee: m.Employee, start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """Each date of [start, end]: whether the employee works that day. Without a contract
    covering it, a day counts from Monday to Friday on the calendar of the employee's site."""
    contracts = list(
        await m.Contract.filter(employee_id=employee.id, start__lte=end).order_by("start")
    )
    calendars = await api.calendar_business_times(
        {c.calendar_id for c in contracts if c.calendar_id is not None}
    )
    fallback = await api.business_time(employee.site_id, employee.department_id)
    out: dict[dt.date, bool] = {}
    for day in days_in(start, end):
        contract = _covering(contracts, day)
        mask = contract.work_days if contract is not None else m.WEEKDAYS_MASK
        bt = fallback
        if contract is not None and contract.calendar_id in calendars:
            bt = calendars[contract.calendar_id]
        out[day] = bool(mask & (1 << day.weekday())) and not bt.is_holiday(day)
    return out


def count(
    works: dict[dt.date, bool], start: dt.date, end: dt.date, half_start: bool, half_end: bool
) -> Decimal:
    """Working days of a request: whole days, a half for a half first or last day."""
    total = Decimal(0)
    for day, worked in works.items():
        if not worked:
            continue
        weight = ONE
        if day == start and half_start:
            weight -= HALF
        if day == end and half_end:
            weight -= HALF
        total += weight
    return total


def slots(start: dt.date, end: dt.date, half_start: bool, half_end: bool) -> tuple[int, int]:
    """The request's half-day slots [first, last): two per date, morning then afternoon."""
    first = start.toordinal() * 2 + (1 if half_start else 0)
    last = end.toordinal() * 2 + (1 if half_end else 2)
    return first, last
