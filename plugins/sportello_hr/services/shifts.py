"""The roster: shifts assigned to employees at stations, the checks that refuse a conflict,
who is on duty now.

Checks (each with its own code), in this order
    NOT_AT_SITE (the employee does not work at the station's site), NOT_EMPLOYED (outside the
    employment), SHIFT_OVERLAP (another shift of theirs), ON_LEAVE (approved leave: a half
    day of leave blocks the shifts starting in that half: before or after 13:00 local time),
    REST_TOO_SHORT (less than ``[modules.hr] min_rest_hours`` since the previous shift or
    before the next), SKILL_MISSING / TRAINING_EXPIRED (the station's required skill,
    valid on the shift's day), TRAINING_MISSING / TRAINING_EXPIRED (the station's required
    course, completed by the shift's first day and valid until its last). A manager with
    ``hr.manage`` may override all but the first three
    (``override: true``, audited); an overlap never.

Concurrency
    Assigning, moving and swapping lock the employees' rows (in id order), as leave does, so
    a shift and a leave approval for one person never pass their checks side by side; on
    PostgreSQL an exclusion constraint also refuses overlapping shifts of one employee.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import events as ev
from sportello_hr.services import training
from sportello_hr.services._common import (
    MANAGE,
    employee_site_ids,
    not_found,
    now,
    settings,
    visible_employee,
)

NO_OVERLAP = "hr_shift_no_overlap"
MAX_SHIFT = dt.timedelta(hours=16)
#: Local hour splitting a day's morning from its afternoon (half days of leave).
MIDDAY = 13
#: The checks a manager may override.
OVERRIDABLE = (
    "ON_LEAVE",
    "REST_TOO_SHORT",
    "SKILL_MISSING",
    "TRAINING_MISSING",
    "TRAINING_EXPIRED",
)


async def site_zone(site_id: int) -> ZoneInfo:
    zones = await api.site_zones([site_id])
    return zones.get(site_id, ZoneInfo("UTC"))


def _aware(value: dt.datetime) -> dt.datetime:
    """In UTC (stored and compared so on both databases); a naive value is read as UTC."""
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _slot(at: dt.datetime, tz: ZoneInfo, *, end: bool) -> int:
    local = at.astimezone(tz)
    day = local.date().toordinal() * 2
    if end:
        if local.time() == dt.time(0):
            return day  # ends at midnight: nothing of that day
        morning_only = local.time() <= dt.time(MIDDAY)
        return day + (1 if morning_only else 2)
    return day + (1 if local.hour >= MIDDAY else 0)


async def _problems(
    employee: m.Employee,
    station: m.Station,
    start: dt.datetime,
    end: dt.datetime,
    *,
    ignore: tuple[int, ...] = (),
) -> list[tuple[str, str]]:
    """(code, message key) of every check the shift fails, the blocking ones first."""
    out: list[tuple[str, str]] = []
    if station.site_id not in await employee_site_ids(employee.id):
        out.append(("NOT_AT_SITE", "hr.not_at_site"))
    tz = await site_zone(station.site_id)
    first_day, last_day = start.astimezone(tz).date(), end.astimezone(tz).date()
    if first_day < employee.start_date or (
        employee.end_date is not None and last_day > employee.end_date
    ):
        out.append(("NOT_EMPLOYED", "hr.not_employed"))
    others = m.Shift.filter(employee_id=employee.id).exclude(id__in=list(ignore) or [0])
    if await others.filter(start__lt=end, end__gt=start).exists():
        out.append(("SHIFT_OVERLAP", "hr.shift_overlap"))
    first, last = _slot(start, tz, end=False), _slot(end, tz, end=True)
    if (
        last > first
        and await m.LeaveRequest.filter(
            employee_id=employee.id, status=m.APPROVED, start_slot__lt=last, end_slot__gt=first
        ).exists()
    ):
        out.append(("ON_LEAVE", "hr.on_leave"))
    rest = dt.timedelta(hours=settings().min_rest_hours)
    if rest and await others.filter(start__lt=end + rest, end__gt=start - rest).exists():
        out.append(("REST_TOO_SHORT", "hr.rest_too_short"))
    if station.required_skill:
        skill = await m.EmployeeSkill.filter(
            employee_id=employee.id, code=station.required_skill
        ).first()
        if skill is None:
            out.append(("SKILL_MISSING", "hr.skill_missing"))
        elif skill.valid_until is not None and skill.valid_until < last_day:
            out.append(("TRAINING_EXPIRED", "hr.training_expired"))
    if station.required_course_id is not None:
        code = await training.qualification(
            employee.id, station.required_course_id, first_day, last_day
        )
        if code is not None:
            out.append((code, "hr." + code.lower()))
    # An overlap is also a rest problem: report the overlap alone.
    if any(c == "SHIFT_OVERLAP" for c, _ in out):
        out = [p for p in out if p[0] != "REST_TOO_SHORT"]
    return out


def _refuse(problems: list[tuple[str, str]], override: bool, actor: api.Actor, field: str) -> None:
    blocking = [p for p in problems if not (override and p[0] in OVERRIDABLE)]
    if override and not actor.has(MANAGE) and problems:
        raise api.ServiceError("FORBIDDEN", "hr.forbidden", "override")
    if blocking:
        code, key = blocking[0]
        raise api.ServiceError(code, key, field)


async def _station(actor: api.Actor, station_id: int) -> m.Station:
    station = await m.Station.filter(id=station_id, active=True).first()
    if station is None or not actor.may_see_site(station.site_id):
        raise not_found("stationId")
    return station


async def _insert(**values: Any) -> m.Shift:
    try:
        async with api.atomic():
            return await m.Shift.create(**values)
    except IntegrityError as exc:
        if NO_OVERLAP in str(exc):
            raise api.ServiceError("SHIFT_OVERLAP", "hr.shift_overlap", "start") from None
        raise


async def publish(name: str, shift: m.Shift) -> None:
    await api.publish(
        name,
        ev.ShiftEvent(
            shift_id=shift.id,
            employee_id=shift.employee_id,
            station_id=shift.station_id,
            site_id=shift.site_id,
            start=shift.start,
            end=shift.end,
        ),
        aggregate=f"employee:{shift.employee_id}",
        site_id=shift.site_id,
    )


async def times_of_template(
    template_id: int, day: dt.date
) -> tuple[m.ShiftTemplate, dt.datetime, dt.datetime]:
    template = await m.ShiftTemplate.filter(id=template_id).first()
    if template is None:
        raise not_found("templateId")
    tz = await site_zone(template.site_id)
    local = dt.datetime.combine(day, dt.time(), tz)
    start = local + dt.timedelta(minutes=template.start_minute)
    end_day = day if template.end_minute > template.start_minute else day + dt.timedelta(days=1)
    end = dt.datetime.combine(end_day, dt.time(), tz) + dt.timedelta(minutes=template.end_minute)
    return template, start.astimezone(dt.UTC), end.astimezone(dt.UTC)


async def assign(
    actor: api.Actor,
    employee_id: int,
    station_id: int,
    start: dt.datetime,
    end: dt.datetime,
    *,
    template_id: int | None = None,
    override: bool = False,
    operation: str = "shiftAssign",
) -> m.Shift:
    start, end = _aware(start), _aware(end)
    if end <= start:
        raise api.ServiceError("END_BEFORE_START", "hr.end_before_start", "end")
    if end - start > MAX_SHIFT:
        raise api.ServiceError("INVALID", "hr.shift_too_long", "end")
    async with api.atomic():
        employee = await visible_employee(actor, employee_id, lock=True)
        station = await _station(actor, station_id)
        problems = await _problems(employee, station, start, end)
        _refuse(problems, override, actor, "employeeId")
        shift = await _insert(
            employee_id=employee.id,
            station_id=station.id,
            site_id=station.site_id,
            start=start,
            end=end,
            template_id=template_id,
            overridden=bool(problems),
        )
        await api.record(
            actor,
            operation,
            shift,
            after={
                "employee_id": employee.id,
                "station_id": station.id,
                "start": start,
                "end": end,
                "overridden": [c for c, _ in problems],
            },
        )
        await publish(ev.SHIFT_ASSIGNED, shift)
    return shift


async def remove(actor: api.Actor, shift_id: int) -> int:
    async with api.atomic():
        found = await m.Shift.filter(id=shift_id).first()
        if found is None or not actor.may_see_site(found.site_id):
            raise not_found("id")
        await visible_employee(actor, found.employee_id, "id", lock=True)
        shift = await m.Shift.filter(id=shift_id).first()
        if shift is None:
            raise not_found("id")
        await m.ShiftSwap.filter(shift_id=shift.id).delete()
        await m.ShiftSwap.filter(other_shift_id=shift.id).delete()
        await shift.delete()
        await api.record(
            actor,
            "shiftRemove",
            object_type="Shift",
            object_id=shift_id,
            before={"employee_id": shift.employee_id, "start": shift.start},
            site_id=shift.site_id,
        )
        await publish(ev.SHIFT_REMOVED, shift)
    return shift_id


def on_duty(site_id: int, at: dt.datetime | None = None) -> QuerySet[m.Shift]:
    moment = at or now()
    return m.Shift.filter(site_id=site_id, start__lte=moment, end__gt=moment)


async def recheck(
    employee: m.Employee, shift: m.Shift, *, ignore: tuple[int, ...]
) -> list[tuple[str, str]]:
    """The checks again, for a shift changing hands (swaps)."""
    station = await m.Station.get(id=shift.station_id)
    return await _problems(employee, station, shift.start, shift.end, ignore=ignore)
