"""Reports computed by the database: trial balance, general ledger (window function), profit
and loss, balance sheet, VAT registers and settlement. Amounts come back in cents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services._common import rows


@dataclass
class BalanceRow:
    account_id: int
    code: str
    name: str
    type: str
    opening: int
    debit: int
    credit: int

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise api.ServiceError("INVALID", "accounting.date_range", "to")


TRIAL_BALANCE = """
SELECT a.id, a.code, a.name, a.type,
    SUM(t.opening) AS opening, SUM(t.debit) AS debit, SUM(t.credit) AS credit
FROM (
    SELECT b.account_id,
        CASE WHEN p."end" < ? THEN b.debit - b.credit ELSE 0 END AS opening,
        CASE WHEN p."end" < ? THEN 0 ELSE b.debit END AS debit,
        CASE WHEN p."end" < ? THEN 0 ELSE b.credit END AS credit
    FROM accounting_period_balance b JOIN accounting_period p ON p.id = b.period_id
    WHERE (p."end" < ? OR (p.start >= ? AND p."end" <= ?)){account}
    {lines}
) t JOIN accounting_account a ON a.id = t.account_id
WHERE a.organisation_id = ?
GROUP BY a.id, a.code, a.name, a.type
ORDER BY a.code
"""

CUT_LINES = """
    UNION ALL
    SELECT account_id,
        CASE WHEN date < ? THEN debit - credit ELSE 0 END,
        CASE WHEN date < ? THEN 0 ELSE debit END,
        CASE WHEN date < ? THEN 0 ELSE credit END
    FROM accounting_entry_line WHERE ({ranges}){account}
"""


async def _cut_ranges(
    organisation_id: int, start: dt.date, end: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """Date ranges of the periods ``[start, end]`` cuts (neither wholly before ``start`` nor
    wholly inside the range), up to ``end``: their lines are read, the rest is summed from
    the period balances."""
    periods = await m.Period.filter(
        fiscal_year__organisation_id=organisation_id, start__lte=end, end__gte=start
    ).values_list("start", "end")
    return [
        (p_start, min(p_end, end))
        for p_start, p_end in periods
        if not (p_start >= start and p_end <= end)
    ]


async def trial_balance(
    organisation_id: int, start: dt.date, end: dt.date, account_id: int | None = None
) -> list[BalanceRow]:
    """Every account (or one) with a movement up to ``end``: opening balance before
    ``start``, the period's debits and credits, and the closing balance. Whole periods come
    from the period balances, the periods the range cuts from their lines: a year costs a few
    hundred rows."""
    _check_range(start, end)
    cuts = await _cut_ranges(organisation_id, start, end)
    params: list[object] = [start, start, start, start, start, end]
    one = "" if account_id is None else " AND account_id = ?"
    if account_id is not None:
        params.append(account_id)
    lines = ""
    if cuts:
        ranges = " OR ".join("(date >= ? AND date <= ?)" for _ in cuts)
        lines = CUT_LINES.format(ranges=ranges, account=one)
        params += [start, start, start]
        for a, b in cuts:
            params += [a, b]
        if account_id is not None:
            params.append(account_id)
    params.append(organisation_id)
    sql = TRIAL_BALANCE.format(lines=lines, account=one.replace("account_id", "b.account_id"))
    return [
        BalanceRow(
            account_id=r["id"],
            code=r["code"],
            name=r["name"],
            type=r["type"],
            opening=int(r["opening"] or 0),
            debit=int(r["debit"] or 0),
            credit=int(r["credit"] or 0),
        )
        for r in await rows(sql, params)
    ]


@dataclass
class LedgerLine:
    line_id: int
    entry_id: int
    date: dt.date
    journal: str
    number: int
    reference: str
    label: str
    debit: int
    credit: int
    balance: int
    currency: str
    amount: int
    party_id: int | None


@dataclass
class Ledger:
    account: m.Account
    opening: int
    debit: int
    credit: int
    total_count: int
    lines: list[LedgerLine] = field(default_factory=list)

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit


LEDGER_COUNT = """
SELECT COUNT(*) AS n FROM accounting_entry_line WHERE account_id = ? AND date >= ? AND date <= ?
"""

LEDGER_LINES = """
SELECT l.id, l.entry_id, l.date, j.code AS journal, e.number, e.reference, l.label,
    l.debit, l.credit, l.currency, l.amount, l.party_id,
    SUM(l.debit - l.credit) OVER (ORDER BY l.date, l.entry_id, l.id) AS running
