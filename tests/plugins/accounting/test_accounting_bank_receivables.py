"""Incoming bank lines matched against open receivables from the ledger's own lines: ranked by
amount, the invoice number in the statement's text and the customer's name; confirming posts the
receipt to the customer's receivable and reconciles the line once."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from accounting_helpers import MODULES, ledger, post, trial
from test_accounting_bank import IMPORT, LINES
from test_accounting_payables import _supplier as _party

D = Decimal
SUGGEST = """
query($l: ID!) {
  bankLineReceivableSuggestions(lineId: $l) {
    score reasons reference openAmount party { id displayName }
  }
}
"""
RECONCILE = """
mutation($i: BankLineReconcileReceivableInput!) {
  bankLineReconcileReceivable(input: $i) {
    bankLine { status entry { number lines { account { code } debit credit party { id } } } }
    errors { field code }
  }
}
"""


async def test_incoming_lines_match_open_receivables(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        anna = await _party(h, "Anna Verdi")
        mario = await _party(h, "Mario Bianchi")
        for party, number, net, vat in (
            (anna, "2026/A/000012", "1000.00", "220.00"),
            (mario, "2026/A/000013", "250.00", "55.00"),
        ):
            total = str(D(net) + D(vat))
            got = await post(
                h,
                lg.entry(
                    "SAL",
                    "2026-02-10",
                    lg.line("1200", total, partyId=party),
                    lg.line("4000", credit=net),
                    lg.line("2100", credit=vat),
                    reference=number,
                ),
            )
            assert got["errors"] == [], got
        csv = (
            "date;amount;counterparty;reference\n"
            "2026-03-05;1220,00;ANNA VERDI;Saldo fattura 2026/A/000012\n"
            "2026-03-06;100,00;M. Bianchi;acconto\n"
            "2026-03-07;-50,00;Shop;card\n"
        )
        imported = await h.ok(
            IMPORT, {"i": {"accountId": lg.accounts["1100"], "format": "CSV", "content": csv}}
        )
        statement = imported["bankStatementImport"]["bankStatement"]["id"]
        lines = [
            e["node"]["id"] for e in (await h.ok(LINES, {"s": statement}))["bankLines"]["edges"]
        ]

        ranked = (await h.ok(SUGGEST, {"l": lines[0]}))["bankLineReceivableSuggestions"]
        assert ranked[0]["party"] == {"id": anna, "displayName": "Anna Verdi"}
        assert (ranked[0]["score"], ranked[0]["reasons"]) == (100, ["amount", "reference", "party"])
        assert (ranked[0]["reference"], D(ranked[0]["openAmount"])) == ("2026/A/000012", D(1220))
        assert all(r["party"]["id"] != mario for r in ranked)
        partial = (await h.ok(SUGGEST, {"l": lines[1]}))["bankLineReceivableSuggestions"]
        assert [(r["party"]["id"], r["reasons"]) for r in partial] == [(mario, ["party"])]
        assert (await h.ok(SUGGEST, {"l": lines[2]}))["bankLineReceivableSuggestions"] == []

        done = (await h.ok(RECONCILE, {"i": {"lineId": lines[0], "partyId": anna}}))[
            "bankLineReconcileReceivable"
        ]
        assert done["errors"] == [] and done["bankLine"]["status"] == "RECONCILED"
        amounts = {
            ln["account"]["code"]: (ln["debit"], ln["credit"], ln["party"])
            for ln in done["bankLine"]["entry"]["lines"]
        }
        assert amounts == {
            "1100": ("1220.00", "0.00", None),
            "1200": ("0.00", "1220.00", {"id": anna}),
        }
        twice = await h.ok(RECONCILE, {"i": {"lineId": lines[0], "partyId": anna}})
        assert twice["bankLineReconcileReceivable"]["errors"] == [
            {"field": "lineId", "code": "ALREADY_RECONCILED"}
        ]
        outgoing = await h.ok(RECONCILE, {"i": {"lineId": lines[2], "partyId": mario}})
        assert outgoing["bankLineReconcileReceivable"]["errors"] == [
            {"field": "lineId", "code": "INVALID"}
        ]
        # Anna owes nothing now: she is no longer suggested; Mario's open amount stands.
        assert (await h.ok(SUGGEST, {"l": lines[0]}))["bankLineReceivableSuggestions"] == []
        again = (await h.ok(SUGGEST, {"l": lines[1]}))["bankLineReceivableSuggestions"]
        assert D(again[0]["openAmount"]) == D("305.00")
        tb = {
            r["code"]: D(r["closing"]) for r in (await trial(h, "2026-01-01", "2026-12-31"))["rows"]
        }
        assert tb["1200"] == D("305.00") and tb["1100"] == D("1220.00")


MAP = """
mutation($i: AccountMappingSetInput!) {
  accountMappingSet(input: $i) { accountMapping { key account { code } } errors { field code } }
}
"""


async def test_racing_confirmations_post_one_receipt(sportello_app) -> None:
    """Eight accountants confirm the same line at once (real HTTP requests): one receipt, the
    others told the line is already reconciled; eight managers map one key at once: one row."""
    from sportello_accounting.models import AccountMapping, Entry

    async with sportello_app(MODULES, live=True) as h:
        lg = await ledger(h)
        anna = await _party(h, "Anna Verdi")
        got = await post(
            h,
            lg.entry(
                "SAL",
                "2026-02-10",
                lg.line("1200", "100.00", partyId=anna),
                lg.line("4000", credit="100.00"),
                reference="2026/A/000001",
            ),
        )
        assert got["errors"] == [], got
        csv = "date;amount;counterparty;reference\n2026-03-05;100,00;Anna Verdi;2026/A/000001\n"
        imported = await h.ok(
            IMPORT, {"i": {"accountId": lg.accounts["1100"], "format": "CSV", "content": csv}}
        )
        statement = imported["bankStatementImport"]["bankStatement"]["id"]
        line = (await h.ok(LINES, {"s": statement}))["bankLines"]["edges"][0]["node"]["id"]
        poster = await h.token(roles=["back_office"])
        manager = await h.token(roles=["manager"])

        async def confirm() -> list[dict]:
            result = await h.gql(RECONCILE, {"i": {"lineId": line, "partyId": anna}}, token=poster)
            assert not result.get("errors"), result
            errors: list[dict] = result["data"]["bankLineReconcileReceivable"]["errors"]
            return errors

        async def map_key(code: str) -> list[dict]:
            i = {"key": "charge:SPA", "accountId": lg.accounts[code]}
            result = await h.gql(MAP, {"i": i}, token=manager)
            assert not result.get("errors"), result
            errors: list[dict] = result["data"]["accountMappingSet"]["errors"]
            return errors

        results = await asyncio.gather(*(confirm() for _ in range(8)))
        assert sorted(len(r) for r in results) == [0] + [1] * 7
        assert all(r == [{"field": "lineId", "code": "ALREADY_RECONCILED"}] for r in results if r)
        assert await Entry.filter(source_document__startswith="bank_line:").count() == 1

        mapped = await asyncio.gather(*(map_key(c) for c in ("4100", "4900") * 4))
        assert all(r == [] for r in mapped)
        assert await AccountMapping.filter(key="charge:SPA").count() == 1
