"""Business calendars through the public GraphQL API: the acceptance cases of issue 13 (Rome's
Friday target skipping 2 June, exact minutes across the October DST change, Orthodox Easter
Monday in Athens), breaks, local closed days, typed errors, permissions, site scoping."""

from __future__ import annotations

import asyncio
from typing import Any

from sportello.testing import count_queries

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
CAL = """id name timezone country subdivision site { id }
         hours { weekday start end } closedDays { date name open }"""
CREATE = f"""mutation($i: BusinessCalendarCreateInput!) {{ businessCalendarCreate(input: $i) {{
    businessCalendar {{ {CAL} }} errors {{ field code message }} }} }}"""
UPDATE = f"""mutation($i: BusinessCalendarUpdateInput!) {{ businessCalendarUpdate(input: $i) {{
    businessCalendar {{ {CAL} }} errors {{ field code message }} }} }}"""
CLOSE = """mutation($i: BusinessCalendarClosedDayAddInput!) {
    businessCalendarClosedDayAdd(input: $i) {
      businessCalendar { closedDays { date name open } } errors { field code } } }"""
REOPEN = """mutation($i: BusinessCalendarClosedDayRemoveInput!) {
    businessCalendarClosedDayRemove(input: $i) {
      businessCalendar { closedDays { date } } errors { field code } } }"""
ADD = """query($id: ID!, $from: DateTime!, $m: Int!) { node(id: $id) { ... on BusinessCalendar {
    addBusinessMinutes(from: $from, minutes: $m) } } }"""
BETWEEN = """query($id: ID!, $from: DateTime!, $to: DateTime!) { node(id: $id) {
    ... on BusinessCalendar { businessMinutesBetween(from: $from, to: $to) } } }"""
HOLIDAYS = """query($id: ID!, $y: Int!) { node(id: $id) {
    ... on BusinessCalendar { holidays(year: $y) { date name } } } }"""
LIST = """query($n: Int!, $s: ID) { businessCalendars(first: $n, siteId: $s) { totalCount
    edges { node { name timezone site { id } hours { weekday start end } closedDays { date }
    holidays(year: 2027) { date }
    addBusinessMinutes(from: "2027-06-04T17:30:00+02:00", minutes: 60)
    businessMinutesBetween(from: "2027-06-04T16:00:00+02:00", to: "2027-06-08T10:00:00+02:00")
    } } } }"""

WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
OFFICE_HOURS = [
    *({"weekday": d, "start": "09:00", "end": "13:00"} for d in WEEKDAYS),
    *({"weekday": d, "start": "14:00", "end": "18:00"} for d in WEEKDAYS),
]
ALWAYS = [
    {"weekday": d, "start": "00:00", "end": "24:00"} for d in (*WEEKDAYS, "SATURDAY", "SUNDAY")
]


async def site(h: Any, code: str, timezone: str = "Europe/Rome") -> str:
    data = await h.ok(SITE, {"i": {"code": code, "name": code.title(), "timezone": timezone}})
    assert data["siteCreate"]["errors"] == []
    site_id: str = data["siteCreate"]["site"]["id"]
    return site_id


async def calendar(h: Any, **fields: Any) -> dict[str, Any]:
    data = await h.ok(CREATE, {"i": {"name": "Office", "hours": OFFICE_HOURS, **fields}})
    payload: dict[str, Any] = data["businessCalendarCreate"]
    assert payload["errors"] == [], payload
    cal: dict[str, Any] = payload["businessCalendar"]
    return cal


async def add(h: Any, cal_id: str, start: str, minutes: int) -> str:
    data = await h.ok(ADD, {"id": cal_id, "from": start, "m": minutes}, as_="front_desk")
    value: str = data["node"]["addBusinessMinutes"]
    return value


async def between(h: Any, cal_id: str, start: str, end: str) -> int:
    data = await h.ok(BETWEEN, {"id": cal_id, "from": start, "to": end}, as_="front_desk")
    value: int = data["node"]["businessMinutesBetween"]
    return value