FROM accounting_entry_line l
JOIN accounting_entry e ON e.id = l.entry_id
JOIN accounting_journal j ON j.id = e.journal_id
WHERE l.account_id = ? AND l.date >= ? AND l.date <= ?
ORDER BY l.date, l.entry_id, l.id
LIMIT ? OFFSET ?
"""


async def general_ledger(
    organisation_id: int, account_id: int, start: dt.date, end: dt.date, first: int, offset: int
) -> Ledger:
    """One account's lines in ``[start, end]`` with the running balance (a window function
    over the whole range, so a page's balances are right), a page at a time."""
    _check_range(start, end)
    account = await api.get_or_error(m.Account, account_id, "accountId")
    if account.organisation_id != organisation_id:
        raise api.ServiceError("OTHER_ORGANISATION", "accounting.other_organisation", "accountId")
    found = await trial_balance(organisation_id, start, end, account_id)
    totals = found[0] if found else BalanceRow(account_id, "", "", "", 0, 0, 0)
    count = await rows(LEDGER_COUNT, [account_id, start, end])
    opening = totals.opening
    ledger = Ledger(
        account=account,
        opening=opening,
        debit=totals.debit,
        credit=totals.credit,
        total_count=int(count[0]["n"] or 0),
    )
    for r in await rows(LEDGER_LINES, [account_id, start, end, first, offset]):
        day = r["date"]
        ledger.lines.append(
            LedgerLine(
                line_id=r["id"],
                entry_id=r["entry_id"],
                date=day if isinstance(day, dt.date) else dt.date.fromisoformat(day),
                journal=r["journal"],
                number=r["number"],
                reference=r["reference"],
                label=r["label"],
                debit=int(r["debit"]),
                credit=int(r["credit"]),
                balance=opening + int(r["running"]),
                currency=r["currency"],
                amount=int(r["amount"]),
                party_id=r["party_id"],
            )
        )
    return ledger


@dataclass
class Section:
    """Accounts of one type with their amounts (sign: natural for the type) and the total."""

    type: str
    rows: list[tuple[int, str, str, int, int]]  # id, code, name, amount, previous

    @property
    def total(self) -> int:
        return sum(r[3] for r in self.rows)

    @property
    def previous_total(self) -> int:
        return sum(r[4] for r in self.rows)


PNL = """
SELECT a.id, a.code, a.name, a.type, t.cur, t.prev FROM (
    SELECT account_id,
        SUM(CASE WHEN date >= ? THEN credit - debit ELSE 0 END) AS cur,
        SUM(CASE WHEN date < ? THEN credit - debit ELSE 0 END) AS prev
    FROM accounting_entry_line WHERE date >= ? AND date <= ?
    GROUP BY account_id
) t JOIN accounting_account a ON a.id = t.account_id
WHERE a.type IN ('income', 'expense') AND a.organisation_id = ?
ORDER BY a.code
"""


