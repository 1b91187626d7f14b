"""Demo calendars: a municipal office in Rome, a hotel's round-the-clock housekeeping and the
organisation's IT desk, 9-18 with a lunch break (idempotent). The housekeeping and IT calendars
belong to the demo departments when they exist, else to their sites."""

from __future__ import annotations

from sportello.calendars.models import BusinessCalendar
from sportello.calendars.services import create_calendar
from sportello.org.models import Department
from sportello.parties.models import Site
from sportello.services import SYSTEM

WEEKDAYS = range(5)

#: (site code or None, department code or None, name, zone, country, subdivision,
#: hours as (weekday, start, end))
Spec = tuple[str | None, str | None, str, str, str | None, str | None, list[tuple[int, str, str]]]
CALENDARS: list[Spec] = [
    (
        "TOWNHALL",
        None,
        "Municipal office (Rome): mornings, Tuesday and Thursday afternoons",
        "Europe/Rome",
        "IT",
        "RM",
        [(d, "08:30", "12:30") for d in WEEKDAYS] + [(d, "14:30", "17:00") for d in (1, 3)],
    ),
    (
        "HOTEL",
        "HK",
        "Housekeeping, round the clock",
        "Europe/Rome",
        None,
        None,
        [(d, "00:00", "24:00") for d in range(7)],
    ),
    (
        None,
        "IT",
        "IT desk, 9-18 with a lunch break",
        "Europe/Rome",
        "IT",
        "BO",
        [(d, "09:00", "13:00") for d in WEEKDAYS] + [(d, "14:00", "18:00") for d in WEEKDAYS],
    ),
]
#: Where a calendar goes when its department is not there (the IT desk works at HQ).
FALLBACK_SITE = {"IT": "HQ"}


async def load() -> None:
    sites = {s.code: s.id for s in await Site.all()}
    units = {d.code: d for d in await Department.filter(code__isnull=False, active=True)}
    for site_code, unit_code, name, zone, country, subdivision, hours in CALENDARS:
        unit = units.get(unit_code) if unit_code else None
        if unit_code and unit is None:
            site_code = site_code or FALLBACK_SITE.get(unit_code)
        if site_code is not None and site_code not in sites:
            continue
        site_id = sites[site_code] if site_code else None
        department_id = unit.id if unit is not None else None
        if site_id is None and department_id is None:
            continue
        if await BusinessCalendar.filter(site_id=site_id, department_id=department_id).exists():
            continue
        await create_calendar(
            SYSTEM,
            name,
            [{"weekday": w, "start": s, "end": e} for w, s, e in hours],
            site_id=site_id,
            department_id=department_id,
            timezone=zone,
            country=country,
            subdivision=subdivision,
        )
