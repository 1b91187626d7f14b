"""The service's wait target runs as an SLA clock: issued starts it, called answers it,
cancelled stops it; a missed target is a breach in slaReport and on the ticket."""

from __future__ import annotations

import datetime as dt

import pytest
from counter_helpers import BASE, MODULES, Clock, call, issue, office, ticket_mutation

from sportello.testing import count_queries

TICKETS = """
query($n: Int!) {
  queueTickets(first: $n) {
    edges { node { number status slaClock { state breached dueResponseAt respondedAt } } }
  }
}
"""
REPORT = """
query($from: DateTime!, $to: DateTime!) {
  slaReport(from: $from, to: $to, groupBy: OFFICE) { office met breached open }
}
"""


@pytest.fixture(autouse=True)
def sla_clock(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> Clock:
    """The SLA engine (its sweeper included) reads the counter tests' clock too."""
    from sportello.sla.services import _common

    monkeypatch.setattr(_common, "now", clock.now)
    return clock


def _parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_a_missed_wait_target_is_a_breach_in_the_report(sportello_app, clock) -> None:
    from sportello.events.models import OutboxEvent
    from sportello.sla.services import sweep

    async with sportello_app(MODULES) as h:
        setup = await office(h, target_wait_minutes=15)
        service = setup["services"]["A"]
        first = (await issue(h, service))["ticket"]
        await issue(h, service)
        third = (await issue(h, service))["ticket"]
        issued = await h.ok(
            "mutation($i: QueueTicketIssueInput!) { queueTicketIssue(input: $i) {"
            " ticket { slaClock { state dueResponseAt } } errors { code } } }",
            {"i": {"serviceId": service}},
            as_="front_desk",
        )
        wait = issued["queueTicketIssue"]["ticket"]["slaClock"]
        assert wait["state"] == "RUNNING"
        due = _parse(wait["dueResponseAt"])
        assert dt.timedelta(minutes=15) <= due - BASE < dt.timedelta(minutes=16)
        clock.set(BASE + dt.timedelta(minutes=5))
        called = await call(h, setup["counters"][0])
        assert called["ticket"]["number"] == first["number"]
        cancel = ticket_mutation("queueTicketCancel")
        data = await h.ok(cancel, {"i": {"ticketId": third["id"]}}, as_="front_desk")
        assert data["queueTicketCancel"]["errors"] == []
        # The second ticket waits past its 15 minutes; so does the fourth.
        assert await sweep(BASE + dt.timedelta(minutes=17)) == 2
        assert await sweep(BASE + dt.timedelta(minutes=30)) == 0
        assert await OutboxEvent.filter(name="sla.clock.breached").count() == 2

        tickets = (await h.ok(TICKETS, {"n": 10}, as_="front_desk"))["queueTickets"]["edges"]
        clocks = {e["node"]["number"]: e["node"]["slaClock"] for e in tickets}
        assert (clocks["A001"]["state"], clocks["A001"]["breached"]) == ("MET", False)
        assert (clocks["A002"]["state"], clocks["A002"]["breached"]) == ("RUNNING", True)
        assert clocks["A003"]["state"] == "STOPPED"
        period = {
            "from": (BASE - dt.timedelta(hours=1)).isoformat(),
            "to": (BASE + dt.timedelta(days=1)).isoformat(),
        }
        report = (await h.ok(REPORT, period, as_="manager"))["slaReport"]
        assert report == [{"office": "counter", "met": 1, "breached": 2, "open": 0}]


async def test_ticket_clocks_load_with_the_page(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        for _ in range(12):
            await issue(h, setup["services"]["A"])
        await h.ok(TICKETS, {"n": 1}, as_="front_desk")  # warm up
        counts = {}
        for n in (1, 12):
            with count_queries() as statements:
                data = await h.ok(TICKETS, {"n": n}, as_="front_desk")
            counts[n] = len([s for s in statements if "events_" not in s])
            assert all(e["node"]["slaClock"] for e in data["queueTickets"]["edges"])
        assert 0 < counts[1] == counts[12], counts
