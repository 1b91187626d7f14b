"""Sales' GraphQL types: catalogue, tax rates, billing profiles, invoices and payments.

Amounts are ``Decimal`` (strings on the wire) with the decimals of the document's currency.
A page of invoices loads its lines, tax summaries and parties in a fixed number of queries
(batch loaders run once per page).
"""

from __future__ import annotations

import datetime as dt
import enum
import warnings
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any, NewType, cast

import strawberry
from strawberry import relay

from sportello import api
from sportello_sales import models
from sportello_sales.graphql import documents
from sportello_sales.services import _common, payments
from sportello_sales.services.taxes.compute import currency_decimals, round_to

# A scalar of an office cannot go through StrawberryConfig.scalar_map (the core builds the
# config): the class form is the one left, and its deprecation warning is silenced here.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    PaymentMethod = strawberry.scalar(
        NewType("PaymentMethod", str),
        description=(
            "A payment method code: cash, card, bank_transfer, cheque, direct_debit, voucher,"
            " or one added by the installation's settings (query paymentMethods). A code, not"
            " an enum, so that one schema serves every configuration."
        ),
    )


@strawberry.enum
class InvoiceStatus(enum.Enum):
    DRAFT = models.DRAFT
    ISSUED = models.ISSUED
    CANCELLED = models.CANCELLED


@strawberry.enum
class InvoiceKind(enum.Enum):
    INVOICE = models.INVOICE
    CREDIT_NOTE = models.CREDIT_NOTE


@strawberry.enum
class PaymentStatus(enum.Enum):
    NONE = "none"
    UNPAID = "unpaid"
    PARTIAL = "partial"
    PAID = "paid"


@strawberry.enum
class ProductKind(enum.Enum):
    PRODUCT = "product"
    SERVICE = "service"


@strawberry.enum
class TaxTreatment(enum.Enum):
    STANDARD = models.STANDARD
    REVERSE_CHARGE = models.REVERSE_CHARGE
    EXEMPT = models.EXEMPT


@strawberry.enum
class BillingKind(enum.Enum):
    COMPANY = models.COMPANY
    PERSON = models.PERSON


def _money(value: Decimal, currency: str) -> Decimal:
    return round_to(Decimal(value), currency_decimals(currency))


@strawberry.type(description="A VAT rate, or an exempt or out-of-scope nature (zero rate).")
class TaxRate(api.ModelNode):
    __model__ = models.TaxRate
    __permission__ = "sales.view"

    id: relay.NodeID[int]
    code: str
    name: str
    rate: Decimal = strawberry.field(description="Percent")
    nature: str | None = strawberry.field(description="FatturaPA nature (N1, N2.2, N6.9...)")
    country: str
    legal_reference: str
    active: bool


@strawberry.type(description="A product or service of the catalogue, known by its charge code.")
class Product(api.ModelNode):
    __model__ = models.Product
    __permission__ = "sales.view"

    id: relay.NodeID[int]
    charge_code: str
    name: str
    kind: ProductKind
    unit: str
    category: str
    price: Decimal = strawberry.field(description="The list price in the company currency")
    price_includes_tax: bool
    active: bool
    tax_rate: TaxRate


@strawberry.type(description="A product's price in a price list.")
class PriceListItem:
    product_id: strawberry.ID
    charge_code: str
    price: Decimal


async def load_price_items(price_lists: list[Any]) -> None:
    """The prices of a page of price lists, in one query."""
    by_list: dict[int, list[PriceListItem]] = {pl.id: [] for pl in price_lists}
    rows = await models.PriceListItem.filter(price_list_id__in=list(by_list)).values(
        "price_list_id", "product_id", "product__charge_code", "price"
    )
    for row in sorted(rows, key=lambda r: r["product__charge_code"]):
        by_list[row["price_list_id"]].append(
            PriceListItem(
                product_id=strawberry.ID(api.encode_id("Product", row["product_id"])),
                charge_code=row["product__charge_code"],
                price=row["price"],
            )
        )
    for pl in price_lists:
        pl.loaded_items = by_list[pl.id]


async def _items_of(root: Any) -> list[PriceListItem]:
    await load_price_items([root])
    items: list[PriceListItem] = root.loaded_items
    return items


def _items(root: Any) -> list[PriceListItem] | Awaitable[list[PriceListItem]]:
    loaded: list[PriceListItem] | None = getattr(root, "loaded_items", None)
    return _items_of(root) if loaded is None else loaded


@strawberry.type(description="Prices for a channel, a party group and a currency, with validity.")
class PriceList(api.ModelNode):
    __model__ = models.PriceList
    __permission__ = "sales.view"
    __needs__ = {"items": api.needs(batch=load_price_items)}

    id: relay.NodeID[int]
    name: str
    currency: str
    channel: str
    party_group: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    prices_include_tax: bool
    priority: int
    active: bool
    items = strawberry.field(
        resolver=_items, graphql_type=list[PriceListItem], metadata=api.list_size(50)
    )


