"""Aged receivables: what each party still owes on issued invoices, by how long it is overdue.

One SQL statement groups the open balances (total less paid less credited) per party and
currency into the buckets current (not yet due), 1-30, 31-60, 61-90 and over 90 days past the
due date. The bucket limits are dates computed here, so the statement is the same on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common
from sportello_sales.services.taxes.compute import currency_decimals, round_to

MAX_ROWS = 100
BUCKETS = ("current", "days_1_30", "days_31_60", "days_61_90", "over_90")


@dataclass(frozen=True)
class AgedBalance:
    party: Any
    currency: str
    current: Decimal
    days_1_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal
    total: Decimal
    overdue: Decimal
    invoices: int
    oldest_due_date: dt.date | None


def _sql(marks: list[str], by_party: bool) -> str:
    open_balance = "(total - paid_total - credited_total)"
    where = f"kind = 'invoice' AND status = 'issued' AND {open_balance} > 0"
    if by_party:
        where += f" AND party_id = {marks[4]}"
    return (
        "SELECT party_id, currency, COUNT(*) AS invoices, MIN(due_date) AS oldest,"
        f" SUM(CASE WHEN due_date >= {marks[0]} THEN {open_balance} ELSE 0 END) AS current,"
        f" SUM(CASE WHEN due_date < {marks[0]} AND due_date >= {marks[1]}"
        f" THEN {open_balance} ELSE 0 END) AS days_1_30,"
        f" SUM(CASE WHEN due_date < {marks[1]} AND due_date >= {marks[2]}"
        f" THEN {open_balance} ELSE 0 END) AS days_31_60,"
        f" SUM(CASE WHEN due_date < {marks[2]} AND due_date >= {marks[3]}"
        f" THEN {open_balance} ELSE 0 END) AS days_61_90,"
        f" SUM(CASE WHEN due_date < {marks[3]} THEN {open_balance} ELSE 0 END) AS over_90,"
        f" SUM({open_balance}) AS open_total"
        f" FROM sales_invoice WHERE {where}"
        " GROUP BY party_id, currency"
        " ORDER BY open_total DESC, party_id, currency"
        f" LIMIT {MAX_ROWS}"
    )


async def aged(as_of: dt.date | None = None, party_id: int | None = None) -> list[AgedBalance]:
    """Open balances per party and currency as of a day (today in the office's time zone),
    the largest first, at most ``MAX_ROWS`` rows."""
    day = as_of or _common.today()
    limits: list[Any] = [day, day - dt.timedelta(days=30), day - dt.timedelta(days=60)]
    limits.append(day - dt.timedelta(days=90))
    if party_id is not None:
        limits.append(party_id)
    async with api.atomic() as conn:
        postgres = getattr(getattr(conn, "capabilities", None), "dialect", "") == "postgres"
        marks = [f"${n}" if postgres else f"?{n}" for n in range(1, 6)]
        rows = await conn.execute_query_dict(_sql(marks, party_id is not None), limits)
    parties = {
        p.id: p
        for p in await api.PartyModel.filter(id__in=list({int(r["party_id"]) for r in rows}))
    }
    result = []
    for row in rows:
        places = currency_decimals(row["currency"])

        def cash(value: Any, places: int = places) -> Decimal:
            return round_to(Decimal(str(value or 0)), places)

        buckets = {name: cash(row[name]) for name in BUCKETS}
        oldest = row["oldest"]
        if isinstance(oldest, str):
            oldest = dt.date.fromisoformat(oldest[:10])
        result.append(
            AgedBalance(
                party=parties[int(row["party_id"])],
                currency=row["currency"],
                total=cash(row["open_total"]),
                overdue=sum((buckets[name] for name in BUCKETS[1:]), Decimal(0)),
                invoices=int(row["invoices"]),
                oldest_due_date=oldest,
                **buckets,
            )
        )
    return result


async def overdue_invoices(day: dt.date, invoice_id: int | None = None) -> list[m.Invoice]:
    """Issued invoices with something left to pay whose due date is before ``day``."""
    qs = m.Invoice.filter(kind=m.INVOICE, status=m.ISSUED, due_date__lt=day)
    if invoice_id is not None:
        qs = qs.filter(id=invoice_id)
    invoices: list[m.Invoice] = await qs.order_by("due_date", "id")
    return [i for i in invoices if i.total - i.paid_total - i.credited_total > 0]
