"""The reports as tables to export (PDF, CSV): the same SQL figures as the GraphQL reports,
laid out with a title, sections, rows and totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sportello import api
from sportello_accounting.services import reports
from sportello_accounting.services.report_labels import TYPES, label, language_of

REPORTS = (
    "trial_balance",
    "profit_and_loss",
    "balance_sheet",
    "vat_settlement",
    "general_ledger",
)


@dataclass
class Row:
    #: text cells, or cents (int) in the numeric columns, or None (blank)
    cells: list[str | int | None]
    #: a section's heading (one cell) or a total (bold)
    kind: str = ""  # "", "section" or "total"


@dataclass
class Table:
    report: str
    title: str
    subtitle: str
    #: (key for CSV, label for PDF, numeric)
    columns: list[tuple[str, str, bool]]
    rows: list[Row] = field(default_factory=list)
    #: relative widths of the columns on the page
    widths: list[int] = field(default_factory=list)


async def trial_balance(org: int, lang: str, start: dt.date, end: dt.date) -> Table:
    cols = ["code", "account", "type", "opening", "debit", "credit", "closing"]
    t = Table(
        "trial_balance",
        label(lang, "trial_balance"),
        label(lang, "period", start=start.isoformat(), end=end.isoformat()),
        [(c, label(lang, c), c in ("opening", "debit", "credit", "closing")) for c in cols],
        widths=[14, 50, 18, 22, 22, 22, 22],
    )
    types = TYPES[language_of(lang)]
    totals = [0, 0, 0, 0]
    for r in await reports.trial_balance(org, start, end):
        figures = [r.opening, r.debit, r.credit, r.closing]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        t.rows.append(Row([r.code, r.name, types.get(r.type, r.type), *figures]))
    t.rows.append(Row(["", label(lang, "total"), "", *totals], "total"))
    return t


async def general_ledger(
    org: int, lang: str, account_id: int, start: dt.date, end: dt.date
) -> Table:
    """One account's lines of ``[start, end]`` with the running balance, between the opening
    and the closing balance (the same SQL as the ``generalLedger`` query, every line)."""
    ledger = await reports.general_ledger(org, account_id, start, end, first=10**9, offset=0)
    cols = ["date", "entry", "reference", "description", "debit", "credit", "balance"]
    t = Table(
        "general_ledger",
        f"{label(lang, 'general_ledger')}: {ledger.account.code} {ledger.account.name}",
        label(lang, "period", start=start.isoformat(), end=end.isoformat()),
        [(c, label(lang, c), c in ("debit", "credit", "balance")) for c in cols],
        widths=[18, 18, 30, 50, 20, 20, 22],
    )
    t.rows.append(Row(["", "", "", label(lang, "opening_balance"), None, None, ledger.opening]))
    for ln in ledger.lines:
        entry = f"{ln.journal} {ln.number}"
        t.rows.append(
            Row(
                [
                    ln.date.isoformat(),
                    entry,
                    ln.reference,
                    ln.label,
                    ln.debit,
                    ln.credit,
                    ln.balance,
                ]
            )
        )
    t.rows.append(
        Row(
            [
                "",
                "",
                "",
                label(lang, "closing_balance"),
                ledger.debit,
                ledger.credit,
                ledger.closing,
            ],
            "total",
        )
    )
    return t


def _section_rows(t: Table, lang: str, key: str, section: reports.Section) -> None:
    t.rows.append(Row([label(lang, key)], "section"))
    for _id, code, name, amount, previous in section.rows:
        t.rows.append(Row([code, name, amount, previous]))
    t.rows.append(Row(["", label(lang, "total"), section.total, section.previous_total], "total"))


async def profit_and_loss(org: int, lang: str, start: dt.date, end: dt.date) -> Table:
    income, expense = await reports.profit_and_loss(org, start, end)
    t = Table(
        "profit_and_loss",
        label(lang, "profit_and_loss"),
        label(lang, "period", start=start.isoformat(), end=end.isoformat()),
        [
            ("code", label(lang, "code"), False),
            ("account", label(lang, "account"), False),
            ("amount", label(lang, "amount"), True),
            ("previous", label(lang, "previous"), True),
        ],
        widths=[16, 90, 37, 37],
    )
    _section_rows(t, lang, "income", income)
    _section_rows(t, lang, "expense", expense)
    net = income.total - expense.total
    net_prev = income.previous_total - expense.previous_total
    t.rows.append(Row(["", label(lang, "net"), net, net_prev], "total"))
    return t


def year_before(at: dt.date) -> dt.date:
    try:
        return at.replace(year=at.year - 1)
    except ValueError:  # 29 February
        return at.replace(year=at.year - 1, day=28)


async def balance_sheet(org: int, lang: str, at: dt.date) -> Table:
    previous = year_before(at)
    data = await reports.balance_sheet(org, at, previous)
    s = data["sections"]
    t = Table(
        "balance_sheet",
        label(lang, "balance_sheet"),
        label(lang, "at", at=at.isoformat(), previous=previous.isoformat()),
        [
            ("code", label(lang, "code"), False),
            ("account", label(lang, "account"), False),
            ("amount", label(lang, "amount"), True),
            ("previous", label(lang, "previous"), True),
        ],
        widths=[16, 90, 37, 37],
    )
    _section_rows(t, lang, "assets", s["asset"])
    _section_rows(t, lang, "liabilities", s["liability"])
    _section_rows(t, lang, "equity", s["equity"])
    t.rows.append(Row(["", label(lang, "result"), data["result"], data["result_previous"]]))
    total = s["liability"].total + s["equity"].total + data["result"]
    total_prev = s["liability"].previous_total + s["equity"].previous_total
    total_prev += data["result_previous"]
    t.rows.append(Row(["", label(lang, "total_liabilities_equity"), total, total_prev], "total"))
    return t


async def vat_settlement(org: int, lang: str, start: dt.date, end: dt.date) -> Table:
    t = Table(
        "vat_settlement",
        label(lang, "vat_settlement"),
        label(lang, "period", start=start.isoformat(), end=end.isoformat()),
        [
            ("rate", label(lang, "rate"), False),
            ("base", label(lang, "base"), True),
            ("tax", label(lang, "tax"), True),
            ("documents", label(lang, "documents"), False),
        ],
        widths=[45, 50, 50, 35],
    )
    for book in ("sales", "purchases"):
        t.rows.append(Row([label(lang, book)], "section"))
        base_total = tax_total = 0
        for rate, base, tax, documents in await reports.vat_register(org, book, start, end):
            t.rows.append(Row([f"{rate} %", base, tax, str(documents)]))
            base_total, tax_total = base_total + base, tax_total + tax
        t.rows.append(Row([label(lang, "total"), base_total, tax_total, ""], "total"))
    output, deductible = await reports.vat_settlement(org, start, end)
    t.rows.append(Row([label(lang, "output_vat"), None, output, ""]))
    t.rows.append(Row([label(lang, "input_vat"), None, deductible, ""]))
    t.rows.append(Row([label(lang, "payable"), None, output - deductible, ""], "total"))
    return t


async def build(
    org: int,
    report: str,
    lang: str,
    start: dt.date,
    end: dt.date,
    account_id: int | None = None,
) -> Table:
    """The table of ``report``; the balance sheet is at ``end``; the general ledger is of
    ``account_id``."""
    if report == "general_ledger":
        if account_id is None:
            raise api.ServiceError("REQUIRED", "core.required", "accountId")
        return await general_ledger(org, lang, account_id, start, end)
    if report == "trial_balance":
        return await trial_balance(org, lang, start, end)
    if report == "profit_and_loss":
        return await profit_and_loss(org, lang, start, end)
    if report == "balance_sheet":
        return await balance_sheet(org, lang, end)
    return await vat_settlement(org, lang, start, end)
