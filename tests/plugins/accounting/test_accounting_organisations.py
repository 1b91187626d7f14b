"""One ledger per organisation: each has its own chart, journals, numbering and reports; a
posting never mixes two ledgers; the hotel's postings go to its site's organisation."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from accounting_helpers import MODULES, POST, ledger, organisation, post

sys.path.insert(0, str(Path(__file__).parents[1] / "lodging"))

TRIAL = """
query($f: Date!, $t: Date!, $o: ID) {
  trialBalance(from: $f, to: $t, organisationId: $o) { rows { code debit credit } totalDebit }
}
"""
ACCOUNTS = "query($o: ID) { accounts(first: 5, organisationId: $o) { edges { node { id } } } }"
ENTRIES = """
query($o: ID, $s: String) {
  journalEntries(first: 50, organisationId: $o, sourceOffice: $s) {
    edges { node { number sourceDocument journal { code } lines { account { id } } } }
  }
}
"""


async def _trial(h: Any, org: str) -> dict[str, Any]:
    data = await h.ok(TRIAL, {"f": "2026-01-01", "t": "2026-12-31", "o": org})
    result: dict[str, Any] = data["trialBalance"]
    return result


async def test_two_organisations_keep_separate_charts_numbers_and_reports(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES) as h:
        a = await ledger(h, org=await organisation("Hotel Aurora Srl"))
        b = await ledger(h, org=await organisation("Villa Borea Srl"))
        assert set(a.accounts) == set(b.accounts)  # the same template, separate accounts
        assert not set(a.accounts.values()) & set(b.accounts.values())
        # Two ledgers: a request must say which.
        unnamed = await h.gql(ACCOUNTS)
        assert unnamed["errors"][0]["extensions"]["code"] == "ORGANISATION_REQUIRED"
        ids = await h.ok(ACCOUNTS, {"o": b.organisation})
        assert {e["node"]["id"] for e in ids["accounts"]["edges"]} <= set(b.accounts.values())

        # A's journal with one of B's accounts: refused, nothing written.
        mixed = a.entry("MIS", "2026-02-03", a.line("6000", 10), b.line("1100", credit=10))
        refused = await post(h, mixed)
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("lines.1.accountId", "OTHER_ORGANISATION")
        ]
        assert refused["entry"] is None

        # Each ledger numbers its own entries from 1.
        for lg, amount in ((a, 100), (b, 7), (a, 50)):
            entry = lg.entry(
                "MIS", "2026-02-03", lg.line("6000", amount), lg.line("1100", credit=amount)
            )
            done = await post(h, entry)
            assert done["errors"] == [], done
        numbers = {}
        for name, lg in (("a", a), ("b", b)):
            found = await h.ok(ENTRIES, {"o": lg.organisation})
            numbers[name] = sorted(e["node"]["number"] for e in found["journalEntries"]["edges"])
        assert numbers == {"a": [1, 2], "b": [1]}

        # Reports of one organisation leave the other out (computed in SQL).
        ta, tb = await _trial(h, a.organisation), await _trial(h, b.organisation)
        assert Decimal(ta["totalDebit"]) == Decimal(150)
        assert Decimal(tb["totalDebit"]) == Decimal(7)
        assert {r["code"] for r in tb["rows"]} == {"6000", "1100"}
        pnl = await h.ok(
            'query($o: ID) { profitAndLoss(from: "2026-01-01", to: "2026-12-31",'
            " organisationId: $o) { net } }",
            {"o": b.organisation},
        )
        assert Decimal(pnl["profitAndLoss"]["net"]) == Decimal(-7)
        # The general ledger of A refuses B's account.
        gl = await h.gql(
            'query($a: ID!, $o: ID) { generalLedger(accountId: $a, from: "2026-01-01",'
            ' to: "2026-12-31", organisationId: $o) { closing } }',
            {"a": b.accounts["6000"], "o": a.organisation},
        )
        assert gl["errors"][0]["extensions"]["code"] == "OTHER_ORGANISATION"
        # A second chart for an organisation that has one: refused; codes reused elsewhere.
        again = await h.ok(
            "mutation($i: AccountChartInstallInput!) { accountChartInstall(input: $i)"
            " { errors { field code } } }",
            {"i": {"template": "GENERIC", "organisationId": a.organisation}},
        )
        assert again["accountChartInstall"]["errors"] == [
            {"field": "template", "code": "CHART_INSTALLED"}
        ]


async def test_concurrent_postings_in_two_organisations_number_gaplessly_each(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, live=True) as h:
        a = await ledger(h, org=await organisation("Hotel Aurora Srl"))
        b = await ledger(h, org=await organisation("Villa Borea Srl"))
        poster = await h.token(roles=["back_office"])

        async def one(lg: Any) -> dict[str, Any]:
            entry = lg.entry("MIS", "2026-03-10", lg.line("6000", 5), lg.line("1100", credit=5))
            result = await h.gql(POST, {"i": entry}, token=poster)
            assert not result.get("errors"), result
            payload: dict[str, Any] = result["data"]["journalEntryCreate"]
            assert payload["errors"] == [], payload
            return payload

        results = await asyncio.gather(*(one(lg) for _ in range(8) for lg in (a, b)))
        assert len(results) == 16
        for lg in (a, b):
            found = await h.ok(ENTRIES, {"o": lg.organisation})
            numbers = sorted(e["node"]["number"] for e in found["journalEntries"]["edges"])
            assert numbers == list(range(1, 9))


@pytest.fixture
def hotel_day(monkeypatch: pytest.MonkeyPatch) -> None:
    from lodging_helpers import TODAY

    from sportello_lodging.services import clock

    monkeypatch.setattr(clock, "today", lambda timezone=None: TODAY)


async def test_a_hotel_posts_into_its_sites_organisation_only(
    sportello_app: Callable[..., Any], hotel_day: None
) -> None:
    from lodging_helpers import CHECK_IN, CHECK_OUT, PAY, TODAY, book, hotel, registry

    async with sportello_app(
        ["reception", "lodging", "accounting"], plugins=["sportello_accounting.plugin"]
    ) as h:
        a = await ledger(h, year=TODAY.year, org=await organisation("Hotel Aurora Srl"))
        b = await ledger(h, year=TODAY.year, org=await organisation("Villa Borea Srl"))
        made = await hotel(h, rooms=1)
        moved = await h.ok(
            "mutation($i: SiteUpdateInput!) { siteUpdate(input: $i) { errors { field code } } }",
            {"i": {"id": made["site"]["id"], "organisationId": b.organisation}},
        )
        assert moved["siteUpdate"]["errors"] == []
        rid = (await book(h, made["rooms"][0]["id"], 0, 1, adults=2))["reservation"]["id"]
        pay = {"reservationId": rid, "amount": "30.00", "method": "cash", "deposit": True}
        await h.ok(PAY, {"i": pay}, as_="front_desk")
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(2)}}, as_="front_desk")
        out = await h.ok(CHECK_OUT, {"i": {"id": rid, "allowUnpaid": True}}, as_="manager")
        assert out["reservationCheckOut"]["errors"] == [], out
        await h.settle()
        in_b = await h.ok(ENTRIES, {"o": b.organisation, "s": "lodging"})
        edges = in_b["journalEntries"]["edges"]
        assert len(edges) == 2, edges  # the deposit and the closed folio
        accounts_b = set(b.accounts.values())
        for e in edges:
            assert {ln["account"]["id"] for ln in e["node"]["lines"]} <= accounts_b
        in_a = await h.ok(ENTRIES, {"o": a.organisation, "s": "lodging"})
        assert in_a["journalEntries"]["edges"] == []
