"""Clocks count business minutes of the item's calendar: breaks, weekends, public holidays
and pauses do not count."""

from __future__ import annotations

import datetime as dt

from sla_helpers import clock_of, create_policy, parse

from sportello import api

WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
OFFICE_HOURS = [
    *({"weekday": d, "start": "09:00", "end": "13:00"} for d in WEEKDAYS),
    *({"weekday": d, "start": "14:00", "end": "18:00"} for d in WEEKDAYS),
]
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
CALENDAR = """mutation($i: BusinessCalendarCreateInput!) { businessCalendarCreate(input: $i) {
    businessCalendar { id } errors { field code } } }"""
ROME = dt.timezone(dt.timedelta(hours=2))  # CEST, the offset of these days in Rome


async def test_eight_working_hours_from_friday_afternoon_in_rome(sportello_app) -> None:
    """Friday 30 May 2025 16:00: 2 h on Friday, the weekend, Monday 2 June (Festa della
    Repubblica) closed, 4 h on Tuesday morning and 2 h after lunch: due Tuesday 16:00. A pause
    of one working hour on Tuesday morning moves it to 17:00."""
    async with sportello_app() as h:
        site = {"code": "ROMA", "name": "Roma", "timezone": "Europe/Rome"}
        site_id = (await h.ok(SITE, {"i": site}))["siteCreate"]["site"]["id"]
        cal = {"name": "Uffici", "siteId": site_id, "hours": OFFICE_HOURS, "country": "IT"}
        made = await h.ok(CALENDAR, {"i": {**cal, "subdivision": "RM"}})
        assert made["businessCalendarCreate"]["errors"] == []
        await create_policy(h, name="Pratiche", position=10, resolutionMinutes=8 * 60)
        sid = api.decode_id(site_id, "Site", "siteId")
        start = dt.datetime(2025, 5, 30, 16, 0, tzinfo=ROME)
        await api.sla_start("crm", "case", 7, site_id=sid, at=start)
        clock = await clock_of(h, "crm", 7)
        assert parse(clock["dueResolutionAt"]) == dt.datetime(2025, 6, 3, 16, 0, tzinfo=ROME)
        # Waiting on the citizen from Tuesday 10:00 to 11:00: that hour does not count.
        await api.sla_pause(
            "crm", "case", 7, "waiting_customer", at=start.replace(day=3, hour=10, month=6)
        )
        await api.sla_resume("crm", "case", 7, at=start.replace(day=3, hour=11, month=6))
        clock = await clock_of(h, "crm", 7)
        assert clock["usedBusinessMinutes"] == 120 + 60  # Friday 2 h, Tuesday 9-10
        assert parse(clock["dueResolutionAt"]) == dt.datetime(2025, 6, 3, 17, 0, tzinfo=ROME)
