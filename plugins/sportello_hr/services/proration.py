"""Prorated allocations: what a year's leave entitlement is worth for someone who starts or
leaves during the year, or works part of the week.

Rule (documented in docs/hr.md)
    The full-time, full-year days are weighted day by day over the calendar year: a day
    outside the employment (before its start date, after its end date) weighs 0; a day of the
    employment weighs the weekdays worked by the contract covering it over a full-time week
    of 5 (Monday, Wednesday and Friday: 3/5), or 1 without a contract. The sum over the year
    divided by the year's days, times the full days, is rounded to the nearest half day
    (a quarter rounds up).

    Leave is counted on the employee's own working days (``workdays``): someone working 3
    days a week spends 3 days on a week off and gets 3/5 of the days: the same weeks off. A
    part-time employee working fewer hours on every weekday keeps the full days.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sportello_hr import models as m
from sportello_hr.services.workdays import days_in

#: The weekdays of a full-time week.
FULL_WEEK_DAYS = 5


def _weight(mask: int) -> Fraction:
    return Fraction(bin(mask & 0b1111111).count("1"), FULL_WEEK_DAYS)


def to_half_days(value: Fraction) -> Decimal:
    halves = (Decimal(value.numerator) / Decimal(value.denominator) * 2).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return halves / 2


async def prorated(employee: m.Employee, year: int, full_days: Decimal) -> Decimal:
    """``full_days`` for the part of ``year`` the employee works, on their week."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    contracts = list(
        await m.Contract.filter(employee_id=employee.id, start__lte=last).order_by("start")
    )
    total = Fraction(0)
    for day in days_in(first, last):
        if day < employee.start_date or (employee.end_date and day > employee.end_date):
            continue
        covering = next(
            (c for c in contracts if c.start <= day and (c.end is None or day <= c.end)), None
        )
        total += 1 if covering is None else _weight(covering.work_days)
    share = total / ((last - first).days + 1)
    return to_half_days(share * Fraction(str(full_days)))
