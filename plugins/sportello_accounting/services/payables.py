"""Payables: supplier bills posted to the purchases journal (expense lines, VAT deductible or
not, the supplier's payable), their payments, and the aged payables report (in SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import chart, organisations, posting
from sportello_accounting.services._common import CENT, from_cents, rows, to_cents


@dataclass(frozen=True)
class BillLine:
    account_id: int
    #: net amount, company currency
    amount: Decimal
    vat_rate: Decimal = Decimal(0)
    #: False: the VAT is a cost, added to the expense line
    deductible: bool = True
    label: str = ""


async def _account(role: str, field: str, organisation_id: int) -> int:
    account = await chart.by_role(role, organisation_id)
    if account is None:
        raise api.ServiceError("INVALID", "accounting.no_role_account", field, role=role)
    return account.id


async def create_bill(
    actor: api.Actor,
    organisation_id: int,
    supplier_id: int,
    number: str,
    day: dt.date,
    due: dt.date,
    lines: list[BillLine],
) -> m.SupplierBill:
    number = number.strip()
    api.require(bool(number), "REQUIRED", "core.required", "number")
    if due < day:
        raise api.ServiceError("INVALID", "accounting.due_before_date", "dueDate")
    if not lines:
        raise api.ServiceError("REQUIRED", "core.required", "lines")
    for i, ln in enumerate(lines):
        if not ln.amount.is_finite() or ln.amount <= 0 or ln.amount != ln.amount.quantize(CENT):
            raise api.ServiceError("INVALID", "accounting.amount", f"lines.{i}.amount")
        if not ln.vat_rate.is_finite() or not Decimal(0) <= ln.vat_rate <= Decimal(100):
            raise api.ServiceError("INVALID", "accounting.invalid", f"lines.{i}.vatRate")
    org = organisation_id
    payable = await _account("payable", "supplierId", org)
    vat_input = await _account("vat_input", "lines", org)
    journal = await chart.journal_by_kind("purchases", org, "lines")
    entry_lines: list[posting.LineIn] = []
    total = Decimal(0)
    for ln in lines:
        vat = (ln.amount * ln.vat_rate / 100).quantize(CENT)
        total += ln.amount + vat
        if ln.deductible:
            entry_lines.append(
                posting.LineIn(
                    ln.account_id,
                    debit=ln.amount,
                    label=ln.label,
                    tax_rate=ln.vat_rate,
                    tax_kind="base",
                )
            )
            if vat:
                entry_lines.append(
                    posting.LineIn(
                        vat_input, debit=vat, label=ln.label, tax_rate=ln.vat_rate, tax_kind="tax"
                    )
                )
        else:  # the VAT is part of the cost: in the register as base only
            entry_lines.append(
                posting.LineIn(
                    ln.account_id,
                    debit=ln.amount + vat,
                    label=ln.label,
                    tax_rate=ln.vat_rate,
                    tax_kind="base",
                )
            )
    entry_lines.append(
        posting.LineIn(payable, credit=total, party_id=supplier_id, label=f"Bill {number}")
    )
    try:
        async with api.atomic():
            await api.require_party(actor, supplier_id, "supplierId")
            entry, _ = await posting.post(
                actor,
                journal,
                day,
                entry_lines,
                reference=f"Bill {number}",
                source_document=f"bill:{org}:{supplier_id}:{number}",
                operation="supplierBillCreate",
            )
            bill = await m.SupplierBill.create(
                organisation_id=org,
                supplier_id=supplier_id,
                number=number,
                date=day,
                due_date=due,
                total=to_cents(total),
                entry_id=entry.id,
            )
    except IntegrityError:
        raise api.ServiceError("BILL_EXISTS", "accounting.bill_exists", "number") from None
    return bill


async def pay_bill(
    actor: api.Actor, bill_id: int, day: dt.date, amount: Decimal, account_id: int | None
) -> m.SupplierBill:
    """Pay (part of) a bill from a bank or cash account; never more than is open: one
    conditional UPDATE of the paid amount inside the payment's transaction."""
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        raise api.ServiceError("INVALID", "accounting.amount", "amount")
    cents = to_cents(amount)
    found: m.SupplierBill = await api.get_or_error(m.SupplierBill, bill_id, "id")
    org = found.organisation_id
    await organisations.check(actor, org, "id")
    bank = account_id if account_id is not None else await _account("bank", "accountId", org)
    journal = await chart.journal_by_kind("bank", org, "accountId")
    payable = await _account("payable", "id", org)
    async with api.atomic():
        bill: m.SupplierBill = await api.get_or_error(m.SupplierBill, bill_id, "id")
        changed = await m.SupplierBill.filter(id=bill_id, paid__lte=F("total") - cents).update(
            paid=F("paid") + cents
        )
        if not changed:
            raise api.ServiceError("OVERPAID", "accounting.overpaid", "amount")
        await bill.refresh_from_db(fields=["paid"])
        count = await m.BillPayment.filter(bill_id=bill_id).count()
        entry, _ = await posting.post(
            actor,
            journal,
            day,
            [
                posting.LineIn(payable, debit=amount, party_id=bill.supplier_id),
                posting.LineIn(bank, credit=amount),
            ],
            reference=f"Payment of bill {bill.number}",
            source_document=f"bill-payment:{bill_id}:{count + 1}",
            operation="supplierBillPay",
            journal_field="accountId",
        )
        await m.BillPayment.create(bill_id=bill_id, date=day, amount=cents, entry_id=entry.id)
    return bill


