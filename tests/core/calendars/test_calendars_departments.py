"""Department calendars: a department working other hours than its site, resolution order
(department at the site > department > site > organisation default > 24/7), the unique
scope, and the GraphQL department field and filter."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sportello import api
from sportello.calendars import services
from sportello.org.services import create_department
from sportello.parties.services import create_site
from sportello.services import SYSTEM
from sportello.testing import count_queries

ROME = ZoneInfo("Europe/Rome")
OFFICE = [{"weekday": d, "start": "09:00", "end": "13:00"} for d in range(5)] + [
    {"weekday": d, "start": "14:00", "end": "18:00"} for d in range(5)
]
ALWAYS = [{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(7)]
MORNINGS = [{"weekday": d, "start": "08:00", "end": "12:00"} for d in range(5)]
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
DEPT = """mutation($i: DepartmentCreateInput!) { departmentCreate(input: $i) {
    department { id } errors { code } } }"""
CREATE = """mutation($i: BusinessCalendarCreateInput!) { businessCalendarCreate(input: $i) {
    businessCalendar { id name site { id } department { id name } }
    errors { field code } } }"""
LIST = """query($d: ID) { businessCalendars(first: 20, departmentId: $d) {
    edges { node { name department { name } } } } }"""
MONDAY = dt.datetime(2027, 5, 10, tzinfo=ROME)
DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def gql_hours(hours: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{**h, "weekday": DAYS[int(h["weekday"])]} for h in hours]  # type: ignore[call-overload]


def day_minutes(bt: api.BusinessTime) -> int:
    return bt.between(MONDAY, MONDAY + dt.timedelta(days=1))


async def test_resolution_order_with_departments(sportello_app) -> None:
    async with sportello_app() as h:
        hotel = await create_site(SYSTEM, "HOTEL", "Hotel", timezone="Europe/Rome")
        other = await create_site(SYSTEM, "OTHER", "Other", timezone="Europe/Athens")
        hk = await create_department(SYSTEM, "Housekeeping", site_id=hotel.id)
        it = await create_department(SYSTEM, "IT")
        await services.create_calendar(SYSTEM, "Default", MORNINGS, timezone="Europe/Rome")
        await services.create_calendar(SYSTEM, "Hotel", OFFICE, site_id=hotel.id)
        await services.create_calendar(
            SYSTEM, "Housekeeping", ALWAYS, site_id=hotel.id, department_id=hk.id
        )
        await services.create_calendar(SYSTEM, "IT desk", MORNINGS[:1], department_id=it.id)
        keys = [
            (hotel.id, hk.id),  # the department at its site
            (hotel.id, it.id),  # the organisation-wide department's own
            (hotel.id, None),  # the site's
            (other.id, hk.id),  # no such department calendar there: the default
            (None, None),
        ]
        await h.settle()  # the departments' events are delivered: their queries are not ours
        with count_queries() as statements:
            times = await api.business_times(keys)
        assert len(statements) <= 4, statements
        assert [day_minutes(times[k]) for k in keys] == [1440, 240, 480, 240, 240]
        # The organisation-wide department's calendar runs in each site's zone when it has
        # none of its own; the default has Rome's.
        assert str(times[(other.id, hk.id)].timezone) == "Europe/Rome"
        assert (await api.business_time(None, it.id)).between(
            MONDAY, MONDAY + dt.timedelta(days=7)
        ) == 240


async def test_department_calendars_through_graphql(sportello_app) -> None:
    async with sportello_app() as h:
        hotel = (await h.ok(SITE, {"i": {"code": "HOTEL", "name": "Hotel"}}))["siteCreate"]["site"][
            "id"
        ]
        other = (await h.ok(SITE, {"i": {"code": "OTHER", "name": "Other"}}))["siteCreate"]["site"][
            "id"
        ]
        hk = (await h.ok(DEPT, {"i": {"name": "Housekeeping", "siteId": hotel}}))[
            "departmentCreate"
        ]["department"]["id"]
        site_cal = await h.ok(
            CREATE, {"i": {"name": "Hotel", "siteId": hotel, "hours": gql_hours(ALWAYS)}}
        )
        assert site_cal["businessCalendarCreate"]["errors"] == []
        got = await h.ok(
            CREATE,
            {
                "i": {
                    "name": "Housekeeping",
                    "siteId": hotel,
                    "departmentId": hk,
                    "hours": gql_hours(OFFICE),
                }
            },
        )
        cal = got["businessCalendarCreate"]["businessCalendar"]
        assert cal["department"] == {"id": hk, "name": "Housekeeping"} and cal["site"] == {
            "id": hotel
        }
        twice = await h.ok(
            CREATE,
            {
                "i": {
                    "name": "Again",
                    "siteId": hotel,
                    "departmentId": hk,
                    "hours": gql_hours(OFFICE),
                }
            },
        )
        assert twice["businessCalendarCreate"]["errors"] == [
            {"field": "departmentId", "code": "CONFLICT"}
        ]
        # A department of another site does not work there.
        elsewhere = await h.ok(
            CREATE,
            {"i": {"name": "X", "siteId": other, "departmentId": hk, "hours": gql_hours(OFFICE)}},
        )
        assert elsewhere["businessCalendarCreate"]["errors"] == [
            {"field": "departmentId", "code": "NOT_FOUND"}
        ]
        listed = await h.ok(LIST, {"d": hk})
        assert [e["node"] for e in listed["businessCalendars"]["edges"]] == [
            {"name": "Housekeeping", "department": {"name": "Housekeeping"}}
        ]


DELETE = """mutation($i: BusinessCalendarDeleteInput!) { businessCalendarDelete(input: $i) {
    businessCalendar { id name } errors { field code } } }"""


async def test_deleting_a_calendar_falls_back_to_the_next_one(sportello_app) -> None:
    from sportello.calendars.models import BusinessCalendar, ClosedDay, WorkingHours

    async with sportello_app() as h:
        hotel = await create_site(SYSTEM, "HOTEL", "Hotel", timezone="Europe/Rome")
        other = await create_site(SYSTEM, "OTHER", "Other", timezone="Europe/Rome")
        hk = await create_department(SYSTEM, "Housekeeping", site_id=hotel.id)
        await services.create_calendar(SYSTEM, "Hotel", OFFICE, site_id=hotel.id)
        cal = await services.create_calendar(
            SYSTEM, "Housekeeping", ALWAYS, site_id=hotel.id, department_id=hk.id
        )
        mine = await services.create_calendar(SYSTEM, "Other", OFFICE, site_id=other.id)
        await services.add_closed_day(SYSTEM, cal.id, dt.date(2027, 5, 10), "Closed")
        assert day_minutes(await api.business_time(hotel.id, hk.id)) == 0
        cal_id = api.encode_id("BusinessCalendar", cal.id)
        # A manager of another site cannot see it, let alone delete it.
        token = await h.token(roles=["manager"], sites=[other.id])
        hidden = await h.gql(DELETE, {"i": {"id": cal_id}}, token=token)
        assert hidden["data"]["businessCalendarDelete"]["errors"] == [
            {"field": "id", "code": "NOT_FOUND"}
        ]
        got = await h.ok(DELETE, {"i": {"id": cal_id}})
        assert got["businessCalendarDelete"]["businessCalendar"] == {
            "id": cal_id,
            "name": "Housekeeping",
        }
        assert not await BusinessCalendar.filter(id=cal.id).exists()
        assert not await WorkingHours.filter(calendar_id=cal.id).exists()
        assert not await ClosedDay.filter(calendar_id=cal.id).exists()
        # Housekeeping now works the hotel's hours.
        assert day_minutes(await api.business_time(hotel.id, hk.id)) == 480
        again = await h.ok(DELETE, {"i": {"id": cal_id}})
        assert again["businessCalendarDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        assert await BusinessCalendar.filter(id=mine.id).exists()