def previous_range(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    days = (end - start).days + 1
    return start - dt.timedelta(days=days), start - dt.timedelta(days=1)


async def profit_and_loss(
    organisation_id: int, start: dt.date, end: dt.date
) -> tuple[Section, Section]:
    """Income and expense accounts over ``[start, end]`` and over the previous period of the
    same length (income positive as credit, expense positive as debit)."""
    _check_range(start, end)
    prev_start, _ = previous_range(start, end)
    income = Section(m.INCOME, [])
    expense = Section(m.EXPENSE, [])
    for r in await rows(PNL, [start, start, prev_start, end, organisation_id]):
        cur, prev = int(r["cur"] or 0), int(r["prev"] or 0)
        if r["type"] == m.INCOME:
            income.rows.append((r["id"], r["code"], r["name"], cur, prev))
        else:
            expense.rows.append((r["id"], r["code"], r["name"], -cur, -prev))
    return income, expense


BALANCES_AT = """
SELECT a.id, a.code, a.name, a.type, t.bal, t.prev FROM (
    SELECT account_id, SUM(debit - credit) AS bal,
        SUM(CASE WHEN date <= ? THEN debit - credit ELSE 0 END) AS prev
    FROM accounting_entry_line WHERE date <= ?
    GROUP BY account_id
) t JOIN accounting_account a ON a.id = t.account_id
WHERE a.organisation_id = ?
ORDER BY a.code
"""


async def balance_sheet(organisation_id: int, at: dt.date, previous: dt.date) -> dict[str, Any]:
    """Assets, liabilities and equity at ``at`` (and at ``previous``), with the result of
    income and expense not yet closed into equity shown as its own line."""
    sections = {t: Section(t, []) for t in (m.ASSET, m.LIABILITY, m.EQUITY)}
    result, result_prev = 0, 0
    for r in await rows(BALANCES_AT, [previous, at, organisation_id]):
        bal, prev = int(r["bal"] or 0), int(r["prev"] or 0)
        if r["type"] in (m.INCOME, m.EXPENSE):
            result -= bal
            result_prev -= prev
        elif r["type"] == m.ASSET:
            sections[m.ASSET].rows.append((r["id"], r["code"], r["name"], bal, prev))
        else:
            sections[r["type"]].rows.append((r["id"], r["code"], r["name"], -bal, -prev))
    return {"sections": sections, "result": result, "result_previous": result_prev}


VAT_REGISTER = """
SELECT l.tax_rate AS rate,
    SUM(CASE WHEN l.tax_kind = 'base' THEN l.credit - l.debit ELSE 0 END) AS base,
    SUM(CASE WHEN l.tax_kind = 'tax' THEN l.credit - l.debit ELSE 0 END) AS tax,
    COUNT(DISTINCT l.entry_id) AS documents
FROM accounting_entry_line l
JOIN accounting_entry e ON e.id = l.entry_id
JOIN accounting_journal j ON j.id = e.journal_id
WHERE j.kind = ? AND l.tax_kind IN ('base', 'tax') AND l.date >= ? AND l.date <= ?
    AND j.organisation_id = ?
GROUP BY l.tax_rate
ORDER BY l.tax_rate
"""


async def vat_register(
    organisation_id: int, kind: str, start: dt.date, end: dt.date
) -> list[tuple[str, int, int, int]]:
    """(rate, base, tax, documents) per VAT rate of the sales or purchases journals; sales
    amounts count credits positive, purchases debits positive."""
    _check_range(start, end)
    sign = 1 if kind == "sales" else -1
    return [
        (str(r["rate"]), sign * int(r["base"] or 0), sign * int(r["tax"] or 0), int(r["documents"]))
        for r in await rows(VAT_REGISTER, [kind, start, end, organisation_id])
    ]


VAT_SETTLEMENT = """
SELECT a.role,
    SUM(l.credit - l.debit) AS net
FROM accounting_entry_line l JOIN accounting_account a ON a.id = l.account_id
WHERE a.role IN ('vat_output', 'vat_input') AND l.date >= ? AND l.date <= ?
    AND l.tax_kind = 'tax' AND a.organisation_id = ?
GROUP BY a.role
"""


async def vat_settlement(organisation_id: int, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(output VAT, deductible input VAT) of the period: what the periodic return settles."""
    _check_range(start, end)
    out, inp = 0, 0
    for r in await rows(VAT_SETTLEMENT, [start, end, organisation_id]):
        if r["role"] == "vat_output":
            out = int(r["net"] or 0)
        else:
            inp = -int(r["net"] or 0)
    return out, inp
