"""A demo year of plausible entries (idempotent): the configured chart, a fiscal year for the
current year, opening capital, monthly sales with VAT at two rates and their collections,
supplier bills and their payments, rent, utilities, wages and bank charges, a bank statement of
the last days waiting to be reconciled; past months closed but the last two."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import bank as banking
from sportello_accounting.services import calendar, chart, organisations, payables, posting
from sportello_accounting.services._common import from_cents, settings

CUSTOMERS = ("Hotel Miramare", "Studio Ferri", "Aegean Travel", "Iberia Tours", "Walk-in sales")
COMPANY = "Sportello Demo Srl"
SUPPLIERS = ("Forniture Rossi", "Limpiezas Sol", "Energia Verde")


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


async def _organisation() -> int:
    """The demo's ledger: the first organisation the sites name, else a demo company."""
    found = sorted(await organisations.ledger_organisations())
    if found:
        return found[0]
    party = await api.PartyModel.create(
        display_name=COMPANY, legal_name=COMPANY, kind="organisation"
    )
    return party.id


async def load(runtime: api.RuntimeView | None = None) -> None:
    if await m.Entry.filter(source_office="demo").exists():
        return
    org = await _organisation()

    async def _account(role: str) -> int:
        account = await chart.by_role(role, org)
        assert account is not None, role
        return account.id

    if not await m.Account.filter(organisation_id=org).exists():
        await chart.install_chart(api.SYSTEM, settings().chart, org)
    today = dt.date.today()
    start = dt.date(today.year, 1, 1)
    if not await m.FiscalYear.filter(organisation_id=org, start=start).exists():
        await calendar.fiscal_year_create(api.SYSTEM, org, start)
    journals = {j.kind: j.id for j in await m.Journal.filter(organisation_id=org)}
    bank, receivable = await _account("bank"), await _account("receivable")
    vat_out, sales, purchases = (
        await _account("vat_output"),
        await _account("sales"),
        await _account("purchases"),
    )
    mine = m.Account.filter(organisation_id=org, role="")
    equity = await mine.filter(type=m.EQUITY).order_by("code").first()
    expenses = [a.id for a in await mine.filter(type=m.EXPENSE).order_by("code")]
    incomes = [a.id for a in await mine.filter(type=m.INCOME).order_by("code")]
    rng = random.Random(16)
    n = 0
    suppliers = []
    for name in SUPPLIERS:
        party = await api.PartyModel.filter(display_name=name).first()
        if party is None:
            party = await api.PartyModel.create(display_name=name, kind="organisation")
        suppliers.append(party.id)

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
            supplier = rng.choice(suppliers)
            bill = await payables.create_bill(
                api.SYSTEM,
                org,
                supplier,
                f"{month.month:02d}{k + 1:02d}/{today.year}",
                day,
                day + dt.timedelta(days=30),
                [payables.BillLine(purchases, base, Decimal(22), label="Goods")],
            )
            if day + dt.timedelta(days=20) <= today - dt.timedelta(days=20):
                await payables.pay_bill(
                    api.SYSTEM, bill.id, day + dt.timedelta(days=20), from_cents(bill.total), bank
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
    await _statement(bank, today)
    last_month = dt.date(today.year, today.month, 1)
    for period in await m.Period.filter(
        fiscal_year__organisation_id=org, end__lt=last_month - dt.timedelta(days=31), status=m.OPEN
    ):
        await calendar.period_close(api.SYSTEM, period.id)


async def _statement(bank: int, today: dt.date) -> None:
    """Last days' bank statement: the open bills paid (to reconcile), a card fee, a deposit."""
    rows = ["date;amount;counterparty;reference"]
    account = await m.Account.get(id=bank)
    unpaid = m.SupplierBill.filter(organisation_id=account.organisation_id, paid=0)
    for bill in await unpaid.prefetch_related("supplier").limit(2):
        amount = from_cents(bill.total)
        rows.append(f"{today};-{amount};{bill.supplier.display_name};Invoice {bill.number}")
    rows.append(f"{today};-12.40;Card processor;Monthly POS fee")
    rows.append(f"{today};450.00;Group booking;Deposit")
    await banking.import_statement(api.SYSTEM, bank, "csv", "\n".join(rows) + "\n")
