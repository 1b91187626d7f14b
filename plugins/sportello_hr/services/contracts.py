"""Contracts: permanent or fixed-term, full or part time, with the days worked and the
business calendar whose holidays apply; contracts ending soon."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello import api
from sportello_hr import models as m
from sportello_hr.services._common import not_found, today, visible_employee

KINDS = (m.PERMANENT, m.FIXED_TERM)
#: A full-time week, the ceiling for a part-time contract's hours.
MAX_WEEK_HOURS = Decimal(60)


def mask_of(weekdays: list[int]) -> int:
    mask = 0
    for day in weekdays:
        mask |= 1 << day
    return mask


def weekdays_of(mask: int) -> list[int]:
    return [d for d in range(7) if mask & (1 << d)]


async def create(
    actor: api.Actor,
    employee_id: int,
    *,
    kind: str,
    start: dt.date,
    end: dt.date | None = None,
    hours_per_week: Decimal | None = None,
    work_days: list[int] | None = None,
    calendar_id: int | None = None,
) -> m.Contract:
    """A new contract; two contracts of one employee never cover the same day (CONFLICT)."""
    if kind not in KINDS:
        raise api.ServiceError("INVALID", "hr.invalid_kind", "kind")
    if kind == m.FIXED_TERM and end is None:
        raise api.ServiceError("REQUIRED", "hr.fixed_term_end", "end")
    if end is not None and end < start:
        raise api.ServiceError("END_BEFORE_START", "hr.end_before_start", "end")
    if hours_per_week is not None and not Decimal(0) < hours_per_week <= MAX_WEEK_HOURS:
        raise api.ServiceError("INVALID", "hr.invalid_hours", "hoursPerWeek")
    days = sorted(set(work_days)) if work_days is not None else weekdays_of(m.WEEKDAYS_MASK)
    if not days:
        raise api.ServiceError("REQUIRED", "core.required", "workDays")
    async with api.atomic():
        # The employee's row serialises their contracts (the overlap check below).
        employee = await visible_employee(actor, employee_id, lock=True)
        if calendar_id is not None and calendar_id not in await api.calendar_business_times(
            [calendar_id]
        ):
            raise not_found("calendarId")
        clash = m.Contract.filter(Q(end=None) | Q(end__gte=start), employee_id=employee.id)
        if end is not None:
            clash = clash.filter(start__lte=end)
        if await clash.exists():
            raise api.ServiceError("CONFLICT", "hr.contract_overlap", "start")
        contract = await m.Contract.create(
            employee_id=employee.id,
            kind=kind,
            start=start,
            end=end,
            hours_per_week=hours_per_week,
            work_days=mask_of(days),
            calendar_id=calendar_id,
        )
        await api.record(
            actor,
            "contractCreate",
            contract,
            after={
                "employee_id": employee.id,
                "kind": kind,
                "start": start,
                "end": end,
                "hours_per_week": hours_per_week,
                "work_days": days,
                "calendar_id": calendar_id,
            },
            site_id=employee.site_id,
        )
    return contract


def ending_within(days: int, on: dt.date | None = None) -> QuerySet[m.Contract]:
    """Contracts whose last day falls within ``days`` days from today (today included)."""
    first = on or today()
    return m.Contract.filter(end__gte=first, end__lte=first + dt.timedelta(days=days))