AGED = """
SELECT b.supplier_id, p.display_name AS name,
    SUM(CASE WHEN b.due_date >= ? THEN o.open ELSE 0 END) AS not_due,
    SUM(CASE WHEN b.due_date < ? AND b.due_date >= ? THEN o.open ELSE 0 END) AS d30,
    SUM(CASE WHEN b.due_date < ? AND b.due_date >= ? THEN o.open ELSE 0 END) AS d60,
    SUM(CASE WHEN b.due_date < ? AND b.due_date >= ? THEN o.open ELSE 0 END) AS d90,
    SUM(CASE WHEN b.due_date < ? THEN o.open ELSE 0 END) AS older,
    SUM(o.open) AS total
FROM accounting_supplier_bill b
JOIN parties_party p ON p.id = b.supplier_id
JOIN (
    SELECT b2.id AS bill_id, b2.total - COALESCE((SELECT SUM(x.amount)
        FROM accounting_bill_payment x WHERE x.bill_id = b2.id AND x.date <= ?), 0) AS open
    FROM accounting_supplier_bill b2
) o ON o.bill_id = b.id
WHERE b.date <= ? AND b.organisation_id = ?
GROUP BY b.supplier_id, p.display_name
HAVING SUM(o.open) <> 0
ORDER BY p.display_name
"""


@dataclass
class AgedRow:
    supplier_id: int
    name: str
    current: int
    days_30: int
    days_60: int
    days_90: int
    older: int
    total: int


async def aged_payables(organisation_id: int, at: dt.date) -> list[AgedRow]:
    """Open amounts per supplier at ``at`` by days past due: not due, 1-30, 31-60, 61-90, more."""
    d = [at - dt.timedelta(days=n) for n in (0, 30, 60, 90)]
    params = [d[0], d[0], d[1], d[1], d[2], d[2], d[3], d[3], at, at, organisation_id]
    return [
        AgedRow(
            supplier_id=r["supplier_id"],
            name=r["name"],
            current=int(r["not_due"] or 0),
            days_30=int(r["d30"] or 0),
            days_60=int(r["d60"] or 0),
            days_90=int(r["d90"] or 0),
            older=int(r["older"] or 0),
            total=int(r["total"] or 0),
        )
        for r in await rows(AGED, params)
    ]


def money(cents: int) -> Decimal:
    return from_cents(cents)
