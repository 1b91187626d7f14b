"""Reports as files: the trial balance, profit and loss, balance sheet and VAT settlement as CSV
(the SQL figures) and as PDF labelled in en, it, es and el."""

from __future__ import annotations

import base64
import csv
import io
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from accounting_helpers import MODULES, ledger, post

EXPORT = """
query($r: ReportKind!, $f: ReportFileFormat!, $l: String) {
  reportExport(report: $r, format: $f, from: "2026-02-01", to: "2026-02-28", language: $l) {
    filename contentType encoding content
  }
}
"""


async def _month(h: Any) -> None:
    lg = await ledger(h)
    for e in (
        lg.entry("MIS", "2026-01-02", lg.line("1100", 10000), lg.line("3000", credit=10000)),
        lg.entry(
            "SAL",
            "2026-02-10",
            lg.line("1200", "1220.00"),
            lg.line("4000", credit="1000.00", taxRate="22", taxKind="BASE"),
            lg.line("2100", credit="220.00", taxRate="22", taxKind="TAX"),
        ),
        lg.entry(
            "PUR",
            "2026-02-12",
            lg.line("5000", "50.00", taxRate="22", taxKind="BASE"),
            lg.line("1400", "11.00", taxRate="22", taxKind="TAX"),
            lg.line("2000", credit="61.00"),
        ),
    ):
        got = await post(h, e)
        assert got["errors"] == [], got


async def _file(h: Any, report: str, fmt: str, lang: str | None = None) -> dict[str, Any]:
    data = await h.ok(EXPORT, {"r": report, "f": fmt, "l": lang})
    return data["reportExport"]


def _text(f: dict[str, Any]) -> str:
    assert (f["contentType"], f["encoding"]) == ("application/pdf", "base64")
    body = base64.b64decode(f["content"])
    assert body.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(body))
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_csv_files_hold_the_sql_figures(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _month(h)
        tb = await _file(h, "TRIAL_BALANCE", "CSV")
        assert (tb["filename"], tb["encoding"]) == (
            "trial_balance_2026-02-01_2026-02-28.csv",
            "text",
        )
        rows = list(csv.DictReader(io.StringIO(tb["content"])))
        cash = next(r for r in rows if r["code"] == "1100")
        assert (cash["opening"], cash["closing"]) == ("10000.00", "10000.00")
        total = next(r for r in rows if r["row"] == "total")
        assert total["debit"] == total["credit"] == "1281.00"
        assert Decimal(total["closing"]) == 0

        pnl = list(
            csv.DictReader(io.StringIO((await _file(h, "PROFIT_AND_LOSS", "CSV"))["content"]))
        )
        assert next(r for r in pnl if r["code"] == "4000")["amount"] == "1000.00"
        assert pnl[-1]["row"] == "total" and pnl[-1]["amount"] == "950.00"

        bs = list(csv.DictReader(io.StringIO((await _file(h, "BALANCE_SHEET", "CSV"))["content"])))
        assets = next(r for r in bs if r["row"] == "total")
        assert assets["amount"] == bs[-1]["amount"] == "11231.00"

        vat = list(
            csv.DictReader(io.StringIO((await _file(h, "VAT_SETTLEMENT", "CSV"))["content"]))
        )
        assert vat[-1]["tax"] == "209.00"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Trial balance", "Debit", "Credit", "Page 1 of 1", "1,220.00"]),
        ("it", ["Bilancio di verifica", "Dare", "Avere", "Pagina 1 di 1", "1.220,00"]),
        ("es", ["Balance de comprobación", "Debe", "Haber", "Página 1 de 1", "1.220,00"]),
        ("el", ["Ισοζύγιο", "Χρέωση", "Πίστωση", "Σελίδα 1 από 1", "1.220,00"]),
    ],
)
async def test_the_trial_balance_pdf_speaks_the_readers_language(
    sportello_app, lang: str, words: list[str]
) -> None:
    async with sportello_app(MODULES) as h:
        await _month(h)
        text = _text(await _file(h, "TRIAL_BALANCE", "PDF", lang))
        for word in words:
            assert word in text, (word, text)


async def test_every_report_renders_as_pdf(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _month(h)
        expected = {
            "PROFIT_AND_LOSS": ["Conto economico", "Ricavi", "Risultato netto", "950,00"],
            "BALANCE_SHEET": ["Stato patrimoniale", "Attività", "Patrimonio netto"],
            "VAT_SETTLEMENT": ["Liquidazione IVA", "Registro delle vendite", "209,00"],
        }
        for report, words in expected.items():
            f = await _file(h, report, "PDF", "it-IT")
            assert f["filename"].endswith("_it.pdf")
            text = _text(f)
            for word in words:
                assert word in text, (report, word, text)


LEDGER_FILE = """
query($f: ReportFileFormat!, $l: String, $a: ID) {
  reportExport(report: GENERAL_LEDGER, format: $f, from: "2026-01-01", to: "2026-02-28",
               language: $l, accountId: $a) {
    filename contentType encoding content
  }
}
"""


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["General ledger: 1100", "Opening balance", "Closing balance", "10,000.00"]),
        ("it", ["Libro mastro: 1100", "Saldo iniziale", "Saldo finale", "10.000,00"]),
        ("es", ["Libro mayor: 1100", "Saldo inicial", "Saldo final", "10.000,00"]),
        ("el", ["Καθολικό: 1100", "Υπόλοιπο έναρξης", "Υπόλοιπο λήξης", "10.000,00"]),
    ],
)
async def test_the_general_ledger_exports_as_pdf_and_csv(
    sportello_app, lang: str, words: list[str]
) -> None:
    async with sportello_app(MODULES) as h:
        await _month(h)
        accounts = await h.ok('{ accounts(first: 50, search: "1100") { edges { node { id } } } }')
        cash = accounts["accounts"]["edges"][0]["node"]["id"]
        pdf = (await h.ok(LEDGER_FILE, {"f": "PDF", "l": lang, "a": cash}))["reportExport"]
        assert pdf["filename"] == f"general_ledger_2026-01-01_2026-02-28_{lang}.pdf"
        text = _text(pdf)
        for word in [*words, "MIS 1", "2026-01-02"]:
            assert word in text, (word, text)
        if lang == "en":
            got = (await h.ok(LEDGER_FILE, {"f": "CSV", "a": cash}))["reportExport"]
            rows = list(csv.DictReader(io.StringIO(got["content"])))
            line = next(r for r in rows if r["entry"] == "MIS 1")
            assert (line["date"], line["debit"], line["balance"]) == (
                "2026-01-02",
                "10000.00",
                "10000.00",
            )
            missing = await h.gql(LEDGER_FILE, {"f": "CSV"})
            assert missing["errors"][0]["extensions"]["code"] == "REQUIRED"