async def test_friday_target_in_rome_skips_the_weekend_and_2_june(sportello_app) -> None:
    """8 working hours from Friday 30 May 2025 16:00 (9-13, 14-18): 2 h on Friday, Saturday
    and Sunday closed, Monday 2 June is Festa della Repubblica, so the target falls on
    Tuesday 3 June at 16:00 (4 h in the morning, 2 h after lunch)."""
    async with sportello_app() as h:
        rome = await site(h, "ROMA")
        cal = await calendar(h, siteId=rome, country="it", subdivision="Roma")
        assert cal["timezone"] == "Europe/Rome"
        assert (cal["country"], cal["subdivision"]) == ("IT", "RM")
        assert len(cal["hours"]) == 10 and cal["site"] == {"id": rome}
        due = await add(h, cal["id"], "2025-05-30T16:00:00+02:00", 8 * 60)
        assert due == "2025-06-03T14:00:00+00:00"  # 16:00 in Rome
        assert await between(h, cal["id"], "2025-05-30T16:00:00+02:00", due) == 480
        # A time without an offset is the calendar's local time.
        assert await add(h, cal["id"], "2025-05-30T16:00:00", 480) == due
        # Breaks do not count: 12:00 + 2 h is 15:00, not 14:00; 12:00 to 15:00 is 120 min.
        noon = "2025-06-04T12:00:00+02:00"
        assert await add(h, cal["id"], noon, 120) == "2025-06-04T13:00:00+00:00"
        assert await between(h, cal["id"], noon, "2025-06-04T15:00:00+02:00") == 120
        # Rome's patron saints (29 June, a Monday in 2026) close it too.
        assert (
            await between(h, cal["id"], "2026-06-29T00:00:00+02:00", "2026-06-30T00:00:00+02:00")
            == 0
        )
        holidays = (await h.ok(HOLIDAYS, {"id": cal["id"], "y": 2026}))["node"]["holidays"]
        assert {"2026-06-02", "2026-06-29"} <= {d["date"] for d in holidays}


async def test_minutes_are_exact_across_the_october_dst_change(sportello_app) -> None:
    """Rome leaves summer time on Sunday 31 October 2027 (03:00 CEST -> 02:00 CET): that local
    day is 25 hours long, and Sunday 01:00-05:00 is five elapsed hours."""
    async with sportello_app() as h:
        rome = await site(h, "ROMA")
        always = await calendar(h, siteId=rome, name="Housekeeping", hours=ALWAYS)
        sat, mon = "2027-10-30T00:00:00+02:00", "2027-11-01T00:00:00+01:00"
        assert await between(h, always["id"], sat, mon) == 49 * 60
        assert await add(h, always["id"], sat, 49 * 60) == "2027-10-31T23:00:00+00:00"
        # One hour before the change and one after: 120 real minutes over a wall-clock hour.
        assert (
            await between(h, always["id"], "2027-10-31T02:30:00+02:00", "2027-10-31T02:30:00+01:00")
            == 60
        )

        other = await site(h, "NIGHT")
        night = await calendar(
            h, siteId=other, hours=[{"weekday": "SUNDAY", "start": "01:00", "end": "05:00"}]
        )
        assert await between(h, night["id"], sat, mon) == 300
        assert await add(h, night["id"], sat, 300) == "2027-10-31T04:00:00+00:00"  # 05:00 CET
        assert await add(h, night["id"], sat, 240) == "2027-10-31T03:00:00+00:00"  # 04:00 CET
        # The spring change (28 March 2027) takes an hour away.
        assert (
            await between(h, night["id"], "2027-03-27T00:00:00+01:00", "2027-03-29T00:00:00+02:00")
            == 180
        )
        # Office hours across the change: a normal Monday after it.
        office = await site(h, "OFFICE")
        cal = await calendar(h, siteId=office)
        fri = "2027-10-29T17:00:00+02:00"
        # Friday 17-18 CEST, then Monday 1 November (no country: no holiday) 9-10 CET.
        assert await add(h, cal["id"], fri, 120) == "2027-11-01T09:00:00+00:00"
        assert await between(h, cal["id"], fri, "2027-11-01T10:00:00+01:00") == 120


