"""Create and change business calendars: name, zone, holidays' country, the working week."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello.calendars.models import BusinessCalendar, WorkingHours
from sportello.calendars.services import _common
from sportello.identity.audit import record
from sportello.org.services import department_exists
from sportello.parties.models import Site
from sportello.services import Actor, Problem, ServiceError, atomic

FIELDS = ("name", "timezone", "country", "subdivision")


def editable(actor: Actor, site_id: int | None, field: str = "id") -> None:
    """Site calendars: the actor's sites only (others look absent); the organisation's
    default calendar: actors of every site only."""
    if site_id is None:
        if actor.site_ids is not None:
            raise ServiceError("FORBIDDEN", "calendars.organisation_wide", field)
    elif not actor.may_see_site(site_id):
        raise ServiceError("NOT_FOUND", "core.not_found", field)


async def create_calendar(
    actor: Actor,
    name: str,
    hours: Iterable[Mapping[str, Any]],
    *,
    site_id: int | None = None,
    department_id: int | None = None,
    timezone: str | None = None,
    country: str | None = None,
    subdivision: str | None = None,
) -> BusinessCalendar:
    """A calendar for a site (or, without one, the organisation's default), or for a
    department there (or, without a site, wherever the department works)."""
    problems: list[Problem] = []
    name = _common.checked_name(name, problems)
    week = _common.checked_hours(hours, problems)
    country, subdivision = _common.checked_holidays(country, subdivision, problems)
    timezone = _common.checked_zone(timezone, problems)
    if problems:
        raise ServiceError("INVALID", problems=problems)
    editable(actor, site_id, "siteId")
    scope = "siteId" if department_id is None else "departmentId"
    try:
        async with atomic():
            if site_id is not None and not await Site.filter(id=site_id).exists():
                raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
            if department_id is not None and not await department_exists(department_id, site_id):
                raise ServiceError("NOT_FOUND", "calendars.unknown_department", "departmentId")
            if await BusinessCalendar.filter(site_id=site_id, department_id=department_id).exists():
                raise ServiceError("CONFLICT", "calendars.calendar_exists", scope)
            calendar = await BusinessCalendar.create(
                name=name,
                site_id=site_id,
                department_id=department_id,
                timezone=timezone,
                country=country,
                subdivision=subdivision,
            )
            await _write_hours(calendar, week)
            await record(
                actor,
                "businessCalendarCreate",
                calendar,
                after={
                    **_values(calendar),
                    "department_id": department_id,
                    "hours": _hours_text(week),
                },
            )
    except IntegrityError:
        # Another request created the site's calendar between our check and our insert.
        raise ServiceError("CONFLICT", "calendars.calendar_exists", scope) from None
    return calendar


async def update_calendar(
    actor: Actor,
    calendar_id: int,
    *,
    name: str | None = None,
    hours: Iterable[Mapping[str, Any]] | None = None,
    timezone: str | None = None,
    country: str | None = None,
    subdivision: str | None = None,
) -> BusinessCalendar:
    """Change what is given (None: unchanged; ``""`` clears the zone, country or
    subdivision); ``hours`` replaces the whole week."""
    problems: list[Problem] = []
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _common.checked_name(name, problems)
    week = None if hours is None else _common.checked_hours(hours, problems)
    if timezone is not None:
        changes["timezone"] = _common.checked_zone(timezone, problems)
    async with atomic():
        calendar = await BusinessCalendar.filter(id=calendar_id).select_for_update().first()
        if calendar is None:
            raise ServiceError("NOT_FOUND", "core.not_found", "id")
        editable(actor, calendar.site_id)
        if country is not None or subdivision is not None:
            new_country = calendar.country if country is None else country
            same_country = (new_country or "").strip().upper() == (calendar.country or "")
            # A new country drops the old subdivision unless one is given with it.
            new_sub = subdivision
            if new_sub is None:
                new_sub = calendar.subdivision if same_country else None
            found = _common.checked_holidays(new_country, new_sub, problems)
            changes["country"], changes["subdivision"] = found
        if problems:
            raise ServiceError("INVALID", problems=problems)
        before = _values(calendar)
        old_week = None
        if week is not None:
            old_week = await _read_hours(calendar.id)
        for key, value in changes.items():
            setattr(calendar, key, value)
        after = _values(calendar)
        changed = [f for f in FIELDS if before[f] != after[f]]
        hours_changed = week is not None and sorted(week) != old_week
        if changed or hours_changed:
            # updated_at moves on every change: cached business time is keyed by it.
            await calendar.save(update_fields=[*changed, "updated_at"])
            if hours_changed and week is not None:
                await WorkingHours.filter(calendar_id=calendar.id).delete()
                await _write_hours(calendar, week)
            was = {f: before[f] for f in changed}
            now = {f: after[f] for f in changed}
            if hours_changed and week is not None and old_week is not None:
                was["hours"], now["hours"] = _hours_text(old_week), _hours_text(week)
            await record(actor, "businessCalendarUpdate", calendar, before=was, after=now)
    return calendar


async def _write_hours(calendar: BusinessCalendar, week: list[tuple[int, int, int]]) -> None:
    await WorkingHours.bulk_create(
        [
            WorkingHours(calendar_id=calendar.id, weekday=w, start_minute=s, end_minute=e)
            for w, s, e in week
        ]
    )


async def _read_hours(calendar_id: int) -> list[tuple[int, int, int]]:
    rows = await WorkingHours.filter(calendar_id=calendar_id).values_list(
        "weekday", "start_minute", "end_minute"
    )
    return sorted((int(w), int(s), int(e)) for w, s, e in rows)


def _values(calendar: BusinessCalendar) -> dict[str, Any]:
    return {f: getattr(calendar, f) for f in FIELDS}


def _hours_text(week: Iterable[tuple[int, int, int]]) -> list[str]:
    return [f"{w} {_common.clock_of(s)}-{_common.clock_of(e)}" for w, s, e in sorted(week)]


async def delete_calendar(actor: Actor, calendar_id: int) -> BusinessCalendar:
    """Remove a calendar with its hours and closed days: the next calendar in the resolution
    order (or the 24/7 clock) applies from then on; due times already computed stay."""
    async with atomic():
        calendar = await BusinessCalendar.filter(id=calendar_id).select_for_update().first()
        if calendar is None:
            raise ServiceError("NOT_FOUND", "core.not_found", "id")
        editable(actor, calendar.site_id)
        week = await _read_hours(calendar.id)
        await record(
            actor,
            "businessCalendarDelete",
            calendar,
            before={
                **_values(calendar),
                "department_id": calendar.department_id,
                "hours": _hours_text(week),
            },
        )
        await calendar.delete()
    return calendar
