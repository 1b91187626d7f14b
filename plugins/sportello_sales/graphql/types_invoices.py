"""Invoices and credit notes with their lines and tax summaries (loaded per page), totals,
payment status and documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

import strawberry
from strawberry import relay

from sportello import api
from sportello_sales import models
from sportello_sales.graphql import documents
from sportello_sales.graphql.types_common import (
    InvoiceKind,
    InvoiceStatus,
    PaymentStatus,
    _money,
)
from sportello_sales.services import payments


@strawberry.type(description="A line of an invoice or credit note.")
class InvoiceLine(api.ModelNode):
    __model__ = models.InvoiceLine
    __permission__ = "sales.view"
    __site_field__ = "invoice__site_id"
    __site_optional__ = True  # documents of the whole installation are read from every site

    id: relay.NodeID[int]
    position: int
    charge_code: str
    category: str
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    tax_code: str
    tax_rate: Decimal
    tax_nature: str | None
    net: Decimal
    tax: Decimal


@strawberry.type(description="The tax of a document at one rate or nature.")
class InvoiceTax:
    tax_code: str
    rate: Decimal
    nature: str | None
    legal_reference: str
    taxable: Decimal
    tax: Decimal


_LINE_COLUMNS = (
    "id", "invoice_id", "position", "charge_code", "category", "description", "unit",
    "quantity", "unit_price", "discount_percent", "tax_code", "tax_rate", "tax_nature",
    "net", "tax",
)  # fmt: skip


_LINE_FIELDS = frozenset(_LINE_COLUMNS)


def _line_columns(selected: frozenset[str] | None) -> tuple[str, ...]:
    """The columns a page's lines need: those selected (with the keys), or all of them when
    the selection is unknown or names a field that is not a column (one added by another
    office, which may read any)."""
    if selected is None or not selected <= _LINE_FIELDS:
        return _LINE_COLUMNS
    return tuple(c for c in _LINE_COLUMNS if c in selected or c in ("id", "invoice_id"))


async def load_lines(invoices: list[Any], *, selected: frozenset[str] | None = None) -> None:
    """The lines of a page of invoices: one query of the columns the lines' selection reads,
    rows as plain objects (no model instances)."""
    currency = {inv.id: inv.currency for inv in invoices}
    found: dict[int, list[InvoiceLine]] = {i: [] for i in currency}
    columns = _line_columns(selected)
    rows = await api.rowquery.values(
        models.InvoiceLine.filter(invoice_id__in=list(currency)).order_by("invoice_id", "position"),
        *columns,
    )
    net, tax = "net" in columns, "tax" in columns
    new = object.__new__
    for row in rows:
        code = currency[row["invoice_id"]]
        if net:
            row["net"] = _money(row["net"], code)
        if tax:
            row["tax"] = _money(row["tax"], code)
        line: InvoiceLine = new(InvoiceLine)
        line.__dict__ = row
        found[row["invoice_id"]].append(line)
    for inv in invoices:
        inv.loaded_lines = found[inv.id]


async def load_taxes(invoices: list[Any]) -> None:
    """The tax summaries of a page of invoices, in one query."""
    currency = {inv.id: inv.currency for inv in invoices}
    found: dict[int, list[InvoiceTax]] = {i: [] for i in currency}
    rows = await api.rowquery.values(
        models.InvoiceTax.filter(invoice_id__in=list(currency)).order_by("invoice_id", "tax_code"),
        *("invoice_id", "tax_code", "rate", "nature", "legal_reference", "taxable", "tax"),
    )
    for row in rows:
        code = currency[row["invoice_id"]]
        found[row["invoice_id"]].append(
            InvoiceTax(
                tax_code=row["tax_code"],
                rate=row["rate"],
                nature=row["nature"],
                legal_reference=row["legal_reference"],
                taxable=_money(row["taxable"], code),
                tax=_money(row["tax"], code),
            )
        )
    for inv in invoices:
        inv.loaded_taxes = found[inv.id]


async def _lines_of(root: Any) -> list[InvoiceLine]:
    await load_lines([root])
    return cast(list[InvoiceLine], root.loaded_lines)


async def _taxes_of(root: Any) -> list[InvoiceTax]:
    await load_taxes([root])
    return cast(list[InvoiceTax], root.loaded_taxes)


def _lines(root: Any) -> list[InvoiceLine]:
    loaded = getattr(root, "loaded_lines", None)
    return cast(list[InvoiceLine], _lines_of(root) if loaded is None else loaded)


def _taxes(root: Any) -> list[InvoiceTax]:
    loaded = getattr(root, "loaded_taxes", None)
    return cast(list[InvoiceTax], _taxes_of(root) if loaded is None else loaded)


def _total(root: Any) -> Decimal:
    return _money(root.total, root.currency)


def _tax_total(root: Any) -> Decimal:
    return _money(root.tax_total, root.currency)


def _net_total(root: Any) -> Decimal:
    return _money(root.net_total, root.currency)


def _paid_total(root: Any) -> Decimal:
    return _money(root.paid_total, root.currency)


def _credited_total(root: Any) -> Decimal:
    return _money(root.credited_total, root.currency)


def _balance(root: Any) -> Decimal:
    return _money(payments.balance(root), root.currency)


def _refund_due(root: Any) -> Decimal:
    return _money(max(Decimal(0), -payments.balance(root)), root.currency)


def _payment_status(root: Any) -> PaymentStatus:
    return PaymentStatus(payments.payment_status(root))


def _corrects_number(root: Any) -> str | None:
    number: str | None = api.follow(root, "corrects.number")
    return number


async def _fatturapa_xml(root: Any) -> str | None:
    return await documents.fatturapa_xml(root.id)


def _pdf_url(root: Any, info: strawberry.Info, language: str | None = None) -> str | None:
    return documents.pdf_url(root, language or info.context.language)


_TOTALS = ("total", "tax_total", "net_total", "paid_total", "credited_total", "currency")


@strawberry.type(description="An invoice or a credit note: a draft until issued, then final.")
class Invoice(api.ModelNode):
    __model__ = models.Invoice
    __permission__ = "sales.view"
    __site_field__ = "site_id"
    __site_optional__ = True  # documents of the whole installation are read from every site
    __needs__ = {
        "lines": api.needs("currency", batch=load_lines),
        "taxes": api.needs("currency", batch=load_taxes),
        "total": api.needs("total", "currency"),
        "tax_total": api.needs("tax_total", "currency"),
        "net_total": api.needs("net_total", "currency"),
        "paid_total": api.needs("paid_total", "currency"),
        "credited_total": api.needs("credited_total", "currency"),
        "balance": api.needs(*_TOTALS),
        "refund_due": api.needs(*_TOTALS),
        "payment_status": api.needs(*_TOTALS, "status", "kind"),
        "corrects_number": api.needs("corrects.number"),
        "pdf_url": api.needs("number"),
    }

    id: relay.NodeID[int]
    kind: InvoiceKind
    status: InvoiceStatus
    number: str | None = strawberry.field(description="e.g. 2027/FT/000123, set at issue")
    year: int | None
    issue_date: dt.date | None
    due_date: dt.date | None
    currency: str
    exchange_rate: Decimal = strawberry.field(
        description="Company currency units for one unit of the document's currency"
    )
    company_currency: str
    prices_include_tax: bool
    notes: str
    created_at: dt.datetime
    issued_at: dt.datetime | None
    party: api.Party
    site: api.Site | None = strawberry.field(
        description="The site it was made at (null: the whole installation)"
    )
    organisation: api.Party | None = strawberry.field(
        description="The organisation that issues it (its ledger and numbering)"
    )
    total = strawberry.field(resolver=_total, graphql_type=Decimal)
    tax_total = strawberry.field(resolver=_tax_total, graphql_type=Decimal)
    net_total = strawberry.field(resolver=_net_total, graphql_type=Decimal)
    paid_total = strawberry.field(resolver=_paid_total, graphql_type=Decimal)
    credited_total = strawberry.field(
        resolver=_credited_total,
        graphql_type=Decimal,
        description="The total of the credit notes issued against it",
    )
    balance = strawberry.field(
        resolver=_balance,
        graphql_type=Decimal,
        description="Total less paid less credited (negative: owed back to the party)",
    )
    refund_due = strawberry.field(
        resolver=_refund_due,
        graphql_type=Decimal,
        description=(
            "What the party is owed back: paid beyond the total less the credit notes (a paid"
            " invoice credited), until a payment's refund gives it back"
        ),
    )
    payment_status = strawberry.field(resolver=_payment_status, graphql_type=PaymentStatus)
    corrects_number = strawberry.field(
        resolver=_corrects_number,
        graphql_type=str | None,
        description="Credit notes: the number of the invoice it corrects",
    )
    # The cost limit counts a document's lines as a typical invoice's (20), not a full page.
    lines = strawberry.field(
        resolver=_lines,
        graphql_type=list[InvoiceLine],
        metadata=api.list_size(20),
        description="The lines in order (at most 500)",
    )
    taxes = strawberry.field(
        resolver=_taxes,
        graphql_type=list[InvoiceTax],
        metadata=api.list_size(5),
        description="Amounts by tax rate",
    )
    fatturapa_xml = strawberry.field(
        resolver=_fatturapa_xml,
        graphql_type=str | None,
        name="fatturapaXml",
        description=(
            "The FatturaPA XML (1.2.x, FPR12) of an issued document whose seller is Italian;"
            " null for a draft or a foreign seller. Loads the document: ask it of one invoice"
        ),
    )
    pdf_url = strawberry.field(
        resolver=_pdf_url,
        graphql_type=str | None,
        description=(
            "A signed link (path from the server's root) to the PDF of an issued document,"
            " valid for a few minutes, in the language given or the requester's; null for a draft"
        ),
    )