async def test_orthodox_easter_monday_closes_athens_not_rome(sportello_app) -> None:
    """2027: Orthodox Easter is 2 May (Easter Monday 3 May), Catholic Easter 28 March."""
    async with sportello_app() as h:
        athens = await calendar(
            h, siteId=await site(h, "ATHENS", "Europe/Athens"), country="GR", name="Athens"
        )
        rome = await calendar(h, siteId=await site(h, "ROMA"), country="IT", subdivision="RM")
        assert athens["timezone"] == "Europe/Athens"
        day = ("2027-05-03T00:00:00", "2027-05-04T00:00:00")  # local time of each calendar
        assert await between(h, athens["id"], *day) == 0
        assert await between(h, rome["id"], *day) == 480
        easter = ("2027-03-29T00:00:00", "2027-03-30T00:00:00")
        assert await between(h, athens["id"], *easter) == 480
        assert await between(h, rome["id"], *easter) == 0
        greek = await h.gql(HOLIDAYS, {"id": athens["id"], "y": 2027}, as_="front_desk")
        names = {d["date"]: d["name"] for d in greek["data"]["node"]["holidays"]}
        assert "2027-05-03" in names and "2027-03-29" not in names


async def test_local_closed_days_and_worked_holidays(sportello_app) -> None:
    async with sportello_app() as h:
        cal = await calendar(h, siteId=await site(h, "ROMA"), country="IT")
        wed = ("2027-06-09T00:00:00", "2027-06-10T00:00:00")
        assert await between(h, cal["id"], *wed) == 480
        got = await h.ok(
            CLOSE, {"i": {"calendarId": cal["id"], "date": "2027-06-09", "name": "Office move"}}
        )
        assert got["businessCalendarClosedDayAdd"]["businessCalendar"]["closedDays"] == [
            {"date": "2027-06-09", "name": "Office move", "open": False}
        ]
        assert await between(h, cal["id"], *wed) == 0
        again = await h.ok(CLOSE, {"i": {"calendarId": cal["id"], "date": "2027-06-09"}})
        assert again["businessCalendarClosedDayAdd"]["errors"] == [
            {"field": "date", "code": "CONFLICT"}
        ]
        # A public holiday worked: Wednesday 2 June 2027 opens with the usual hours.
        republic = ("2027-06-02T00:00:00", "2027-06-03T00:00:00")
        assert await between(h, cal["id"], *republic) == 0
        await h.ok(CLOSE, {"i": {"calendarId": cal["id"], "date": "2027-06-02", "open": True}})
        assert await between(h, cal["id"], *republic) == 480
        out = await h.ok(REOPEN, {"i": {"calendarId": cal["id"], "date": "2027-06-09"}})
        assert out["businessCalendarClosedDayRemove"]["businessCalendar"]["closedDays"] == [
            {"date": "2027-06-02"}
        ]
        assert await between(h, cal["id"], *wed) == 480
        missing = await h.ok(REOPEN, {"i": {"calendarId": cal["id"], "date": "2027-06-09"}})
        assert missing["businessCalendarClosedDayRemove"]["errors"] == [
            {"field": "date", "code": "NOT_FOUND"}
        ]


