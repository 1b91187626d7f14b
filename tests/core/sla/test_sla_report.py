"""slaReport: met, breached and open per policy, office and department over a period."""

from __future__ import annotations

import datetime as dt

from sla_helpers import REPORT, T0, create_policy, iso, t

from sportello import api
from sportello.sla.services import sweep


async def test_report_figures_per_policy_office_and_department(sportello_app) -> None:
    async with sportello_app() as h:
        quick = await create_policy(
            h,
            name="Quick",
            position=1,
            priority="high",
            firstResponseMinutes=10,
            resolutionMinutes=60,
        )
        slow = await create_policy(h, name="Slow", position=2, resolutionMinutes=600)
        start = api.sla_start
        # Quick: one met (resolved at 30), one breached and resolved late, one open.
        await start("crm", "case", 1, site_id=None, priority="high", department_id=7, at=T0)
        await start("crm", "case", 2, site_id=None, priority="high", department_id=7, at=T0)
        await start("crm", "case", 3, site_id=None, priority="high", department_id=8, at=t(100))
        # Slow: one met, one stopped (left out), one open; one in another office.
        await start("crm", "case", 4, site_id=None, department_id=8, at=T0)
        await start("crm", "case", 5, site_id=None, at=T0)
        await start("it", "incident", 6, site_id=None, at=T0)
        # Outside the period.
        await start("crm", "case", 9, site_id=None, at=T0 - dt.timedelta(days=2))
        await api.sla_resolve(
            "crm", "case", 9, at=T0 - dt.timedelta(days=2) + dt.timedelta(hours=1)
        )
        await api.sla_respond("crm", "case", 1, at=t(5))
        await api.sla_resolve("crm", "case", 1, at=t(30))
        await api.sla_respond("crm", "case", 2, at=t(8))
        assert await sweep(t(70)) == 1  # case 2 misses its resolution
        await api.sla_resolve("crm", "case", 2, at=t(90))
        await api.sla_resolve("crm", "case", 4, at=t(120))
        await api.sla_stop("crm", "case", 5, at=t(10))
        period = {"from": iso(T0 - dt.timedelta(hours=1)), "to": iso(T0 + dt.timedelta(days=1))}

        by_policy = (await h.ok(REPORT, {**period, "g": "POLICY"}, as_="manager"))["slaReport"]
        rows = {r["label"]: r for r in by_policy}
        assert set(rows) == {"Quick", "Slow"}
        q, s = rows["Quick"], rows["Slow"]
        assert (q["met"], q["breached"], q["open"]) == (1, 1, 1)
        assert q["policy"]["id"] == quick["id"] and s["policy"]["id"] == slow["id"]
        assert q["avgResponseMinutes"] == 6.5  # (5 + 8) / 2
        assert q["avgResolutionMinutes"] == 60.0  # (30 + 90) / 2
        assert (s["met"], s["breached"], s["open"]) == (1, 0, 1)
        assert s["avgResolutionMinutes"] == 120.0

        by_office = (await h.ok(REPORT, {**period, "g": "OFFICE"}, as_="manager"))["slaReport"]
        assert [(r["office"], r["met"], r["breached"], r["open"]) for r in by_office] == [
            ("crm", 2, 1, 1),
            ("it", 0, 0, 1),
        ]

        by_dept = (await h.ok(REPORT, {**period, "g": "DEPARTMENT"}, as_="manager"))["slaReport"]
        figures = {r["key"]: (r["met"], r["breached"], r["open"]) for r in by_dept}
        assert figures == {"7": (1, 1, 0), "8": (1, 0, 1), None: (0, 0, 1)}

        bad = await h.gql(REPORT, {"from": period["to"], "to": period["from"], "g": "OFFICE"})
        assert bad["errors"][0]["extensions"]["code"] == "INVALID"


async def test_a_period_with_and_without_an_offset(sportello_app) -> None:
    """Found by the fuzzer (docs/fuzzing.md): one bound with an offset and one without were
    compared as they came (TypeError, a masked internal error). Without an offset a moment is
    UTC, as everywhere in SLA."""
    async with sportello_app(debug=False) as h:
        await create_policy(h, name="Any", position=1, resolutionMinutes=60)
        await api.sla_start("crm", "case", 1, site_id=None, at=T0)
        before, after = T0 - dt.timedelta(hours=1), T0 + dt.timedelta(days=1)

        def naive(moment: dt.datetime) -> str:
            return moment.replace(tzinfo=None).isoformat()

        for period in (
            {"from": naive(before), "to": iso(after)},
            {"from": iso(before), "to": naive(after)},
        ):
            data = await h.ok(REPORT, {**period, "g": "OFFICE"}, as_="manager")
            assert [(r["office"], r["open"]) for r in data["slaReport"]] == [("crm", 1)]
        # The same instant written with and without an offset: an empty period, refused.
        same = {"from": naive(before), "to": iso(before)}
        result = await h.gql(REPORT, {**same, "g": "OFFICE"}, as_="manager")
        assert result["errors"][0]["extensions"]["code"] == "INVALID", result
