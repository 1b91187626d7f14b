"""The counter in reception's shared lists: merged order and site-local days."""

from __future__ import annotations

import datetime as dt

from counter_helpers import DAY, MODULES, at, call, issue, office

from sportello.testing import count_queries

ARRIVALS = """
query($d: Date!) { arrivals(day: $d) { arrivalKind partyName expectedAt arrivalStatus } }
"""
BOOK = """
mutation($i: AppointmentBookInput!) {
  appointmentBook(input: $i) { appointment { id code } errors { code } }
}
"""
CHECK_IN = """
mutation($i: AppointmentCheckInInput!) {
  appointmentCheckIn(input: $i) { ticket { number } errors { code } }
}
"""
PLAN = """
mutation($i: VisitPlanInput!) { visitPlan(input: $i) { visit { id } errors { code } } }
"""
APPOINTMENTS = """
query($d: Date, $n: Int!) {
  appointments(first: $n, day: $d) { edges { node { code partyName slotAt service { prefix } } } }
}
"""


async def book(h, service: str, when: dt.datetime, name: str) -> dict:
    data = await h.ok(
        BOOK,
        {"i": {"serviceId": service, "slotAt": when.isoformat(), "partyName": name}},
        as_="front_desk",
    )
    assert data["appointmentBook"]["errors"] == [], data
    return data["appointmentBook"]["appointment"]


async def test_arrivals_merge_tickets_appointments_and_visits_by_time(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app([*MODULES, "visitors"]) as h:
        setup = await office(h, services=("A", "B"), counters=(("A", "B"),))
        a, b = setup["services"]["A"], setup["services"]["B"]
        late = await book(h, b, at(DAY, "11:00"), "Eleven")
        nine = await book(h, a, at(DAY, "09:00"), "Nine")
        plan = {"siteId": setup["site"], "visitorName": "Visitor Ten"}
        plan["expectedAt"] = at(DAY, "10:00").isoformat()
        assert (await h.ok(PLAN, {"i": plan}))["visitPlan"]["errors"] == []
        clock.set(at(DAY, "09:05"))
        checked = await h.ok(CHECK_IN, {"i": {"code": nine["code"]}}, as_="front_desk")
        assert checked["appointmentCheckIn"]["ticket"]["number"] == "A001"
        clock.set(at(DAY, "09:30"))
        walk_in = (await issue(h, a))["ticket"]["number"]

        got = (await h.ok(ARRIVALS, {"d": DAY.isoformat()}))["arrivals"]
        assert [(r["arrivalKind"], r["partyName"], r["expectedAt"][11:16]) for r in got] == [
            ("appointment", "Nine", "09:00"),
            ("ticket", walk_in, "09:30"),
            ("visit", "Visitor Ten", "10:00"),
            ("appointment", "Eleven", "11:00"),
        ]
        assert [r["arrivalStatus"] for r in got] == ["arrived", "waiting", "expected", "expected"]
        assert late["code"]

        # Who is here: the two ticket holders, the appointment's first (its slot is earlier).
        await call(h, setup["counters"][0])
        here = (await h.ok("{ presentNow { arrivalKind partyName arrivalStatus } }"))["presentNow"]
        assert here == [
            {"arrivalKind": "ticket", "partyName": "Nine", "arrivalStatus": "called"},
            {"arrivalKind": "ticket", "partyName": walk_in, "arrivalStatus": "waiting"},
        ]


async def test_day_filters_use_the_site_local_day(sportello_app, clock) -> None:
    """Rome is UTC+1 in March: a 23:30 UTC slot on the 4th is on the 5th there."""
    clock.set(at(DAY, "08:00"))
    fifth = DAY + dt.timedelta(days=1)
    async with sportello_app(MODULES) as h:
        rome = await office(h, timezone="Europe/Rome")
        utc = await office(h, code="UTC", timezone="UTC")
        await book(h, rome["services"]["A"], at(DAY, "23:30"), "Rome after midnight")
        await book(h, rome["services"]["A"], at(DAY, "22:50"), "Rome before midnight")
        await book(h, utc["services"]["A"], at(DAY, "23:30"), "UTC late evening")

        def names(rows: list[dict]) -> list[str]:
            return [r["partyName"] for r in rows]

        on_4th = (await h.ok(ARRIVALS, {"d": DAY.isoformat()}))["arrivals"]
        on_5th = (await h.ok(ARRIVALS, {"d": fifth.isoformat()}))["arrivals"]
        assert names(on_4th) == ["Rome before midnight", "UTC late evening"]
        assert names(on_5th) == ["Rome after midnight"]
        listed = (await h.ok(APPOINTMENTS, {"d": fifth.isoformat(), "n": 10}))["appointments"]
        assert [e["node"]["partyName"] for e in listed["edges"]] == ["Rome after midnight"]

        # The appointments list stays one query per page whatever the page size.
        for n in range(4):
            await book(h, utc["services"]["A"], at(DAY, f"1{n}:00"), f"P{n}")
        token = await h.token(roles=["back_office"])
        await h.ok(APPOINTMENTS, {"d": DAY.isoformat(), "n": 1}, token=token)
        counts = {}
        for n in (1, 6):
            with count_queries() as statements:
                data = await h.ok(APPOINTMENTS, {"d": DAY.isoformat(), "n": n}, token=token)
            assert len(data["appointments"]["edges"]) == n
            counts[n] = len([s for s in statements if "events_" not in s])
        assert 0 < counts[1] == counts[6], counts