async def test_bad_hours_and_settings_are_typed_errors(sportello_app) -> None:
    from sportello.calendars.models import BusinessCalendar, WorkingHours

    async with sportello_app() as h:
        rome = await site(h, "ROMA")

        async def errors(**fields: Any) -> list[dict[str, Any]]:
            data = await h.ok(CREATE, {"i": {"name": "X", "siteId": rome, **fields}})
            assert data["businessCalendarCreate"]["businessCalendar"] is None
            return [
                {"field": e["field"], "code": e["code"]}
                for e in data["businessCalendarCreate"]["errors"]
            ]

        mon = "MONDAY"
        assert await errors(hours=[{"weekday": mon, "start": "13:00", "end": "09:00"}]) == [
            {"field": "hours.0.end", "code": "END_BEFORE_START"}
        ]
        overlap = [
            {"weekday": mon, "start": "09:00", "end": "13:00"},
            {"weekday": mon, "start": "12:00", "end": "15:00"},
        ]
        assert await errors(hours=overlap) == [{"field": "hours.1", "code": "OVERLAPPING_HOURS"}]
        assert await errors(hours=[{"weekday": mon, "start": "9h", "end": "25:00"}]) == [
            {"field": "hours.0.start", "code": "INVALID_TIME"},
            {"field": "hours.0.end", "code": "INVALID_TIME"},
        ]
        assert await errors(hours=[]) == [{"field": "hours", "code": "NO_HOURS"}]
        assert await errors(hours=OFFICE_HOURS, country="XX") == [
            {"field": "country", "code": "UNKNOWN_COUNTRY"}
        ]
        assert await errors(hours=OFFICE_HOURS, country="IT", subdivision="Atlantis") == [
            {"field": "subdivision", "code": "UNKNOWN_SUBDIVISION"}
        ]
        assert await errors(hours=OFFICE_HOURS, country="GR", subdivision="RM") == [
            {"field": "subdivision", "code": "UNKNOWN_SUBDIVISION"}
        ]
        assert await errors(hours=OFFICE_HOURS, timezone="Europe/Nowhere") == [
            {"field": "timezone", "code": "INVALID_TIMEZONE"}
        ]
        assert await BusinessCalendar.all().count() == 0
        assert await WorkingHours.all().count() == 0

        # In the caller's language.
        data = await h.ok(
            CREATE,
            {"i": {"name": "X", "hours": OFFICE_HOURS, "timezone": "Mars/Base"}},
            headers={"accept-language": "it"},
        )
        message = data["businessCalendarCreate"]["errors"][0]["message"]
        assert message.startswith("Fuso orario sconosciuto"), message

        # An update with a bad week leaves the old week whole.
        cal = await calendar(h, siteId=rome)
        bad = await h.ok(
            UPDATE,
            {"i": {"id": cal["id"], "name": "Renamed", "hours": overlap}},
        )
        assert bad["businessCalendarUpdate"]["errors"][0]["code"] == "OVERLAPPING_HOURS"
        assert await WorkingHours.filter(calendar_id=int_id(cal["id"])).count() == 10
        assert (await BusinessCalendar.get(id=int_id(cal["id"]))).name == "Office"


def int_id(global_id: str) -> int:
    from sportello.graphql.ids import decode_id

    return decode_id(global_id, "BusinessCalendar", "id")


async def test_update_hours_zone_and_holidays(sportello_app) -> None:
    async with sportello_app() as h:
        madrid = await site(h, "MADRID", "Europe/Madrid")
        cal = await calendar(h, siteId=madrid, country="ES", subdivision="MD")
        # Madrid's 2027 holidays include San José (19 March) for the community of Madrid.
        friday = ("2027-03-19T00:00:00", "2027-03-20T00:00:00")
        assert await between(h, cal["id"], *friday) == 0
        new_week = [{"weekday": "FRIDAY", "start": "08:00", "end": "15:00"}]
        got = await h.ok(
            UPDATE,
            {"i": {"id": cal["id"], "hours": new_week, "subdivision": "", "timezone": "UTC"}},
        )
        updated = got["businessCalendarUpdate"]["businessCalendar"]
        assert updated["hours"] == [{"weekday": "FRIDAY", "start": "08:00", "end": "15:00"}]
        assert (updated["country"], updated["subdivision"], updated["timezone"]) == (
            "ES",
            None,
            "UTC",
        )
        # Without the community, 19 March is a working Friday: 7 hours.
        assert await between(h, cal["id"], "2027-03-19T00:00:00Z", "2027-03-20T00:00:00Z") == 420
        # The same country keeps the subdivision; a new one drops it; "" drops both.
        got = await h.ok(UPDATE, {"i": {"id": cal["id"], "subdivision": "CT"}})
        got = await h.ok(UPDATE, {"i": {"id": cal["id"], "country": "es", "name": "Madrid"}})
        kept = got["businessCalendarUpdate"]["businessCalendar"]
        assert (kept["country"], kept["subdivision"]) == ("ES", "CT")
        got = await h.ok(UPDATE, {"i": {"id": cal["id"], "country": "PT"}})
        moved = got["businessCalendarUpdate"]["businessCalendar"]
        assert (moved["country"], moved["subdivision"]) == ("PT", None)
        got = await h.ok(UPDATE, {"i": {"id": cal["id"], "country": ""}})
        assert got["businessCalendarUpdate"]["businessCalendar"]["country"] is None


