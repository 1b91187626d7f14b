from __future__ import annotations

from sportello.demo import load_demo


async def test_demo_data_is_idempotent(sportello_app) -> None:
    async with sportello_app(["reception", "counter", "visitors"]) as h:
        from sportello.parties.models import Site
        from sportello_counter import models as m
        from sportello_visitors.models import Visit

        await load_demo(h.runtime)
        counts = (
            await m.CounterService.all().count(),
            await m.Counter.all().count(),
            await m.Ticket.all().count(),
            await m.Appointment.all().count(),
            await Visit.all().count(),
        )
        await load_demo(h.runtime)
        again = (
            await m.CounterService.all().count(),
            await m.Counter.all().count(),
            await m.Ticket.all().count(),
            await m.Appointment.all().count(),
            await Visit.all().count(),
        )
        assert counts == again
        assert counts[:2] == (4, 3) and counts[2] > 0 and counts[3] > 0 and counts[4] > 0
        townhall = await Site.get(code="TOWNHALL")
        assert await m.CounterService.filter(site_id=townhall.id).count() == 4
        assert await Visit.filter(site__code="HQ").exists()
        # The demo's sequences continue where its tickets stopped.
        data = await h.ok("{ counterServices(first: 10) { edges { node { id prefix } } } }")
        a = next(
            e["node"]["id"] for e in data["counterServices"]["edges"] if e["node"]["prefix"] == "A"
        )
        issued = await h.ok(
            "mutation($i: QueueTicketIssueInput!) { queueTicketIssue(input: $i) {"
            " ticket { number } errors { code } } }",
            {"i": {"serviceId": a}},
        )
        numbers = await m.Ticket.filter(numbered_service__prefix="A").count()
        assert issued["queueTicketIssue"]["ticket"]["number"] == f"A{numbers:03d}"


STATS = """
query($s: ID!, $d: Date!) {
  counterStatistics(siteId: $s, from: $d, to: $d) { total { tickets waitMean waitP90 serviceMean } }
}
"""


async def _demo_times(h, clock_now) -> None:
    from sportello.parties.models import Site
    from sportello_counter import models as m

    await h.load_demo()
    townhall = await Site.get(code="TOWNHALL")
    tickets = await m.Ticket.filter(site_id=townhall.id)
    assert len(tickets) == 14
    for t in tickets:
        stamps = [t.issued_at, t.called_at, t.service_started_at, t.finished_at]
        known = [s for s in stamps if s is not None]
        assert all(s <= clock_now for s in known), (t.code, stamps, clock_now)
        assert known == sorted(known), (t.code, stamps)
    day = clock_now.astimezone(api_zone(townhall.timezone)).date()
    assert {t.day for t in tickets} == {day}
    site_id = api_encode("Site", townhall.id)
    total = (await h.ok(STATS, {"s": site_id, "d": day.isoformat()}))["counterStatistics"]["total"]
    assert total["tickets"] == 14
    assert total["waitMean"] > 0 and total["waitP90"] > 0 and total["serviceMean"] > 0
    appts = await m.Appointment.filter(site_id=townhall.id)
    booked_ahead = [a for a in appts if a.status == "booked" and a.slot_at > clock_now]
    assert len(booked_ahead) == 8
    assert any(a.slot_at < clock_now for a in appts)  # last week's, for the no-show rate


def api_zone(name: str):
    from sportello import api

    return api.zone(name)


def api_encode(type_name: str, pk: int) -> str:
    from sportello import api

    return api.encode_id(type_name, pk)


async def test_demo_times_are_in_the_past_early_in_the_morning(sportello_app, clock) -> None:
    """Regression: loaded at 06:47 the demo held tickets issued at 07:30-09:01, and calling
    them gave negative mean waits in counterStatistics. Demo times are relative to now."""
    import datetime as dt

    from counter_helpers import DAY, at

    for hm in ("06:47", "00:10"):
        clock.set(at(DAY, hm))
        async with sportello_app(["reception", "counter"]) as h:
            await _demo_times(h, clock.now() + dt.timedelta(seconds=5))
