"""Exports: the trial balance and a general ledger as CSV, a period's ledger as beancount."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from sportello_accounting import models as m
from sportello_accounting.services import reports
from sportello_accounting.services._common import from_cents, rows, settings

ROOTS = {
    m.ASSET: "Assets",
    m.LIABILITY: "Liabilities",
    m.EQUITY: "Equity",
    m.INCOME: "Income",
    m.EXPENSE: "Expenses",
}


async def trial_balance_csv(organisation_id: int, start: dt.date, end: dt.date) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["code", "name", "type", "opening", "debit", "credit", "closing"])
    for r in await reports.trial_balance(organisation_id, start, end):
        w.writerow(
            [
                r.code,
                r.name,
                r.type,
                from_cents(r.opening),
                from_cents(r.debit),
                from_cents(r.credit),
                from_cents(r.closing),
            ]
        )
    return out.getvalue()


async def general_ledger_csv(
    organisation_id: int, account_id: int, start: dt.date, end: dt.date
) -> str:
    ledger = await reports.general_ledger(
        organisation_id, account_id, start, end, first=10**9, offset=0
    )
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["date", "journal", "number", "reference", "label", "debit", "credit", "balance"])
    w.writerow([start, "", "", "opening", "", "", "", from_cents(ledger.opening)])
    for ln in ledger.lines:
        w.writerow(
            [
                ln.date,
                ln.journal,
                ln.number,
                ln.reference,
                ln.label,
                from_cents(ln.debit),
                from_cents(ln.credit),
                from_cents(ln.balance),
            ]
        )
    return out.getvalue()


def beancount_account(type_: str, code: str) -> str:
    """``Assets:C1000``: the type's root and the code (letters, digits and hyphens)."""
    return f"{ROOTS[type_]}:C{re.sub(r'[^0-9A-Za-z]+', '-', code).strip('-')}"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


BEAN_OPENING = """
SELECT l.account_id, SUM(l.debit - l.credit) AS bal
FROM accounting_entry_line l JOIN accounting_account a ON a.id = l.account_id
WHERE l.date < ? AND a.organisation_id = ?
GROUP BY l.account_id HAVING SUM(l.debit - l.credit) <> 0
"""

BEAN_LINES = """
SELECT e.id AS entry_id, e.date, e.reference, e.source_office, e.source_document,
    j.code AS journal, e.number, l.account_id, l.debit, l.credit, l.currency, l.amount,
    l.rate, l.label
FROM accounting_entry e
JOIN accounting_journal j ON j.id = e.journal_id
JOIN accounting_entry_line l ON l.entry_id = e.id
WHERE e.date >= ? AND e.date <= ? AND j.organisation_id = ?
ORDER BY e.date, e.id, l.id
"""


async def beancount(organisation_id: int, start: dt.date, end: dt.date) -> str:
    """The ledger of ``[start, end]`` as a beancount file: the accounts opened, the balances
    before ``start`` as one opening transaction, then every entry; amounts in the company
    currency, foreign amounts and rates as metadata."""
    reports._check_range(start, end)
    currency = settings().currency
    accounts = {
        a["id"]: (beancount_account(a["type"], a["code"]), a["name"])
        for a in await m.Account.filter(organisation_id=organisation_id).values(
            "id", "type", "code", "name"
        )
    }
    out = [f'option "operating_currency" "{currency}"', ""]
    for name, title in sorted(accounts.values()):
        out.append(f"1970-01-01 open {name}")
        out.append(f"  name: {_q(title)}")
    out.append("")
    opening = await rows(BEAN_OPENING, [start, organisation_id])
    if opening:
        out.append(f'{start} * "Opening balances" ""')
        for r in opening:
            out.append(f"  {accounts[r['account_id']][0]}  {from_cents(int(r['bal']))} {currency}")
        out.append("")
    current: int | None = None
    for r in await rows(BEAN_LINES, [start, end, organisation_id]):
        if r["entry_id"] != current:
            current = r["entry_id"]
            narration = f"{r['journal']} {r['number']}"
            out.append("")
            out.append(f"{r['date']} * {_q(r['reference'] or '')} {_q(narration)}")
            out.append(f"  entry: {_q(str(r['entry_id']))}")
            source = r["source_office"] + (
                f" {r['source_document']}" if r["source_document"] else ""
            )
            out.append(f"  source: {_q(source)}")
        amount = from_cents(int(r["debit"]) - int(r["credit"]))
        out.append(f"  {accounts[r['account_id']][0]}  {amount} {currency}")
        if r["currency"] != currency:
            out.append(
                f"    foreign: {_q(str(from_cents(int(r['amount']))) + ' ' + r['currency'])}"
            )
            out.append(f"    rate: {_q(str(r['rate']))}")
    out.append("")
    return "\n".join(out)
