"""Interop: the beancount export of a period loads with beancount's own loader, with no error
and the same trial balance."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from accounting_helpers import MODULES, REVERSE, ledger, post, trial
from beancount import loader
from beancount.core import data as bdata

EXPORT = """
query($f: Date!, $t: Date!) { ledgerExport(format: BEANCOUNT, from: $f, to: $t) }
"""
ACCOUNTS = "{ accounts(first: 100) { edges { node { code type } } } }"


def balances(text: str) -> dict[str, Decimal]:
    entries, errors, _options = loader.load_string(text)
    assert errors == [], errors
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if isinstance(entry, bdata.Transaction):
            for p in entry.postings:
                assert p.units.currency == "EUR"
                totals[p.account] += p.units.number
    return totals


async def same_trial_balance(h: Any, start: str, end: str) -> None:
    from sportello_accounting.services.exports import beancount_account

    text = (await h.ok(EXPORT, {"f": start, "t": end}))["ledgerExport"]
    got = balances(text)
    types = {
        e["node"]["code"]: e["node"]["type"].lower()
        for e in (await h.ok(ACCOUNTS))["accounts"]["edges"]
    }
    tb = await trial(h, start, end)
    expected = {
        beancount_account(types[r["code"]], r["code"]): Decimal(r["closing"])
        for r in tb["rows"]
        if Decimal(r["closing"]) != 0
    }
    assert {k: v for k, v in got.items() if v != 0} == expected
    assert sum(got.values()) == 0


async def test_beancount_export_loads_with_the_same_trial_balance(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h, "IT")
        entries = [
            lg.entry("VAR", "2026-01-02", lg.line("06.10", 5000), lg.line("10.01", credit=5000)),
            lg.entry(
                "VEN",
                "2026-02-10",
                lg.line("05.01", "99.99", currency="USD", rate="1.1"),
                lg.line("30.01", credit="33.33", currency="USD", rate="1.1"),
                lg.line("30.01", credit="33.33", currency="USD", rate="1.1"),
                lg.line("30.01", credit="33.33", currency="USD", rate="1.1"),
                reference='Fattura "7"',
            ),
            lg.entry("VAR", "2026-03-31", lg.line("22.01", "900"), lg.line("06.10", credit="900")),
        ]
        ids = []
        for e in entries:
            got = await post(h, e)
            assert got["errors"] == [], got
            ids.append(got["entry"]["id"])
        await h.ok(REVERSE, {"i": {"id": ids[2], "date": "2026-04-01"}})
        await same_trial_balance(h, "2026-01-01", "2026-12-31")
        # A later period: the balances before it come in as one opening transaction.
        await same_trial_balance(h, "2026-03-01", "2026-04-30")