async def test_permissions_and_site_scope(sportello_app) -> None:
    async with sportello_app() as h:
        rome, milan = await site(h, "ROMA"), await site(h, "MILANO")
        rome_cal = await calendar(h, siteId=rome, name="Rome")
        milan_cal = await calendar(h, siteId=milan, name="Milan")
        default = await calendar(h, name="Organisation", timezone="Europe/Rome")

        denied = await h.gql(CREATE, {"i": {"name": "X", "hours": OFFICE_HOURS}}, as_="front_desk")
        assert denied["errors"] and denied["data"] is None
        anonymous = await h.gql(LIST, {"n": 10}, as_=None)
        assert anonymous["errors"]

        from sportello.graphql.ids import decode_id

        rome_pk = decode_id(rome, "Site", "siteId")
        token = await h.token(roles=["manager"], sites=[rome_pk])
        seen = await h.gql(LIST, {"n": 10}, token=token)
        names = [e["node"]["name"] for e in seen["data"]["businessCalendars"]["edges"]]
        assert names == ["Organisation", "Rome"]  # the default belongs to every site
        hidden = await h.gql(
            ADD, {"id": milan_cal["id"], "from": "2027-01-04T10:00:00Z", "m": 1}, token=token
        )
        assert hidden["data"]["node"] is None
        # A manager of one site edits that site's calendar, not another's, not the default.
        ok = await h.gql(UPDATE, {"i": {"id": rome_cal["id"], "name": "Roma"}}, token=token)
        assert ok["data"]["businessCalendarUpdate"]["errors"] == []
        other = await h.gql(UPDATE, {"i": {"id": milan_cal["id"], "name": "X"}}, token=token)
        assert other["data"]["businessCalendarUpdate"]["errors"][0]["code"] == "NOT_FOUND"
        org = await h.gql(UPDATE, {"i": {"id": default["id"], "name": "X"}}, token=token)
        assert org["data"]["businessCalendarUpdate"]["errors"][0]["code"] == "FORBIDDEN"
        create = await h.gql(
            CREATE, {"i": {"name": "X", "siteId": milan, "hours": ALWAYS}}, token=token
        )
        assert create["data"]["businessCalendarCreate"]["errors"][0]["code"] == "NOT_FOUND"
        # One calendar per site.
        twice = await h.ok(CREATE, {"i": {"name": "Again", "siteId": rome, "hours": ALWAYS}})
        assert twice["businessCalendarCreate"]["errors"][0]["code"] == "CONFLICT"
        only_milan = await h.ok(LIST, {"n": 10, "s": milan})
        assert [e["node"]["name"] for e in only_milan["businessCalendars"]["edges"]] == ["Milan"]


