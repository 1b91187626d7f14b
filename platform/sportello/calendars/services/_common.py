"""Checks shared by the calendar services: hours, holidays' country and subdivision, zones."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Mapping
from typing import Any

from sportello.calendars import public_holidays
from sportello.calendars.business_time import MINUTES_A_DAY
from sportello.services import Problem

_TIME = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")
#: How many intervals one calendar may hold (seven days of a few breaks each).
MAX_INTERVALS = 70


def minute_of(text: Any) -> int | None:
    """``"08:30"`` -> 510; ``"24:00"`` -> 1440 (the end of the day); anything else -> None."""
    match = _TIME.match(str(text or "").strip())
    if match is None:
        return None
    value = int(match.group(1)) * 60 + int(match.group(2))
    return value if value <= MINUTES_A_DAY else None


def clock_of(minute: int) -> str:
    """510 -> ``"08:30"``; 1440 -> ``"24:00"``."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def checked_hours(
    hours: Iterable[Mapping[str, Any]], problems: list[Problem]
) -> list[tuple[int, int, int]]:
    """``[{weekday, start, end}]`` (weekday 0 = Monday; times ``HH:MM``, end ``24:00`` at the
    latest) as (weekday, start minute, end minute), with a problem per bad item."""
    out: list[tuple[int, int, int, int]] = []
    items = list(hours)
    if not items:
        problems.append(Problem("NO_HOURS", "calendars.no_hours", "hours"))
    if len(items) > MAX_INTERVALS:
        problems.append(
            Problem("INVALID", "calendars.too_many_hours", "hours", {"max": MAX_INTERVALS})
        )
        return []
    for i, item in enumerate(items):
        weekday = item.get("weekday")
        start, end = minute_of(item.get("start")), minute_of(item.get("end"))
        bad = False
        if not isinstance(weekday, int) or not 0 <= weekday <= 6:
            problems.append(Problem("INVALID", "calendars.invalid_weekday", f"hours.{i}.weekday"))
            bad = True
        if start is None or start >= MINUTES_A_DAY:
            problems.append(Problem("INVALID_TIME", "calendars.invalid_time", f"hours.{i}.start"))
            bad = True
        if end is None or end == 0:
            problems.append(Problem("INVALID_TIME", "calendars.invalid_time", f"hours.{i}.end"))
            bad = True
        if bad:
            continue
        assert isinstance(weekday, int) and start is not None and end is not None
        if end <= start:
            problems.append(
                Problem("END_BEFORE_START", "calendars.end_before_start", f"hours.{i}.end")
            )
            continue
        out.append((weekday, start, end, i))
    out.sort()
    for (day_a, _, end_a, _), (day_b, start_b, _, i) in zip(out, out[1:], strict=False):
        if day_a == day_b and start_b < end_a:
            problems.append(
                Problem("OVERLAPPING_HOURS", "calendars.overlapping_hours", f"hours.{i}")
            )
    return [(w, s, e) for w, s, e, _ in out]


def checked_holidays(
    country: str | None, subdivision: str | None, problems: list[Problem]
) -> tuple[str | None, str | None]:
    """The country (upper case) and the subdivision's code, or problems naming them."""
    country = (country or "").strip().upper() or None
    subdivision = (subdivision or "").strip() or None
    if country is None:
        if subdivision is not None:
            problems.append(
                Problem(
                    "UNKNOWN_SUBDIVISION", "calendars.subdivision_without_country", "subdivision"
                )
            )
        return None, None
    if not public_holidays.known_country(country):
        problems.append(Problem("UNKNOWN_COUNTRY", "calendars.unknown_country", "country"))
        return country, subdivision
    if subdivision is not None:
        code = public_holidays.subdivision_code(country, subdivision)
        if code is None:
            problems.append(
                Problem("UNKNOWN_SUBDIVISION", "calendars.unknown_subdivision", "subdivision")
            )
        subdivision = code or subdivision
    return country, subdivision


def checked_zone(name: str | None, problems: list[Problem]) -> str | None:
    """An IANA zone name, or None (follow the site)."""
    name = (name or "").strip() or None
    if name is None:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        problems.append(Problem("INVALID_TIMEZONE", "calendars.invalid_timezone", "timezone"))
    return name


def checked_name(name: str | None, problems: list[Problem]) -> str:
    name = (name or "").strip()
    if not name:
        problems.append(Problem("REQUIRED", "core.required", "name"))
    elif len(name) > 200:
        problems.append(Problem("INVALID", "calendars.too_long", "name", {"max": 200}))
    return name
