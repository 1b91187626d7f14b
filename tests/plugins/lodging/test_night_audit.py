"""The night audit: room nights posted night by night, no-shows marked, the business day closed
(nothing dated inside it afterwards), the day's report, and runs at once closing a day once."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from lodging_helpers import (
    AUDIT,
    CHARGE,
    CHECK_IN,
    CHECK_OUT,
    MODULES,
    TODAY,
    audit,
    book,
    day,
    hotel,
    registry,
    reservation,
    travel,
)

REPORT = """
query($s: ID!, $d: Date!) {
  nightAuditReport(siteId: $s, day: $d) {
    day closed roomsAvailable roomsSold occupancy adr revpar roomRevenue
    arrivals departures noShows totalRevenue currency
    revenue { chargeCode label amount lines }
  }
}
"""
CSV = "query($s: ID!, $d: Date!) { nightAuditReportCsv(siteId: $s, day: $d) }"
ROME = ZoneInfo("Europe/Rome")


def revenue(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["chargeCode"], r["amount"]) for r in report["revenue"]]


async def run_audit(h: Any, site: str, offset: int, **kw: Any) -> dict[str, Any]:
    data = await h.ok(AUDIT, {"i": {"siteId": site, "day": day(offset)}}, **kw)
    result: dict[str, Any] = data["nightAuditRun"]
    return result


async def report(h: Any, site: str, offset: int) -> dict[str, Any]:
    data = await h.ok(REPORT, {"s": site, "d": day(offset)}, as_="manager")
    result: dict[str, Any] = data["nightAuditReport"]
    return result


async def test_the_audit_posts_the_night_closes_the_day_and_reports_it(
    sportello_app, monkeypatch
) -> None:
    from sportello.identity.models import AuditEntry
    from sportello_lodging.services import clock

    # Late in the evening: the day's arrivals that did not come are no-shows.
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.combine(TODAY, dt.time(23), ROME))
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=3)
        site = setup["site"]["id"]
        a, b, _ = (r["id"] for r in setup["rooms"])
        stay = (await book(h, a, 0, 2, adults=2))["reservation"]["id"]
        missing = (await book(h, b, 0, 1, name="Pablo Pérez"))["reservation"]["id"]
        checked = await h.ok(CHECK_IN, {"i": {"id": stay, "guests": registry(2)}}, as_="front_desk")
        assert checked["reservationCheckIn"]["reservation"]["folio"]["total"] == "0.00"

        # The desk may not close the day; a manager may, once.
        denied = await h.gql(AUDIT, {"i": {"siteId": site, "day": day(0)}}, as_="front_desk")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        first = await run_audit(h, site, 0, as_="manager")
        assert first["errors"] == []
        assert first["report"]["closed"] is True
        assert first["report"]["noShows"] == 1 and first["report"]["roomsSold"] == 1
        again = await run_audit(h, site, 0, as_="manager")
        assert again["errors"] == [] and again["report"] == first["report"]

        folio = (await reservation(h, stay))["folio"]
        assert folio["total"] == "104.00"  # one night at 100.00, city tax 2 x 2.00
        assert [n["night"] for n in (e["node"] for e in folio["lines"]["edges"])] == [day(0)] * 2
        assert (await reservation(h, missing))["status"] == "NO_SHOW"

        rep = await report(h, site, 0)
        assert rep == {
            "day": day(0),
            "closed": True,
            "roomsAvailable": 3,
            "roomsSold": 1,
            "occupancy": "33.33",
            "adr": "100.00",
            "revpar": "33.33",
            "roomRevenue": "100.00",
            "arrivals": 1,
            "departures": 0,
            "noShows": 1,
            "totalRevenue": "104.00",
            "currency": "EUR",
            "revenue": [
                {"chargeCode": "CITY_TAX", "label": "City tax", "amount": "4.00", "lines": 1},
                {"chargeCode": "ROOM_NIGHT", "label": "Room night", "amount": "100.00", "lines": 1},
            ],
        }

        # The day is closed: a charge posted now is dated on the next business day.
        charge = {"reservationId": stay, "description": "Minibar", "unitAmount": "6.50"}
        assert (await h.ok(CHARGE, {"i": charge}, as_="front_desk"))["folioChargeAdd"][
            "errors"
        ] == []
        assert revenue(await report(h, site, 0)) == [("CITY_TAX", "4.00"), ("ROOM_NIGHT", "100.00")]
        assert revenue(await report(h, site, 1)) == [("EXTRA", "6.50")]

        # Days close in order, never ahead of the site's day.
        ahead = await run_audit(h, site, 1, as_="manager")
        assert [(e["field"], e["code"]) for e in ahead["errors"]] == [("day", "FUTURE_DAY")]
        travel(monkeypatch, 2)
        skipped = await run_audit(h, site, 2, as_="manager")
        assert [(e["field"], e["code"]) for e in skipped["errors"]] == [
            ("day", "PREVIOUS_DAY_OPEN")
        ]
        assert day(1) in skipped["errors"][0]["message"]
        before = await run_audit(h, site, -3, as_="manager")
        assert [e["code"] for e in before["errors"]] == ["DAY_CLOSED"]

        # Checkout on the departure day, day 1 not audited yet: the checkout posts its night,
        # so the closed folio (what sales invoices) holds the whole stay.
        out = await h.ok(CHECK_OUT, {"i": {"id": stay, "allowUnpaid": True}}, as_="manager")
        done = out["reservationCheckOut"]["reservation"]
        assert done["status"] == "CHECKED_OUT" and done["folio"]["total"] == "214.50"
        nights = sorted(
            e["node"]["night"]
            for e in done["folio"]["lines"]["edges"]
            if e["node"]["kind"] == "ROOM"
        )
        assert nights == [day(0), day(1)]
        late = await run_audit(h, site, 1, as_="manager")
        assert late["errors"] == [] and late["report"]["roomsSold"] == 1
        assert late["report"]["revenue"] == [{"chargeCode": "EXTRA", "amount": "6.50", "lines": 1}]
        # The checkout's night is dated on its business day (day 2, still open).
        day_two = await report(h, site, 2)
        assert day_two["closed"] is False and day_two["departures"] == 1
        assert revenue(day_two) == [("CITY_TAX", "4.00"), ("ROOM_NIGHT", "100.00")]
        night_one = await report(h, site, 1)
        assert (night_one["roomRevenue"], night_one["adr"]) == ("100.00", "100.00")

        entries = await AuditEntry.filter(operation="nightAuditRun").order_by("id")
        # Every run is audited; the repeated one closed nothing.
        closed_again = [e.changes["after"].get("already_closed", False) for e in entries]
        assert closed_again == [False, True, False]


async def test_the_report_as_csv_in_the_clients_language(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        site = setup["site"]["id"]
        rid = (await book(h, setup["rooms"][0]["id"], 0, 1))["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        await audit(h, site, 0)
        token = await h.token(roles=["manager"])
        italian = await h.gql(
            CSV, {"s": site, "d": day(0)}, token=token, headers={"accept-language": "it"}
        )
        text = italian["data"]["nightAuditReportCsv"]
        rows = text.split("\r\n")
        assert rows[0] == "Voce,Valore"
        assert "Occupazione %,50.00" in rows
        assert "Camere vendute,1" in rows
        assert "Pernottamento,100.00,EUR" in rows and "Totale,102.00,EUR" in rows
        greek = await h.gql(
            CSV, {"s": site, "d": day(0)}, token=token, headers={"accept-language": "el"}
        )
        assert "Διανυκτέρευση,100.00,EUR" in greek["data"]["nightAuditReportCsv"]


async def test_the_scheduled_run_closes_the_due_days_once(sportello_app, monkeypatch) -> None:
    from sportello_lodging import models as m
    from sportello_lodging.services import clock, night_audit

    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1)
        rid = (await book(h, setup["rooms"][0]["id"], 0, 3))["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")

        def at(offset: int, hour: int) -> None:
            moment = dt.datetime.combine(TODAY + dt.timedelta(days=offset), dt.time(hour), ROME)
            monkeypatch.setattr(clock, "now", lambda: moment)
            travel(monkeypatch, offset)

        # 01:00 the next morning: the audit hour (02:00) has not come, today is not due yet
        # (a site never audited starts with the day due: yesterday, nothing to post).
        at(1, 1)
        (first,) = await night_audit.run_due()
        assert first.day == TODAY - dt.timedelta(days=1) and first.nights_posted == 0
        at(1, 3)
        (closed,) = await night_audit.run_due()
        assert closed.day == TODAY and closed.nights_posted == 1
        assert await night_audit.run_due() == []
        # Two days later (the job did not run meanwhile): both open days close, in order.
        at(3, 4)
        assert [row.day for row in await night_audit.run_due()] == [
            TODAY + dt.timedelta(days=1),
            TODAY + dt.timedelta(days=2),
        ]
        lines = await m.FolioLine.filter(kind=m.ROOM).order_by("night")
        assert [(line.night, line.business_day) for line in lines] == [
            (TODAY + dt.timedelta(days=n), TODAY + dt.timedelta(days=n)) for n in range(3)
        ]


async def test_the_core_schedulers_job_closes_the_due_day_once(sportello_app, monkeypatch) -> None:
    """The night audit is a periodic job of the core scheduler: runners racing in several
    processes (here: tasks) close the due day once; the job's next hour finds nothing."""
    from sportello.schedule.plugin import collect_jobs
    from sportello.schedule.services import run_due_jobs
    from sportello_lodging import models as m
    from sportello_lodging.services import clock

    async with sportello_app(MODULES, schedule={"jobs": False}) as h:
        (job,) = [j for j in collect_jobs(h.runtime) if j.name == "lodging.night_audit"]
        assert job.every == "hourly"
        setup = await hotel(h, rooms=1)
        rid = (await book(h, setup["rooms"][0]["id"], 0, 3))["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        moment = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(3), ROME)
        monkeypatch.setattr(clock, "now", lambda: moment)
        travel(monkeypatch, 1)
        ran = await asyncio.gather(*(run_due_jobs([job], moment) for _ in range(3)))
        assert sum(len(r) for r in ran) == 1
        closed = m.BusinessDay.filter(closed_at__isnull=False)
        days = await closed.order_by("day").values_list("day", flat=True)
        assert days == [TODAY]  # a site never audited starts with the day due
        assert await run_due_jobs([job], moment + dt.timedelta(hours=1)) == [
            f"lodging.night_audit * {(moment + dt.timedelta(hours=1)).astimezone(dt.UTC):%Y-%m-%dT%H}"
        ]
        assert await m.BusinessDay.filter(closed_at__isnull=False).count() == 1


async def test_audits_at_once_close_the_day_once_and_postings_never_land_inside_it(
    sportello_app,
) -> None:
    """Real concurrent HTTP requests (PostgreSQL: each its own connection): eight audits of the
    same day and charges posted meanwhile. One audit closes the day and posts the night; the
    day's revenue as the closing audit reported it never changes afterwards."""
    from sportello_lodging import models as m

    async with sportello_app(MODULES, live=True) as h:
        setup = await hotel(h, rooms=2)
        site = setup["site"]["id"]
        rid = (await book(h, setup["rooms"][0]["id"], 0, 2))["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        manager = await h.token(roles=["manager"])
        desk = await h.token(roles=["front_desk"])

        async def close() -> dict[str, Any]:
            result = await h.gql(AUDIT, {"i": {"siteId": site, "day": day(0)}}, token=manager)
            assert not result.get("errors"), result
            payload: dict[str, Any] = result["data"]["nightAuditRun"]
            return payload

        async def charge(i: int) -> dict[str, Any]:
            i_ = {"reservationId": rid, "description": f"Bar {i}", "unitAmount": "1.00"}
            result = await h.gql(CHARGE, {"i": i_}, token=desk)
            assert not result.get("errors"), result
            payload: dict[str, Any] = result["data"]["folioChargeAdd"]
            return payload

        results = await asyncio.gather(*(close() for _ in range(8)), *(charge(i) for i in range(8)))
        audits, charges = results[:8], results[8:]
        assert all(r["errors"] == [] for r in audits + charges)
        assert await m.FolioLine.filter(kind=m.ROOM).count() == 1
        assert await m.BusinessDay.filter(closed_at__isnull=False).count() == 1
        final = await report(h, site, 0)
        # Every audit answered with the closed day's report as it stands for good.
        for r in audits:
            assert r["report"]["revenue"] == [
                {k: v for k, v in row.items() if k != "label"} for row in final["revenue"]
            ]
        bar = await m.FolioLine.filter(kind=m.EXTRA).values_list("business_day", flat=True)
        assert len(bar) == 8 and set(bar) <= {TODAY, TODAY + dt.timedelta(days=1)}
        extra = next((r for r in final["revenue"] if r["chargeCode"] == "EXTRA"), None)
        assert (int(extra["lines"]) if extra else 0) == sum(1 for d in bar if d == TODAY)
