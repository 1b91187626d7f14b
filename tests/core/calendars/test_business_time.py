"""BusinessTime through the service API offices use (``sportello.api``): resolution of the
calendar of a site, the bulk form's fixed queries, and the properties that tie ``add`` and
``between`` together on real calendars."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from sportello import api
from sportello.calendars import services
from sportello.parties.services import create_site
from sportello.services import SYSTEM
from sportello.testing import count_queries

ROME = ZoneInfo("Europe/Rome")
OFFICE = [{"weekday": d, "start": "09:00", "end": "13:00"} for d in range(5)] + [
    {"weekday": d, "start": "14:00", "end": "18:00"} for d in range(5)
]
TOWNHALL = [{"weekday": d, "start": "08:30", "end": "12:30"} for d in range(5)] + [
    {"weekday": d, "start": "14:30", "end": "17:00"} for d in (1, 3)
]
ALWAYS = [{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(7)]


async def test_resolution_site_then_default_then_always(sportello_app) -> None:
    async with sportello_app():
        rome = await create_site(SYSTEM, "ROMA", "Rome", timezone="Europe/Rome")
        athens = await create_site(SYSTEM, "ATH", "Athens", timezone="Europe/Athens")
        # No calendar anywhere: every minute counts.
        bare = await api.business_time(rome.id)
        start = dt.datetime(2027, 5, 3, 10, tzinfo=dt.UTC)
        assert bare.between(start, start + dt.timedelta(days=2)) == 2880

        await services.create_calendar(SYSTEM, "Rome", TOWNHALL, site_id=rome.id, country="IT")
        # The default follows the zone of the site it is used at.
        await services.create_calendar(SYSTEM, "Default", OFFICE, country="GR")
        times = await api.business_times([(rome.id, None), (athens.id, None), (None, None)])
        assert str(times[(rome.id, None)].timezone) == "Europe/Rome"
        assert str(times[(athens.id, None)].timezone) == "Europe/Athens"
        assert str(times[(None, None)].timezone) == "UTC"
        # Athens runs on the default: 9:00 local there is 6:00 UTC.
        monday = dt.datetime(2027, 5, 10, 6, tzinfo=dt.UTC)
        assert times[(athens.id, None)].is_open(monday)
        assert not times[(athens.id, None)].is_open(monday - dt.timedelta(minutes=1))
        # Rome's Monday: 8:30-12:30 only (afternoons on Tuesday and Thursday).
        rome_time = times[(rome.id, None)]
        day = dt.datetime(2027, 5, 10, tzinfo=ROME)
        assert rome_time.between(day, day + dt.timedelta(days=1)) == 240
        assert rome_time.between(day + dt.timedelta(days=1), day + dt.timedelta(days=2)) == 390
        assert rome_time.is_closed_day(dt.date(2027, 6, 2))
        assert not rome_time.is_closed_day(dt.date(2027, 5, 3))  # Orthodox Easter Monday


async def test_bulk_resolution_takes_fixed_queries(sportello_app) -> None:
    async with sportello_app():
        sites = [
            await create_site(SYSTEM, f"S{i}", f"Site {i}", timezone="Europe/Rome")
            for i in range(8)
        ]
        for s in sites[:4]:
            cal = await services.create_calendar(SYSTEM, s.code, OFFICE, site_id=s.id, country="IT")
            await services.add_closed_day(SYSTEM, cal.id, dt.date(2027, 8, 16), "Ferragosto bridge")
        await services.create_calendar(SYSTEM, "Default", ALWAYS)
        counts = []
        for keys in ([(sites[0].id, None)], [(s.id, None) for s in sites] + [(None, None)]):
            services.clear_cache()
            with count_queries() as statements:
                found = await api.business_times(keys)
            assert set(found) == set(keys)
            counts.append(len(statements))
        assert counts[0] == counts[1] <= 4, counts
        # Built calendars stay cached until a calendar changes.
        keys = [(s.id, None) for s in sites]
        with count_queries() as statements:
            cached = await api.business_times(keys)
        assert len(statements) <= 2, statements
        friday = dt.datetime(2027, 8, 13, 17, tzinfo=ROME)
        assert cached[keys[0]].add(friday, 120) == dt.datetime(2027, 8, 17, 10, tzinfo=ROME)
        assert cached[keys[5]].add(friday, 120) == dt.datetime(2027, 8, 13, 19, tzinfo=ROME)

        key = (sites[0].id, None)
        stored = cached[key]
        await services.remove_closed_day(
            SYSTEM, await _calendar_id(sites[0].id), dt.date(2027, 8, 16)
        )
        fresh = (await api.business_times([key]))[key]
        assert fresh is not stored
        assert fresh.add(friday, 120) == dt.datetime(2027, 8, 16, 10, tzinfo=ROME)


async def _calendar_id(site_id: int) -> int:
    from sportello.calendars.models import BusinessCalendar

    return (await BusinessCalendar.get(site_id=site_id)).id


@pytest.mark.parametrize("seed", [13])
async def test_add_and_between_agree(sportello_app, seed: int) -> None:
    """For any start and any open instant x: add(start, between(start, x)) == x; and
    between(start, add(start, m)) == m; and counting open minutes one by one agrees."""
    rng = random.Random(seed)
    async with sportello_app():
        zones = ("Europe/Rome", "Europe/Athens", "Europe/Madrid")
        weeks = (OFFICE, TOWNHALL, ALWAYS, [{"weekday": 6, "start": "01:00", "end": "05:00"}])
        holidays = (("IT", "RM"), ("GR", None), ("ES", "MD"), (None, None))
        keys = []
        for i, (week, (country, sub)) in enumerate(zip(weeks, holidays, strict=True)):
            site = await create_site(SYSTEM, f"P{i}", f"P{i}", timezone=zones[i % 3])
            cal = await services.create_calendar(
                SYSTEM, f"P{i}", week, site_id=site.id, country=country, subdivision=sub
            )
            await services.add_closed_day(SYSTEM, cal.id, dt.date(2027, 10, 27), "Closed")
            keys.append((site.id, None))
        times = await api.business_times(keys)
        origin = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
        for key in keys:
            bt = times[key]
            for _ in range(400):
                start = origin + dt.timedelta(minutes=rng.randrange(0, 600_000))
                minutes = rng.choice([0, 1, 59, 480, 2400, rng.randrange(0, 60_000)])
                due = bt.add(start, minutes)
                assert due.tzinfo is not None and due.utcoffset() == dt.timedelta(0)
                assert bt.between(start, due) == minutes, (bt, start, minutes, due)
                x = start + dt.timedelta(minutes=rng.randrange(1, 100_000))
                if bt.is_open(x - dt.timedelta(minutes=1)):  # x closes an open minute
                    assert bt.add(start, bt.between(start, x)) == x, (bt, start, x)
            # Brute force over the October DST week, minute by minute.
            a = dt.datetime(2027, 10, 25, tzinfo=dt.UTC)
            b = a + dt.timedelta(days=8)
            counted = sum(
                bt.is_open(a + dt.timedelta(minutes=m))
                for m in range(int((b - a).total_seconds() // 60))
            )
            assert bt.between(a, b) == counted, bt


async def test_add_days_calendar_and_business(sportello_app) -> None:
    async with sportello_app():
        site = await create_site(SYSTEM, "ROMA", "Rome", timezone="Europe/Rome")
        await services.create_calendar(SYSTEM, "Rome", OFFICE, site_id=site.id, country="IT")
        bt = await api.business_time(site.id)
        # Calendar days keep the local wall time across the DST change.
        start = dt.datetime(2027, 10, 20, 10, tzinfo=ROME)
        assert bt.add_days(start, 30, business=False) == dt.datetime(2027, 11, 19, 10, tzinfo=ROME)
        # Business days: Friday 29 Oct + 2 working days: Monday 1 Nov is All Saints, so
        # Tuesday 2 and Wednesday 3 November; the end of Wednesday's working day.
        friday = dt.datetime(2027, 10, 29, 11, tzinfo=ROME)
        assert bt.add_days(friday, 2, business=True) == dt.datetime(2027, 11, 3, 18, tzinfo=ROME)
        assert bt.add_days(friday, 0, business=True) == friday
        with pytest.raises(ValueError):
            bt.add(friday, -1)
        with pytest.raises(ValueError):
            bt.add(friday.replace(tzinfo=None), 1)
