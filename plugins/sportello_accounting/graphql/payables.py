"""Payables: supplier bills, their payments and the aged payables report."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from decimal import Decimal

import strawberry
from strawberry import relay
from tortoise.expressions import F

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.organisation import (
    ORGANISATION_HELP,
    OrganisationArg,
    organisation,
)
from sportello_accounting.graphql.types import VIEW, AccountingError, JournalEntry, ledger_scope
from sportello_accounting.services import payables
from sportello_accounting.services._common import from_cents


def _total(root: models.SupplierBill) -> Decimal:
    return from_cents(root.total)


def _paid(root: models.SupplierBill) -> Decimal:
    return from_cents(root.paid)


def _open(root: models.SupplierBill) -> Decimal:
    return from_cents(root.total - root.paid)


@strawberry.type(description="A supplier's invoice, posted to the purchases journal.")
class SupplierBill(api.ModelNode):
    __model__ = models.SupplierBill
    __site_field__ = ledger_scope("organisation_id")
    __permission__ = VIEW
    __needs__ = {
        "total": api.needs("total"),
        "paid": api.needs("paid"),
        "open_amount": api.needs("total", "paid"),
    }

    id: relay.NodeID[int]
    supplier: api.Party
    number: str
    date: dt.date
    due_date: dt.date
    entry: JournalEntry
    total: Decimal = strawberry.field(resolver=_total)
    paid: Decimal = strawberry.field(resolver=_paid)
    open_amount: Decimal = strawberry.field(resolver=_open)


@strawberry.input
class BillLineInput:
    account_id: strawberry.ID = strawberry.field(description="The expense (or asset) account")
    amount: Decimal = strawberry.field(description="Net of VAT")
    vat_rate: Decimal = Decimal(0)
    deductible: bool = strawberry.field(
        default=True, description="False: the VAT is a cost, added to the expense"
    )
    label: str = ""


@strawberry.input
class SupplierBillCreateInput:
    supplier_id: strawberry.ID
    number: str
    date: dt.date
    due_date: dt.date
    lines: list[BillLineInput]
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description=ORGANISATION_HELP
    )


BillPayload = api.payload(SupplierBill, errors=AccountingError)


@api.mutation(
    "accounting.post",
    BillPayload,
    description="Record a supplier bill: expense and VAT lines against the supplier's payable.",
)
async def supplier_bill_create(
    info: strawberry.Info, input: SupplierBillCreateInput
) -> models.SupplierBill:
    lines = [
        payables.BillLine(
            account_id=api.decode_id(ln.account_id, "Account", f"lines.{i}.accountId"),
            amount=ln.amount,
            vat_rate=ln.vat_rate,
            deductible=ln.deductible,
            label=ln.label,
        )
        for i, ln in enumerate(input.lines)
    ]
    org = await organisation(info, input.organisation_id)
    return await payables.create_bill(
        info.context.actor,
        org,
        api.decode_id(input.supplier_id, "Party", "supplierId"),
        input.number,
        input.date,
        input.due_date,
        lines,
    )


@api.mutation(
    "accounting.post",
    BillPayload,
    description="Pay (part of) a supplier bill from a bank or cash account; never more than is open.",
)
async def supplier_bill_pay(
    info: strawberry.Info,
    id: strawberry.ID,
    date: dt.date,
    amount: Decimal,
    account_id: strawberry.ID | None = None,
) -> models.SupplierBill:
    return await payables.pay_bill(
        info.context.actor,
        api.decode_id(id, "SupplierBill", "id"),
        date,
        amount,
        api.decode_optional(account_id, "Account", "accountId"),
    )


@strawberry.type
class AgedPayable:
    supplier_id: strawberry.ID
    name: str
    not_due: Decimal
    overdue30: Decimal = strawberry.field(description="1 to 30 days past due")
    overdue60: Decimal = strawberry.field(description="31 to 60 days past due")
    overdue90: Decimal = strawberry.field(description="61 to 90 days past due")
    older: Decimal = strawberry.field(description="More than 90 days past due")
    total: Decimal


@strawberry.type
class PayablesQueries:
    @api.connection(api.Connection[SupplierBill], VIEW, description="Supplier bills by due date.")
    async def supplier_bills(
        self,
        info: strawberry.Info,
        supplier_id: strawberry.ID | None = None,
        open_only: bool = False,
        organisation_id: OrganisationArg = None,
    ) -> AsyncIterable[models.SupplierBill]:
        qs = models.SupplierBill.filter(organisation_id=await organisation(info, organisation_id))
        if supplier_id is not None:
            qs = qs.filter(supplier_id=api.decode_id(supplier_id, "Party", "supplierId"))
        if open_only:
            qs = qs.filter(paid__lt=F("total"))
        return qs.order_by("due_date", "id")

    @api.query(VIEW, description="Open payables per supplier at a date, by days past due.")
    async def aged_payables(
        self, info: strawberry.Info, at: dt.date, organisation_id: OrganisationArg = None
    ) -> list[AgedPayable]:
        org = await organisation(info, organisation_id)
        return [
            AgedPayable(
                supplier_id=strawberry.ID(api.encode_id("Party", r.supplier_id)),
                name=r.name,
                not_due=from_cents(r.current),
                overdue30=from_cents(r.days_30),
                overdue60=from_cents(r.days_60),
                overdue90=from_cents(r.days_90),
                older=from_cents(r.older),
                total=from_cents(r.total),
            )
            for r in await payables.aged_payables(org, at)
        ]
