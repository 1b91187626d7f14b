"""Local closed days of a calendar (and holidays it works, ``open``)."""

from __future__ import annotations

import datetime as dt

from tortoise.exceptions import IntegrityError

from sportello.calendars.models import BusinessCalendar, ClosedDay
from sportello.calendars.services.calendars import editable
from sportello.identity.audit import record
from sportello.services import Actor, ServiceError, atomic


async def _locked(actor: Actor, calendar_id: int) -> BusinessCalendar:
    calendar = await BusinessCalendar.filter(id=calendar_id).select_for_update().first()
    if calendar is None:
        raise ServiceError("NOT_FOUND", "core.not_found", "calendarId")
    editable(actor, calendar.site_id, "calendarId")
    return calendar


async def add_closed_day(
    actor: Actor, calendar_id: int, day: dt.date, name: str = "", *, open: bool = False
) -> BusinessCalendar:
    """Close a local date (or, ``open``, work a public holiday with the weekday's hours)."""
    name = (name or "").strip()
    if len(name) > 200:
        raise ServiceError("INVALID", "calendars.too_long", "name", max=200)
    try:
        async with atomic():
            calendar = await _locked(actor, calendar_id)
            if await ClosedDay.filter(calendar_id=calendar.id, day=day).exists():
                raise ServiceError("CONFLICT", "calendars.closed_day_exists", "date")
            await ClosedDay.create(calendar_id=calendar.id, day=day, name=name, open=open)
            await calendar.save(update_fields=["updated_at"])
            await record(
                actor,
                "businessCalendarClosedDayAdd",
                calendar,
                after={"date": day.isoformat(), "name": name, "open": open},
            )
    except IntegrityError:
        raise ServiceError("CONFLICT", "calendars.closed_day_exists", "date") from None
    return calendar


async def remove_closed_day(actor: Actor, calendar_id: int, day: dt.date) -> BusinessCalendar:
    async with atomic():
        calendar = await _locked(actor, calendar_id)
        row = await ClosedDay.filter(calendar_id=calendar.id, day=day).first()
        if row is None:
            raise ServiceError("NOT_FOUND", "calendars.no_closed_day", "date")
        await row.delete()
        await calendar.save(update_fields=["updated_at"])
        await record(
            actor,
            "businessCalendarClosedDayRemove",
            calendar,
            before={"date": day.isoformat(), "name": row.name, "open": row.open},
        )
    return calendar