async def test_list_queries_do_not_grow_with_the_page(sportello_app) -> None:
    from sportello.calendars.services import clear_cache

    async with sportello_app() as h:
        for i in range(6):
            cal = await calendar(h, siteId=await site(h, f"S{i}"), name=f"Cal {i}", country="IT")
            await h.ok(CLOSE, {"i": {"calendarId": cal["id"], "date": "2027-06-07"}})
        await calendar(h, name="Default", timezone="Europe/Rome")
        counts = []
        for size in (1, 7):
            clear_cache()
            await h.token()  # the token look-up is cached before counting
            with count_queries() as statements:
                data = await h.ok(LIST, {"n": size})
            edges = data["businessCalendars"]["edges"]
            assert len(edges) == size
            node = edges[-1]["node"]
            # 30 min on Friday, Monday 7 June closed (not in the default calendar), 30 min next.
            expected = {"Default": "2027-06-07T07:30:00+00:00"}
            for edge in edges:
                node = edge["node"]
                due = expected.get(node["name"], "2027-06-08T07:30:00+00:00")
                assert node["addBusinessMinutes"] == due, node
                assert len(node["hours"]) == 10 and node["timezone"] == "Europe/Rome"
            # What the list reads (the token look-up and background event polling aside).
            mine = [s for s in statements if "calendars_" in s or "parties_" in s]
            counts.append(mine)
        # page, count, site zones, hours and closed days (business time; the fields)
        assert len(counts[0]) == len(counts[1]) <= 7, counts


async def test_concurrent_creates_for_one_site_leave_one_calendar(sportello_app) -> None:
    from sportello.calendars.models import BusinessCalendar

    async with sportello_app(live=True) as h:
        rome = await site(h, "ROMA")
        token = await h.token()
        results = await asyncio.gather(
            *(
                h.gql(
                    CREATE, {"i": {"name": f"C{n}", "siteId": rome, "hours": ALWAYS}}, token=token
                )
                for n in range(6)
            )
        )
        codes = []
        for result in results:
            assert not result.get("errors"), result
            codes.append([e["code"] for e in result["data"]["businessCalendarCreate"]["errors"]])
        assert sorted(codes) == [[]] + [["CONFLICT"]] * 5, codes
        assert await BusinessCalendar.all().count() == 1
        # Closing one date from two desks at once: one row, one CONFLICT.
        cal_id = next(
            r["data"]["businessCalendarCreate"]["businessCalendar"]["id"]
            for r in results
            if r["data"]["businessCalendarCreate"]["businessCalendar"]
        )
        closes = await asyncio.gather(
            *(
                h.gql(CLOSE, {"i": {"calendarId": cal_id, "date": "2027-08-16"}}, token=token)
                for _ in range(4)
            )
        )
        codes = sorted(
            [e["code"] for e in r["data"]["businessCalendarClosedDayAdd"]["errors"]] for r in closes
        )
        assert codes == [[]] + [["CONFLICT"]] * 3, codes


async def test_demo_calendars(sportello_app) -> None:
    async with sportello_app() as h:
        await h.load_demo()
        await h.load_demo()  # idempotent
        data = await h.ok(
            """{ businessCalendars(first: 10) { edges { node { name country subdivision
                 site { code } department { code } hours { weekday start end } } } } }"""
        )
        by_scope = {
            ((e["node"]["site"] or {}).get("code"), (e["node"]["department"] or {}).get("code")): e[
                "node"
            ]
            for e in data["businessCalendars"]["edges"]
        }
        assert set(by_scope) == {("TOWNHALL", None), ("HOTEL", "HK"), (None, "IT")}
        townhall = by_scope[("TOWNHALL", None)]
        assert (townhall["country"], townhall["subdivision"]) == ("IT", "RM")
        tuesday = [h for h in townhall["hours"] if h["weekday"] == "TUESDAY"]
        assert tuesday == [
            {"weekday": "TUESDAY", "start": "08:30", "end": "12:30"},
            {"weekday": "TUESDAY", "start": "14:30", "end": "17:00"},
        ]
        housekeeping = by_scope[("HOTEL", "HK")]
        assert len(housekeeping["hours"]) == 7 and housekeeping["country"] is None
        assert len(by_scope[(None, "IT")]["hours"]) == 10
