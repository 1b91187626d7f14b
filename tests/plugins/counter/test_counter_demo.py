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