@strawberry.type(description="How a party is invoiced (the buyer's data on its invoices).")
class BillingProfile(api.ModelNode):
    __model__ = models.BillingProfile
    __permission__ = "sales.view"

    id: relay.NodeID[int]
    kind: BillingKind
    name: str
    vat_id: str
    fiscal_code: str
    street: str
    postcode: str
    city: str
    province: str
    country: str
    sdi_code: str
    pec: str
    tax_treatment: TaxTreatment
    exemption_code: str
    party_group: str


async def load_billing_profiles(parties: list[Any]) -> None:
    """The billing profiles of a page of parties, in one query."""
    ids = [p.id for p in parties]
    found = {b.party_id: b for b in await models.BillingProfile.filter(party_id__in=ids)}
    for party in parties:
        party.__dict__["sales_billing_profile"] = found.get(party.id)


async def _billing_profile_of(root: Any) -> models.BillingProfile | None:
    await load_billing_profiles([root])
    found: models.BillingProfile | None = root.__dict__["sales_billing_profile"]
    return found


def _billing_profile(root: Any) -> Any:
    if "sales_billing_profile" not in root.__dict__:
        return _billing_profile_of(root)
    return root.__dict__["sales_billing_profile"]


@strawberry.type
class PartySalesFields:
    __needs__ = {"billing_profile": api.needs(batch=load_billing_profiles)}

    billing_profile = strawberry.field(
        resolver=_billing_profile,
        graphql_type=BillingProfile | None,
        permission_classes=[api.requires("sales.view")],
        description="How the party is invoiced (sales), if set.",
    )


@strawberry.type(description="A line of an invoice or credit note.")
class InvoiceLine(api.ModelNode):
    __model__ = models.InvoiceLine
    __permission__ = "sales.view"

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


async def load_lines(invoices: list[Any]) -> None:
    """The lines of a page of invoices: one query, rows as plain objects (no model instances)."""
    currency = {inv.id: inv.currency for inv in invoices}
    found: dict[int, list[InvoiceLine]] = {i: [] for i in currency}
    rows = (
        await models.InvoiceLine.filter(invoice_id__in=list(currency))
        .order_by("invoice_id", "position")
        .values(*_LINE_COLUMNS)
    )
    for row in rows:
        row["net"] = _money(row["net"], currency[row["invoice_id"]])
        row["tax"] = _money(row["tax"], currency[row["invoice_id"]])
        line: InvoiceLine = object.__new__(InvoiceLine)
        line.__dict__.update(row)
        found[row["invoice_id"]].append(line)
    for inv in invoices:
        inv.loaded_lines = found[inv.id]


