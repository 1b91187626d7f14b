"""Reports through GraphQL: profit and loss with the previous period, balance sheet, general
ledger with running balance, VAT registers and settlement, CSV exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from accounting_helpers import MODULES, ledger, post, trial

D = Decimal


async def _month(h, lg) -> None:
    """Capital in, a sale with VAT 22 and 10, a purchase with VAT 22, rent, a payment."""
    entries = [
        lg.entry("MIS", "2026-01-02", lg.line("1100", 10000), lg.line("3000", credit=10000)),
        lg.entry(
            "SAL",
            "2026-02-10",
            lg.line("1200", "232.00"),
            lg.line("4000", credit="100.00", taxRate="22", taxKind="BASE"),
            lg.line("2100", credit="22.00", taxRate="22", taxKind="TAX"),
            lg.line("4200", credit="100.00", taxRate="10", taxKind="BASE"),
            lg.line("2100", credit="10.00", taxRate="10", taxKind="TAX"),
        ),
        lg.entry(
            "PUR",
            "2026-02-12",
            lg.line("5000", "50.00", taxRate="22", taxKind="BASE"),
            lg.line("1400", "11.00", taxRate="22", taxKind="TAX"),
            lg.line("2000", credit="61.00"),
        ),
        lg.entry("MIS", "2026-02-28", lg.line("6000", "800"), lg.line("1100", credit="800")),
        lg.entry("BNK", "2026-02-20", lg.line("1100", "232.00"), lg.line("1200", credit="232.00")),
        lg.entry("MIS", "2026-01-28", lg.line("6000", "700"), lg.line("1100", credit="700")),
    ]
    for e in entries:
        got = await post(h, e)
        assert got["errors"] == [], got


PNL = """
query($f: Date!, $t: Date!) {
  profitAndLoss(from: $f, to: $t) {
    previousStart previousEnd net previousNet
    income { total previousTotal rows { code amount previous } }
    expense { total previousTotal rows { code amount previous } }
  }
}
"""
BS = """
query($at: Date!) {
  balanceSheet(at: $at) {
    totalAssets totalLiabilitiesAndEquity result
    assets { total rows { code amount } }
    liabilities { total rows { code amount } }
    equity { total rows { code amount } }
  }
}
"""
GL = """
query($a: ID!, $f: Date!, $t: Date!, $n: Int!, $o: Int!) {
  generalLedger(accountId: $a, from: $f, to: $t, first: $n, offset: $o) {
    code opening debit credit closing totalCount
    lines { date journal number debit credit balance }
  }
}
"""
VAT = """
query($f: Date!, $t: Date!) {
  vatSettlement(from: $f, to: $t) {
    outputVat inputVat payable
    sales { rate base tax documents }
    purchases { rate base tax documents }
  }
}
"""
EXPORT = """
query($fmt: ExportFormat!, $f: Date!, $t: Date!, $a: ID) {
  ledgerExport(format: $fmt, from: $f, to: $t, accountId: $a)
}
"""


async def test_profit_and_loss_compares_with_the_previous_period(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        await _month(h, lg)
        data = (await h.ok(PNL, {"f": "2026-02-01", "t": "2026-02-28"}))["profitAndLoss"]
        assert (data["previousStart"], data["previousEnd"]) == ("2026-01-04", "2026-01-31")
        assert D(data["income"]["total"]) == D("200.00")
        assert D(data["expense"]["total"]) == D("850.00")
        assert D(data["net"]) == D("-650.00")
        assert D(data["expense"]["previousTotal"]) == D("700.00")
        assert D(data["previousNet"]) == D("-700.00")


async def test_balance_sheet_balances_with_the_unclosed_result(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        await _month(h, lg)
        data = (await h.ok(BS, {"at": "2026-02-28"}))["balanceSheet"]
        assert D(data["totalAssets"]) == D(data["totalLiabilitiesAndEquity"])
        assert D(data["result"]) == D("200.00") - D("850.00") - D("700.00")
        assets = {r["code"]: D(r["amount"]) for r in data["assets"]["rows"]}
        assert assets["1100"] == D("10000") - D("800") - D("700") + D("232")
        assert D(data["equity"]["total"]) == D("10000.00")


async def test_general_ledger_pages_keep_the_running_balance(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        await _month(h, lg)
        bank = lg.accounts["1100"]
        whole = (
            await h.ok(GL, {"a": bank, "f": "2026-01-01", "t": "2026-12-31", "n": 50, "o": 0})
        )["generalLedger"]
        balances = [D(x["balance"]) for x in whole["lines"]]
        assert balances == [D("10000"), D("9300"), D("9532"), D("8732")]
        assert whole["totalCount"] == 4 and D(whole["closing"]) == D("8732.00")
        page = (await h.ok(GL, {"a": bank, "f": "2026-02-01", "t": "2026-02-28", "n": 1, "o": 1}))[
            "generalLedger"
        ]
        assert D(page["opening"]) == D("9300.00")
        assert [D(x["balance"]) for x in page["lines"]] == [D("8732.00")]


async def test_vat_registers_and_settlement(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        await _month(h, lg)
        data = (await h.ok(VAT, {"f": "2026-02-01", "t": "2026-02-28"}))["vatSettlement"]
        sales = {D(r["rate"]): (D(r["base"]), D(r["tax"])) for r in data["sales"]}
        assert sales == {D("10"): (D("100"), D("10")), D("22"): (D("100"), D("22"))}
        assert [(D(r["base"]), D(r["tax"])) for r in data["purchases"]] == [(D("50"), D("11"))]
        assert (D(data["outputVat"]), D(data["inputVat"]), D(data["payable"])) == (
            D("32"),
            D("11"),
            D("21"),
        )


async def test_csv_exports_match_the_reports(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        await _month(h, lg)
        text = (
            await h.ok(EXPORT, {"fmt": "TRIAL_BALANCE_CSV", "f": "2026-01-01", "t": "2026-12-31"})
        )["ledgerExport"]
        rows = list(csv.DictReader(io.StringIO(text)))
        tb = await trial(h, "2026-01-01", "2026-12-31")
        assert [(r["code"], D(r["closing"])) for r in rows] == [
            (r["code"], D(r["closing"])) for r in tb["rows"]
        ]
        ledger_csv = (
            await h.ok(
                EXPORT,
                {
                    "fmt": "GENERAL_LEDGER_CSV",
                    "f": "2026-01-01",
                    "t": "2026-12-31",
                    "a": lg.accounts["1100"],
                },
            )
        )["ledgerExport"]
        assert ledger_csv.splitlines()[-1].endswith(",8732.00")
        missing = await h.gql(
            EXPORT, {"fmt": "GENERAL_LEDGER_CSV", "f": "2026-01-01", "t": "2026-12-31"}
        )
        assert missing["errors"][0]["extensions"]["code"] == "REQUIRED"
