from __future__ import annotations

import asyncio
import datetime as dt

from counter_helpers import (
    COUNTER_UPDATE,
    DAY,
    ISSUE,
    MODULES,
    SERVICE_UPDATE,
    at,
    issue,
    office,
)


async def test_fifty_concurrent_issues_are_gapless(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h)
        service_id = setup["services"]["A"]
        token = await h.token(roles=["front_desk"])

        async def one() -> dict:
            result = await h.gql(ISSUE, {"i": {"serviceId": service_id}}, token=token)
            assert not result.get("errors"), result
            payload = result["data"]["queueTicketIssue"]
            assert payload["errors"] == [], payload
            return payload["ticket"]

        tickets = await asyncio.gather(*(one() for _ in range(50)))
        numbers = sorted(t["number"] for t in tickets)
        assert numbers == [f"A{n:03d}" for n in range(1, 51)]
        assert len({t["id"] for t in tickets}) == 50
        assert all(t["status"] == "WAITING" for t in tickets)


async def test_numbers_are_per_service_with_their_prefix(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"), counters=(("A", "B"),))
        a, b = setup["services"]["A"], setup["services"]["B"]
        got = [
            (await issue(h, a))["ticket"]["number"],
            (await issue(h, b))["ticket"]["number"],
            (await issue(h, a))["ticket"]["number"],
        ]
        assert got == ["A001", "B001", "A002"]


async def test_kiosk_needs_counter_issue(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        variables = {"i": {"serviceId": setup["services"]["A"]}}
        denied = await h.gql(ISSUE, variables, as_="back_office")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        anonymous = await h.gql(ISSUE, variables, as_=None)
        assert anonymous["errors"]


TICKETS = """
query($d: Date) {
  queueTickets(first: 20, day: $d) { edges { node { number day estimatedWaitMinutes } } }
}
"""


async def test_numbering_restarts_each_day(sportello_app, clock) -> None:
    async with sportello_app(MODULES) as h:
        a = (await office(h))["services"]["A"]
        clock.set(at(DAY, "09:00"))
        assert [(await issue(h, a))["ticket"]["number"] for _ in range(2)] == ["A001", "A002"]
        clock.set(at(DAY + dt.timedelta(days=1), "00:05"))
        assert [(await issue(h, a))["ticket"]["number"] for _ in range(2)] == ["A001", "A002"]
        today = (await h.ok(TICKETS))["queueTickets"]["edges"]
        assert [(e["node"]["number"], e["node"]["day"]) for e in today] == [
            ("A001", "2026-03-05"),
            ("A002", "2026-03-05"),
        ]
        yesterday = (await h.ok(TICKETS, {"d": DAY.isoformat()}))["queueTickets"]["edges"]
        assert [e["node"]["number"] for e in yesterday] == ["A001", "A002"]


async def test_the_day_is_the_site_local_day(sportello_app, clock) -> None:
    """Rome is UTC+1 in March: 23:30 UTC on the 4th is 00:30 on the 5th there."""
    async with sportello_app(MODULES) as h:
        rome = await office(h, timezone="Europe/Rome")
        utc = await office(h, code="UTC", timezone="UTC")
        clock.set(at(DAY, "22:30"))  # 23:30 in Rome
        assert (await issue(h, rome["services"]["A"]))["ticket"]["number"] == "A001"
        assert (await issue(h, utc["services"]["A"]))["ticket"]["number"] == "A001"
        clock.set(at(DAY, "23:30"))  # the 5th in Rome, still the 4th in UTC
        assert (await issue(h, rome["services"]["A"]))["ticket"]["number"] == "A001"
        assert (await issue(h, utc["services"]["A"]))["ticket"]["number"] == "A002"
        days = {}
        for name, setup in (("rome", rome), ("utc", utc)):
            query = (
                "query($s: ID) { queueTickets(first: 9, siteId: $s) { edges { node { day } } } }"
            )
            edges = (await h.ok(query, {"s": setup["site"]}))["queueTickets"]["edges"]
            days[name] = [e["node"]["day"] for e in edges]
        # "Today" is the 5th in Rome (one ticket) and the 4th in UTC (both tickets).
        assert days == {"rome": ["2026-03-05"], "utc": ["2026-03-04", "2026-03-04"]}
        both = [e["node"]["day"] for e in (await h.ok(TICKETS))["queueTickets"]["edges"]]
        assert sorted(both) == ["2026-03-04", "2026-03-04", "2026-03-05"]


async def test_walk_ins_only_while_the_service_is_open(sportello_app, clock) -> None:
    wednesday = str(DAY.weekday())
    closed = DAY + dt.timedelta(days=7)  # next Wednesday is a holiday
    async with sportello_app(MODULES) as h:
        setup = await office(
            h,
            timezone="Europe/Rome",  # UTC+1 in March
            opening_hours={wednesday: [["09:00", "12:00"], ["14:00", "15:00"]]},
            closed_days=[closed.isoformat()],
        )
        a = setup["services"]["A"]

        async def code_at(when: dt.datetime) -> str | None:
            clock.set(when)
            got = await issue(h, a)
            return got["errors"][0]["code"] if got["errors"] else None

        assert await code_at(at(DAY, "07:59")) == "SERVICE_CLOSED"  # 08:59 in Rome
        assert await code_at(at(DAY, "08:00")) is None  # 09:00 in Rome: open
        assert await code_at(at(DAY, "10:59")) is None
        assert await code_at(at(DAY, "11:00")) == "SERVICE_CLOSED"  # 12:00 in Rome: closed
        assert await code_at(at(DAY, "12:30")) == "SERVICE_CLOSED"  # lunch
        assert await code_at(at(DAY, "13:30")) is None
        assert await code_at(at(DAY + dt.timedelta(days=1), "09:00")) == "SERVICE_CLOSED"
        assert await code_at(at(closed, "09:00")) == "SERVICE_CLOSED"  # closed day
        refused = await issue(h, a)
        assert refused["errors"][0]["field"] == "serviceId"
        assert "opening hours" in refused["errors"][0]["message"]

        # Opening the holiday (counterServiceUpdate) lets tickets through; deactivating stops.
        opened = await h.ok(SERVICE_UPDATE, {"i": {"id": a, "closedDays": []}}, as_="manager")
        assert opened["counterServiceUpdate"]["counterService"]["closedDays"] == []
        assert await code_at(at(closed, "09:00")) is None
        await h.ok(SERVICE_UPDATE, {"i": {"id": a, "active": False}}, as_="manager")
        assert await code_at(at(closed, "09:30")) == "SERVICE_CLOSED"


async def test_estimated_wait_shares_the_queue_between_counters(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, counters=(("A",), ("A",)), service_minutes=10)
        a = setup["services"]["A"]
        for _ in range(5):
            await issue(h, a)
        edges = (await h.ok(TICKETS))["queueTickets"]["edges"]
        # Two counters at 10 minutes each: every ticket ahead costs 5 minutes.
        assert [e["node"]["estimatedWaitMinutes"] for e in edges] == [0, 5, 10, 15, 20]
        # One counter less (deactivated): 10 minutes per ticket ahead.
        await h.ok(COUNTER_UPDATE, {"i": {"id": setup["counters"][1], "active": False}})
        issued = await h.ok(
            "mutation($i: QueueTicketIssueInput!) { queueTicketIssue(input: $i) {"
            " ticket { estimatedWaitMinutes } } }",
            {"i": {"serviceId": a}},
            as_="front_desk",
        )
        assert issued["queueTicketIssue"]["ticket"]["estimatedWaitMinutes"] == 50


async def test_estimated_wait_honours_priority(sportello_app) -> None:
    """Regression: a priority ticket showed a longer wait than a normal one called after it.
    The estimate counts the tickets the call-next order puts ahead of the new one."""
    async with sportello_app(MODULES) as h:
        setup = await office(h, service_minutes=10)
        a = setup["services"]["A"]
        issued = (
            "mutation($i: QueueTicketIssueInput!) { queueTicketIssue(input: $i) {"
            " ticket { number estimatedWaitMinutes } } }"
        )

        async def wait_of(priority: str) -> int:
            got = await h.ok(
                issued, {"i": {"serviceId": a, "priority": priority}}, as_="front_desk"
            )
            return got["queueTicketIssue"]["ticket"]["estimatedWaitMinutes"]

        assert [await wait_of("NORMAL") for _ in range(3)] == [0, 10, 20]
        # Ahead of the three normal tickets: only the priority ones before it.
        assert await wait_of("PRIORITY") == 0
        assert await wait_of("PRIORITY") == 10
        # A normal ticket waits behind everyone.
        assert await wait_of("NORMAL") == 50
