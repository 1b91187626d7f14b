"""Service levels through the core's SLA engine: business hours, pauses while waiting on the
requester, one breach event and the team lead told, the due-soon and breached views."""

from __future__ import annotations

import datetime as dt

from itsupport_helpers import MODULES, SET_STATUS, category, create, ok, parse, team

CALENDAR = """
mutation($i: BusinessCalendarCreateInput!) {
  businessCalendarCreate(input: $i) { businessCalendar { id } errors { field code } }
}
"""
POLICY = """
mutation($i: SlaPolicyCreateInput!) {
  slaPolicyCreate(input: $i) { slaPolicy { id } errors { field code } }
}
"""
VIEWS = """
{ supportTicketsDueSoon(first: 10) { edges { node { reference dueAt } } }
  supportTicketsBreached(first: 10) { edges { node { reference breached } } } }
"""
FRIDAY = dt.datetime(2026, 3, 6, 17, 50, tzinfo=dt.UTC)
WEEK = [
    {"weekday": day, "start": "09:00", "end": "18:00"}
    for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
]


def minute(value: str | None) -> dt.datetime | None:
    """To the minute: the test clock runs on with real seconds."""
    found = parse(value)
    return None if found is None else found.replace(second=0, microsecond=0)


async def _setup(h) -> dict:
    cal = await h.ok(CALENDAR, {"i": {"name": "Office hours", "timezone": "UTC", "hours": WEEK}})
    assert cal["businessCalendarCreate"]["errors"] == [], cal
    pol = await h.ok(
        POLICY,
        {"i": {"name": "IT 4h", "office": "itsupport", "resolutionMinutes": 240}},
        as_="manager",
    )
    assert pol["slaPolicyCreate"]["errors"] == [], pol
    desk = await team(h, agents=1)
    desk["category"] = await category(h, "PMS", desk["id"])
    return desk


async def test_friday_evening_ticket_is_due_next_working_day_and_waiting_does_not_count(
    sportello_app, clock
) -> None:
    from sportello.events.models import OutboxEvent
    from sportello.notify.models import Delivery
    from sportello.sla.services import sweep

    clock.set(FRIDAY)
    async with sportello_app(MODULES) as h:
        desk = await _setup(h)
        ticket = (await create(h, categoryId=desk["category"]))["supportTicket"]
        # 10 minutes on Friday, the weekend off, 230 on Monday from 09:00.
        assert minute(ticket["dueAt"]) == dt.datetime(2026, 3, 9, 12, 50, tzinfo=dt.UTC)

        clock.set(dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.UTC))  # 70 minutes counted
        paused = await ok(h, SET_STATUS, {"id": ticket["id"], "status": "WAITING_REQUESTER"})
        assert paused["supportTicket"]["dueAt"] is None
        clock.set(dt.datetime(2026, 3, 11, 10, 0, tzinfo=dt.UTC))  # two days later
        back = await ok(h, SET_STATUS, {"id": ticket["id"], "status": "OPEN"})
        # 170 minutes were left: the two days of waiting did not count (each counted stretch
        # is rounded down to the minute, and the test clock runs on with real seconds).
        due = minute(back["supportTicket"]["dueAt"])
        expected = dt.datetime(2026, 3, 11, 12, 50, tzinfo=dt.UTC)
        assert due is not None and expected <= due <= expected + dt.timedelta(minutes=2)

        clock.set(dt.datetime(2026, 3, 11, 12, 30, tzinfo=dt.UTC))
        soon = await h.ok(VIEWS, as_="back_office")
        assert [e["node"]["reference"] for e in soon["supportTicketsDueSoon"]["edges"]] == [
            "IT-000001"
        ]
        assert soon["supportTicketsBreached"]["edges"] == []

        late = dt.datetime(2026, 3, 11, 13, 0, tzinfo=dt.UTC)
        clock.set(late)
        await sweep(late)
        await sweep(late + dt.timedelta(minutes=5))  # a second sweep publishes nothing new
        await h.settle()
        assert await OutboxEvent.filter(name="sla.clock.breached").count() == 1
        assert await OutboxEvent.filter(name="itsupport.sla.breached").count() == 1
        lead = await Delivery.filter(kind="itsupport.sla_breached", channel="in_app").values_list(
            "user_id", flat=True
        )
        from itsupport_helpers import pk

        assert pk(desk["lead"]) in lead
        views = await h.ok(VIEWS, as_="back_office")
        assert [e["node"] for e in views["supportTicketsBreached"]["edges"]] == [
            {"reference": "IT-000001", "breached": True}
        ]
        resolved = await ok(h, SET_STATUS, {"id": ticket["id"], "status": "RESOLVED"})
        assert resolved["supportTicket"]["breached"] is True
        await h.settle()
        assert await OutboxEvent.filter(name="itsupport.ticket.resolved").count() == 1
        assert await OutboxEvent.filter(name="itsupport.ticket.created").count() == 1


async def test_a_warning_is_published_once_and_reaches_the_lead(sportello_app, clock) -> None:
    from itsupport_helpers import pk

    from sportello.events.models import OutboxEvent
    from sportello.notify.models import Delivery
    from sportello.sla.services import sweep

    start = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)  # a Wednesday, round the clock
    clock.set(start)
    async with sportello_app(MODULES) as h:
        pol = await h.ok(
            POLICY,
            {
                "i": {
                    "name": "Response 1h",
                    "office": "itsupport",
                    "firstResponseMinutes": 60,
                    "warnBeforeMinutes": 15,
                }
            },
            as_="manager",
        )
        assert pol["slaPolicyCreate"]["errors"] == [], pol
        desk = await team(h, agents=1)
        cat = await category(h, "Network", desk["id"])
        ticket = (await create(h, categoryId=cat))["supportTicket"]
        assert minute(ticket["dueAt"]) == start + dt.timedelta(hours=1)
        at = start + dt.timedelta(minutes=50)
        clock.set(at)
        await sweep(at)
        await sweep(at + dt.timedelta(minutes=1))
        await h.settle()
        assert await OutboxEvent.filter(name="itsupport.sla.warning").count() == 1
        assert await OutboxEvent.filter(name="itsupport.sla.breached").count() == 0
        told = await Delivery.filter(kind="itsupport.sla_warning", channel="in_app").values_list(
            "user_id", flat=True
        )
        assert {pk(desk["lead"]), pk(desk["agents"][0])} <= set(told)
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on SupportTicket { warnedAt breached } } }",
            {"id": ticket["id"]},
            as_="back_office",
        )
        assert node["node"]["warnedAt"] is not None and node["node"]["breached"] is False
