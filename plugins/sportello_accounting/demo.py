"""A demo year of plausible entries (idempotent): the configured chart, a fiscal year for the
current year, opening capital, monthly sales with VAT at two rates, purchases, rent,
utilities, wages, collections, payments and bank charges; past months closed but the last."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import calendar, chart, posting
from sportello_accounting.services._common import settings

CUSTOMERS = ("Hotel Miramare", "Studio Ferri", "Aegean Travel", "Iberia Tours", "Walk-in sales")
SUPPLIERS = ("Forniture Rossi", "Limpiezas Sol", "Energia Verde")


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


async def _account(role: str) -> int:
    account = await chart.by_role(role)
    assert account is not None, role
    return account.id


async def load(runtime: api.RuntimeView | None = None) -> None:
    if await m.Entry.filter(source_office="demo").exists():
        return
    if not await m.Account.exists():
        await chart.install_chart(api.SYSTEM, settings().chart)
    today = dt.date.today()
    start = dt.date(today.year, 1, 1)
    if not await m.FiscalYear.filter(start=start).exists():
        await calendar.fiscal_year_create(api.SYSTEM, start)
    journals = {j.kind: j.id for j in await m.Journal.all()}
    bank, receivable, payable = (
        await _account("bank"),
        await _account("receivable"),
        await _account("payable"),
    )
    vat_out, vat_in, sales, purchases = (
        await _account("vat_output"),
        await _account("vat_input"),
        await _account("sales"),
        await _account("purchases"),
    )
    equity = await m.Account.filter(type=m.EQUITY, role="").order_by("code").first()
    expenses = [a.id for a in await m.Account.filter(type=m.EXPENSE, role="").order_by("code")]
    incomes = [a.id for a in await m.Account.filter(type=m.INCOME, role="").order_by("code")]
    rng = random.Random(16)
    n = 0

    async def book(kind: str, day: dt.date, lines: list[posting.LineIn], ref: str) -> None:
        nonlocal n
        n += 1
        await posting.post(
            api.SYSTEM,
            journals[kind],
            day,
            lines,
            reference=ref,
            source_office="demo",
            source_document=f"demo:{n}",
            operation="demoLoad",
        )

    L = posting.LineIn
    assert equity is not None
    await book(
        "misc",
        start,
        [L(bank, debit=Decimal(50000)), L(equity.id, credit=Decimal(50000))],
        "Opening capital",
    )
    month = start
    while month <= today:
        for k in range(rng.randint(4, 7)):
            day = min(today, month + dt.timedelta(days=rng.randint(0, 27)))
            rate = rng.choice((Decimal(22), Decimal(10)))
            base = _money(rng.uniform(150, 2400))
            tax = (base * rate / 100).quantize(Decimal("0.01"))
            income = sales if k % 2 else rng.choice(incomes or [sales])
            ref = f"INV-{month.month:02d}{k + 1:02d} {rng.choice(CUSTOMERS)}"
            await book(
                "sales",
                day,
                [
                    L(receivable, debit=base + tax),
                    L(income, credit=base, tax_rate=rate, tax_kind="base"),
                    L(vat_out, credit=tax, tax_rate=rate, tax_kind="tax"),
                ],
                ref,
            )
            if day + dt.timedelta(days=10) <= today:
                await book(
                    "bank",
                    day + dt.timedelta(days=10),
                    [L(bank, debit=base + tax), L(receivable, credit=base + tax)],
                    f"Collection {ref}",
                )
        for k in range(rng.randint(2, 3)):
            day = min(today, month + dt.timedelta(days=rng.randint(0, 27)))
            base = _money(rng.uniform(80, 900))
            tax = (base * 22 / 100).quantize(Decimal("0.01"))
            ref = f"Bill {rng.choice(SUPPLIERS)} {month.month:02d}/{k + 1}"
            await book(
                "purchases",
                day,
                [
                    L(purchases, debit=base, tax_rate=Decimal(22), tax_kind="base"),
                    L(vat_in, debit=tax, tax_rate=Decimal(22), tax_kind="tax"),
                    L(payable, credit=base + tax),
                ],
                ref,
            )
            if day + dt.timedelta(days=20) <= today:
                await book(
                    "bank",
                    day + dt.timedelta(days=20),
                    [L(payable, debit=base + tax), L(bank, credit=base + tax)],
                    f"Payment {ref}",
                )
        for account, amount, label in (
            (expenses[min(3, len(expenses) - 1)], Decimal(1800), "Rent"),
            (expenses[min(4, len(expenses) - 1)], _money(rng.uniform(180, 420)), "Utilities"),
            (expenses[min(7, len(expenses) - 1)], Decimal(5200), "Wages"),
            (expenses[min(12, len(expenses) - 1)], Decimal("18.50"), "Bank charges"),
        ):
            day = min(today, month + dt.timedelta(days=27))
            await book("bank", day, [L(account, debit=amount), L(bank, credit=amount)], label)
        month = calendar.months(month)[1][0]
    last_month = dt.date(today.year, today.month, 1)
    for period in await m.Period.filter(end__lt=last_month - dt.timedelta(days=31), status=m.OPEN):
        await calendar.period_close(api.SYSTEM, period.id)
