"""Opening hours are read by three aggregates (the catalogue validates them, walk-ins check
them, appointment slots are cut from them): one parser, no database."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sportello import api
from sportello_counter import models as m

END_OF_DAY = "24:00"


def _parse_time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _minute_of_day(value: str, *, end: bool = False) -> int:
    """Minutes since midnight of ``HH:MM``; ``24:00`` is accepted as the end of a range."""
    if end and value == END_OF_DAY:
        return 24 * 60
    t = _parse_time(value)
    return t.hour * 60 + t.minute


def _local(day: dt.date, value: str, tz: ZoneInfo) -> dt.datetime:
    """The local instant of ``HH:MM`` on ``day`` (``24:00`` = the next midnight)."""
    if value == END_OF_DAY:
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz)
    return dt.datetime.combine(day, _parse_time(value), tz)


def normalise_hours(hours: Any) -> dict[str, list[list[str]]]:
    """``{"0": [["08:30", "12:30"]]}`` (weekday 0 = Monday); raises INVALID on bad input."""
    if hours is not None and not isinstance(hours, dict):
        raise api.ServiceError("INVALID", "counter.invalid_hours", "openingHours")
    out: dict[str, list[list[str]]] = {}
    for key, ranges in (hours or {}).items():
        try:
            weekday = int(key)
            if not 0 <= weekday <= 6:
                raise ValueError
            cleaned = []
            for start, end in ranges:
                s, e = _minute_of_day(start), _minute_of_day(end, end=True)
                if e <= s:
                    raise ValueError
                cleaned.append([f"{s // 60:02d}:{s % 60:02d}", f"{e // 60:02d}:{e % 60:02d}"])
        except (TypeError, ValueError):
            raise api.ServiceError("INVALID", "counter.invalid_hours", "openingHours") from None
        out[str(weekday)] = sorted(cleaned)
    return out


def is_open(service: m.CounterService, local: dt.datetime) -> bool:
    """Whether the service takes walk-ins at the site-local time ``local``."""
    if not service.active or local.date().isoformat() in (service.closed_days or []):
        return False
    minute = local.hour * 60 + local.minute
    for start, end in (service.opening_hours or {}).get(str(local.weekday()), []):
        if _minute_of_day(start) <= minute < _minute_of_day(end, end=True):
            return True
    return False


def _day_windows(
    service: m.CounterService, day: dt.date, tz: ZoneInfo
) -> list[tuple[dt.datetime, dt.datetime]]:
    if day.isoformat() in (service.closed_days or []):
        return []
    ranges = (service.opening_hours or {}).get(str(day.weekday()), [])
    return [(_local(day, start, tz), _local(day, end, tz)) for start, end in ranges]
