from __future__ import annotations

import datetime as dt

from counter_helpers import MODULES, issue, office, pk

STATS = """
query($s: ID!, $f: Date!, $t: Date!) {
  counterStatistics(siteId: $s, from: $f, to: $t) {
    total { ...row }
    byDay { day ...row }
    byService { label serviceId ...row }
    byCounter { label counterId ...row }
    byClerk { key label clerkUserId ...row }
  }
}
fragment row on CounterStatisticsRow {
  tickets served noShows waitMean waitP90 serviceMean serviceP90 withinTargetShare
}
"""
D1 = dt.date(2026, 3, 2)
D2 = dt.date(2026, 3, 3)


def at(day: dt.date, hm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hm), dt.UTC)


def row(tickets, served, no_shows, wait_mean, wait_p90, svc_mean, svc_p90, share) -> dict:
    return {
        "tickets": tickets,
        "served": served,
        "noShows": no_shows,
        "waitMean": wait_mean,
        "waitP90": wait_p90,
        "serviceMean": svc_mean,
        "serviceP90": svc_p90,
        "withinTargetShare": share,
    }


async def test_statistics_on_known_tickets(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"), counters=(("A",), ("A", "B")))
        a, b = setup["services"]["A"], setup["services"]["B"]
        c1, c2 = (pk(c) for c in setup["counters"])
        ids = [pk((await issue(h, s))["ticket"]["id"]) for s in (a, a, a, b, a)]

        from sportello_counter.models import Ticket

        # Clerks are users: Alice (user 7) changed her e-mail between her two tickets; Bob is
        # user 8; a kiosk service account without a user called nothing here.
        alice_old, alice, bob = (7, "alice@old.example"), (7, "alice"), (8, "bob")
        # (day, issued, called, started, finished, status, counter, clerk); target wait 15 min
        known = [
            (D1, "09:00", "09:10", "09:11", "09:21", "done", c1, alice_old),
            (D1, "09:00", "09:20", "09:20", "09:50", "done", c1, alice),
            (D1, "09:05", "09:10", None, None, "no_show", c2, bob),
            (D1, "09:30", "10:00", "10:00", "10:06", "done", c2, bob),
            (D2, "11:00", None, None, None, "waiting", None, (None, "")),
        ]
        for tid, (day, issued, called, started, finished, status, counter, clerk) in zip(
            ids, known, strict=True
        ):
            await Ticket.filter(id=tid).update(
                day=day,
                issued_at=at(day, issued),
                called_at=at(day, called) if called else None,
                service_started_at=at(day, started) if started else None,
                finished_at=at(day, finished) if finished else None,
                status=status,
                counter_id=counter,
                clerk_user_id=clerk[0],
                clerk_label=clerk[1],
            )
        variables = {"s": setup["site"], "f": D1.isoformat(), "t": D2.isoformat()}
        stats = (await h.ok(STATS, variables, as_="back_office"))["counterStatistics"]

        # waits 10, 20, 5, 30; service times 10, 30, 6; within 15 min: 10 and 5
        assert stats["total"] == row(5, 3, 1, 16.25, 30.0, 15.33, 30.0, 0.5)
        assert [(r["day"], r["tickets"]) for r in stats["byDay"]] == [
            (D1.isoformat(), 4),
            (D2.isoformat(), 1),
        ]
        by_service = {r["label"]: r for r in stats["byService"]}
        assert {
            k: v for k, v in by_service["Service A"].items() if k not in ("label", "serviceId")
        } == row(4, 2, 1, 11.67, 20.0, 20.0, 30.0, 0.6667)
        assert by_service["Service A"]["serviceId"] == a
        assert by_service["Service B"]["withinTargetShare"] == 0.0
        by_counter = {r["label"]: r for r in stats["byCounter"]}
        assert by_counter["Counter 1"]["waitMean"] == 15.0
        assert by_counter["Counter 1"]["waitP90"] == 20.0
        assert by_counter["Counter 2"]["noShows"] == 1
        # One row per user, labelled with the latest e-mail.
        assert [(r["key"], r["label"]) for r in stats["byClerk"]] == [("7", "alice"), ("8", "bob")]
        by_clerk = {r["label"]: r for r in stats["byClerk"]}
        assert by_clerk["alice"]["served"] == 2 and by_clerk["bob"]["served"] == 1
        assert by_clerk["alice"]["tickets"] == 2 and by_clerk["alice"]["waitMean"] == 15.0
        assert by_clerk["bob"]["serviceMean"] == 6.0
        assert pk(by_clerk["bob"]["clerkUserId"]) == 8

        only_d2 = await h.ok(STATS, {**variables, "f": D2.isoformat()}, as_="back_office")
        assert only_d2["counterStatistics"]["total"]["tickets"] == 1
        assert only_d2["counterStatistics"]["total"]["waitMean"] is None
        backwards = await h.gql(STATS, {**variables, "f": D2.isoformat(), "t": D1.isoformat()})
        assert backwards["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_statistics_of_a_real_day_are_site_local_and_per_user(sportello_app, clock) -> None:
    """Tickets served at 23:30 UTC on the 4th in Rome count for the 5th (local day)."""
    from counter_helpers import BASE, call_free

    clock.set(at(BASE.date(), "23:30"))  # 00:30 on the 5th in Rome
    async with sportello_app(MODULES) as h:
        setup = await office(h, timezone="Europe/Rome")
        a, desk = setup["services"]["A"], setup["counters"][0]
        for _ in range(3):
            await issue(h, a)
        assert [await call_free(h, desk) for _ in range(2)] == ["A001", "A002"]
        clerk = (await h.ok("{ me { id email } }", as_="front_desk"))["me"]
        fifth = "2026-03-05"
        variables = {"s": setup["site"], "f": fifth, "t": fifth}
        stats = (await h.ok(STATS, variables, as_="back_office"))["counterStatistics"]
        assert [(r["day"], r["tickets"]) for r in stats["byDay"]] == [(fifth, 3)]
        assert stats["total"]["served"] == 2
        [row] = stats["byClerk"]
        assert (row["clerkUserId"], row["label"]) == (clerk["id"], clerk["email"])
        assert row["served"] == 2 and row["tickets"] == 2
        fourth = {"s": setup["site"], "f": "2026-03-04", "t": "2026-03-04"}
        assert (await h.ok(STATS, fourth))["counterStatistics"]["total"]["tickets"] == 0
