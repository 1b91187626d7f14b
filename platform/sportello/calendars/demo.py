"""Demo calendars: a municipal office in Rome, a hotel's round-the-clock housekeeping and an
office's IT desk with a lunch break (idempotent)."""

from __future__ import annotations

from sportello.calendars.models import BusinessCalendar
from sportello.calendars.services import create_calendar
from sportello.parties.models import Site
from sportello.services import SYSTEM

WEEKDAYS = range(5)

#: site code -> (name, zone, country, subdivision, hours as (weekday, start, end))
CALENDARS: dict[str, tuple[str, str, str | None, str | None, list[tuple[int, str, str]]]] = {
    "TOWNHALL": (
        "Municipal office (Rome): mornings, Tuesday and Thursday afternoons",
        "Europe/Rome",
        "IT",
        "RM",
        [(d, "08:30", "12:30") for d in WEEKDAYS] + [(d, "14:30", "17:00") for d in (1, 3)],
    ),
    "HOTEL": (
        "Housekeeping, round the clock",
        "Europe/Rome",
        None,
        None,
        [(d, "00:00", "24:00") for d in range(7)],
    ),
    "HQ": (
        "IT desk, 9-18 with a lunch break",
        "Europe/Rome",
        "IT",
        "BO",
        [(d, "09:00", "13:00") for d in WEEKDAYS] + [(d, "14:00", "18:00") for d in WEEKDAYS],
    ),
}


async def load() -> None:
    for code, (name, zone, country, subdivision, hours) in CALENDARS.items():
        site = await Site.filter(code=code).first()
        if site is None or await BusinessCalendar.filter(site_id=site.id).exists():
            continue
        await create_calendar(
            SYSTEM,
            name,
            [{"weekday": w, "start": s, "end": e} for w, s, e in hours],
            site_id=site.id,
            timezone=zone,
            country=country,
            subdivision=subdivision,
        )