async def load_taxes(invoices: list[Any]) -> None:
    """The tax summaries of a page of invoices, in one query."""
    currency = {inv.id: inv.currency for inv in invoices}
    found: dict[int, list[InvoiceTax]] = {i: [] for i in currency}
    rows = (
        await models.InvoiceTax.filter(invoice_id__in=list(currency))
        .order_by("invoice_id", "tax_code")
        .values("invoice_id", "tax_code", "rate", "nature", "legal_reference", "taxable", "tax")
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


@strawberry.enum
class SalesOrderKind(enum.Enum):
    QUOTE = models.QUOTE
    ORDER = models.ORDER


@strawberry.enum
class SalesOrderStatus(enum.Enum):
    OPEN = models.OPEN
    INVOICED = models.INVOICED
    CANCELLED = models.CANCELLED


@strawberry.type(name="SalesOrderLine", description="A line of a quote or order.")
class OrderLine(api.ModelNode):
    __model__ = models.OrderLine
    __permission__ = "sales.view"

    id: relay.NodeID[int]
    position: int
    charge_code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    tax_code: str
    net: Decimal
    tax: Decimal


async def load_order_lines(orders: list[Any]) -> None:
    """The lines of a page of quotes and orders, in one query."""
    ids = [o.id for o in orders]
    currency = {o.id: o.currency for o in orders}
    found: dict[int, list[models.OrderLine]] = {i: [] for i in ids}
    for line in await models.OrderLine.filter(order_id__in=ids).order_by("position"):
        line.net = _money(line.net, currency[line.order_id])
        line.tax = _money(line.tax, currency[line.order_id])
        found[line.order_id].append(line)
    for order in orders:
        order.loaded_lines = found[order.id]


async def _order_lines_of(root: Any) -> list[OrderLine]:
    await load_order_lines([root])
    return cast(list[OrderLine], root.loaded_lines)


def _order_lines(root: Any) -> list[OrderLine]:
    loaded = getattr(root, "loaded_lines", None)
    return cast(list[OrderLine], _order_lines_of(root) if loaded is None else loaded)


@strawberry.type(name="SalesOrder", description="A quote, or an order once the party accepted it.")
class Order(api.ModelNode):
    __model__ = models.Order
    __permission__ = "sales.view"
    __needs__ = {
        "lines": api.needs("currency", batch=load_order_lines),
        "total": api.needs("total", "currency"),
        "tax_total": api.needs("tax_total", "currency"),
        "net_total": api.needs("net_total", "currency"),
    }

    id: relay.NodeID[int]
    kind: SalesOrderKind
    status: SalesOrderStatus
    currency: str
    exchange_rate: Decimal
    prices_include_tax: bool
    valid_until: dt.date | None
    notes: str
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    party: api.Party
    total = strawberry.field(resolver=_total, graphql_type=Decimal)
    tax_total = strawberry.field(resolver=_tax_total, graphql_type=Decimal)
    net_total = strawberry.field(resolver=_net_total, graphql_type=Decimal)
    lines = strawberry.field(
        resolver=_order_lines, graphql_type=list[OrderLine], metadata=api.list_size(20)
    )


def _payment_amount(root: Any) -> Decimal:
    return _money(root.amount, root.currency)


def _refunded_total(root: Any) -> Decimal:
    return _money(root.refunded_total, root.currency)


@strawberry.type(description="Money received against an invoice.")
class Payment(api.ModelNode):
    __model__ = models.Payment
    __permission__ = "sales.view"
    #: A counter sale's payment belongs to its session's site; the others to every site.
    __site_field__ = "cash_session__site_id"
    __site_optional__ = True
    __needs__ = {
        "amount": api.needs("amount", "currency"),
        "refunded_total": api.needs("refunded_total", "currency"),
    }

    id: relay.NodeID[int]
    currency: str
    method: PaymentMethod  # type: ignore[valid-type]  # a strawberry scalar made with NewType
    paid_on: dt.date
    reference: str
    created_at: dt.datetime
    invoice: Invoice
    amount = strawberry.field(resolver=_payment_amount, graphql_type=Decimal)
    refunded_total = strawberry.field(
        resolver=_refunded_total,
        graphql_type=Decimal,
        description="What was given back of it (paymentRefund), never more than its amount",
    )


@strawberry.enum
class CashSessionStatus(enum.Enum):
    OPEN = models.OPEN
    CLOSED = models.CLOSED


def _session_money(name: str) -> Any:
    def resolve(root: Any) -> Decimal | None:
        value = getattr(root, name)
        return None if value is None else _money(value, root.currency)

    return resolve


@strawberry.type(description="A desk's cash drawer from opening (a float) to close (counted).")
class CashSession(api.ModelNode):
    __model__ = models.CashSession
    __permission__ = "sales.view"
    __site_field__ = "site_id"
    __needs__ = {
        name: api.needs(name, "currency")
        for name in ("opening_float", "expected_cash", "counted_cash", "difference")
    }

    id: relay.NodeID[int]
    desk: str
    status: CashSessionStatus
    currency: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    notes: str
    site: api.Site
    opening_float = strawberry.field(resolver=_session_money("opening_float"), graphql_type=Decimal)
    expected_cash = strawberry.field(
        resolver=_session_money("expected_cash"),
        graphql_type=Decimal | None,
        description="Float plus cash taken, set at close",
    )
    counted_cash = strawberry.field(
        resolver=_session_money("counted_cash"), graphql_type=Decimal | None
    )
    difference = strawberry.field(
        resolver=_session_money("difference"),
        graphql_type=Decimal | None,
        description="Counted less expected (negative: cash missing)",
    )


@strawberry.type(description="A payment method with its label in the caller's language.")
class PaymentMethodInfo:
    code: PaymentMethod  # type: ignore[valid-type]  # a strawberry scalar made with NewType
    label: str


@strawberry.type(description="The office's settings clients need: currency, country, methods.")
class SalesSettingsInfo:
    country: str
    company_currency: str
    rounding: str
    invoice_series: str
    credit_note_series: str


def settings_info() -> SalesSettingsInfo:
    s = _common.settings()
    return SalesSettingsInfo(
        country=s.country,
        company_currency=s.company_currency,
        rounding=s.rounding,
        invoice_series=s.invoice_series,
        credit_note_series=s.credit_note_series,
    )


SalesError = api.office_errors(
    "Sales",
    "CODE_TAKEN",
    "INVALID_STATUS",
    "INVALID_CURRENCY",
    "INVALID_PAYMENT_METHOD",
    "PRICE_MISSING",
    "OVERPAYMENT",
    "CREDIT_EXCEEDS_INVOICE",
    "QUOTE_EXPIRED",
    "SESSION_ALREADY_OPEN",
    "REFUND_EXCEEDS_PAYMENT",
    "ALREADY_REFUNDED",
)
