"""Sales: catalogue, tax rates, billing profiles, invoices, credit notes and payments.

The office is organisation-wide: its rows belong to no site. Amounts are Decimal columns; a
document's amounts are rounded to its currency's decimals (babel), unit prices keep more.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Document kinds and statuses (the columns' values).
INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
DRAFT = "draft"
ISSUED = "issued"
CANCELLED = "cancelled"

# Quotes and orders: kinds and statuses.
QUOTE = "quote"
ORDER = "order"
OPEN = "open"
CLOSED = "closed"
INVOICED = "invoiced"

# Party tax treatments.
STANDARD = "standard"
REVERSE_CHARGE = "reverse_charge"
EXEMPT = "exempt"

# Billing profile kinds.
COMPANY = "company"
PERSON = "person"


class TaxRate(Model):
    """A VAT rate, or an exempt or out-of-scope nature with a zero rate (FatturaPA natures)."""

    id = fields.IntField(primary_key=True)
    #: Unique code, e.g. IT22, IT10, N2.2, OUT
    code = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=200)
    #: Percent, e.g. 22.00
    rate = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    #: FatturaPA nature (N1 to N7, N2.2, N3.1 and so on) for a zero rate, null for taxed rates
    nature = fields.CharField(max_length=8, null=True)
    #: ISO 3166 country the rate belongs to
    country = fields.CharField(max_length=2, default="")
    #: A legal reference printed on the invoice (the article of law for an exemption)
    legal_reference = fields.CharField(max_length=200, default="")
    active = fields.BooleanField(default=True)

    class Meta:
        table = "sales_tax_rate"
        ordering = ["code"]


class Product(Model):
    """A product or a service of the catalogue, found by its charge code."""

    id = fields.IntField(primary_key=True)
    #: Used by other offices to charge it: ROOM_NIGHT, MINIBAR, CITY_TAX
    charge_code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    #: product or service
    kind = fields.CharField(max_length=16, default="service")
    #: The unit of measure: night, piece, hour, person
    unit = fields.CharField(max_length=16, default="piece")
    #: The account-relevant category: rooms, food_beverage, taxes, fees
    category = fields.CharField(max_length=32, default="")
    tax_rate: fields.ForeignKeyRelation[TaxRate] = fields.ForeignKeyField(
        "sales.TaxRate", related_name="products", on_delete=fields.RESTRICT
    )
    tax_rate_id: int
    #: The list price in the company currency
    price = fields.DecimalField(max_digits=14, decimal_places=4, default=0)
    #: Whether price includes the tax
    price_includes_tax = fields.BooleanField(default=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sales_product"
        ordering = ["name", "id"]


class PriceList(Model):
    """Prices for a channel, a party group and a currency, valid between two dates."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    currency = fields.CharField(max_length=3)
    #: The sales channel (web, desk, ota), empty for every channel
    channel = fields.CharField(max_length=32, default="")
    #: The party group (corporate, agency), empty for every party
    party_group = fields.CharField(max_length=32, default="")
    valid_from = fields.DateField(null=True)
    valid_to = fields.DateField(null=True)
    prices_include_tax = fields.BooleanField(default=True)
    #: Higher wins when several lists match
    priority = fields.IntField(default=0)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "sales_price_list"
        ordering = ["name", "id"]


class PriceListItem(Model):
    """The price of one product in one price list."""

    id = fields.IntField(primary_key=True)
    price_list: fields.ForeignKeyRelation[PriceList] = fields.ForeignKeyField(
        "sales.PriceList", related_name="items", on_delete=fields.CASCADE
    )
    price_list_id: int
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "sales.Product", related_name="price_items", on_delete=fields.CASCADE
    )
    product_id: int
    price = fields.DecimalField(max_digits=14, decimal_places=4)

    class Meta:
        table = "sales_price_list_item"
        unique_together = (("price_list", "product"),)


class BillingProfile(Model):
    """How a party is invoiced: tax ids, address, electronic invoicing channel, tax treatment."""

    id = fields.IntField(primary_key=True)
    party: fields.OneToOneRelation[api.PartyModel] = fields.OneToOneField(
        api.PARTY, related_name="sales_billing", on_delete=fields.CASCADE
    )
    party_id: int
    #: company or person
    kind = fields.CharField(max_length=16, default=PERSON)
    #: The name on the invoice (legal name, or given and family name)
    name = fields.CharField(max_length=200, default="")
    #: VAT number without the country prefix
    vat_id = fields.CharField(max_length=32, default="")
    fiscal_code = fields.CharField(max_length=32, default="")
    street = fields.CharField(max_length=200, default="")
    postcode = fields.CharField(max_length=16, default="")
    city = fields.CharField(max_length=100, default="")
    province = fields.CharField(max_length=8, default="")
    #: ISO 3166-1 alpha-2
    country = fields.CharField(max_length=2, default="")
    #: SDI recipient code (7 characters, 0000000 when by PEC or for people)
    sdi_code = fields.CharField(max_length=7, default="")
    pec = fields.CharField(max_length=200, default="")
    #: standard, reverse_charge or exempt
    tax_treatment = fields.CharField(max_length=16, default=STANDARD)
    #: The tax rate code replacing taxed rates for reverse charge or exempt parties
    exemption_code = fields.CharField(max_length=16, default="")
    #: The party group price lists are chosen by
    party_group = fields.CharField(max_length=32, default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sales_billing_profile"


class Series(Model):
    """A numbering series of documents (FT for invoices, NC for credit notes)."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=8, unique=True)
    #: invoice or credit_note
    kind = fields.CharField(max_length=16, default=INVOICE)
    name = fields.CharField(max_length=100, default="")

    class Meta:
        table = "sales_series"


class SeriesCounter(Model):
    """The last number issued in a series for a fiscal year (one row per series and year)."""

    id = fields.IntField(primary_key=True)
    series: fields.ForeignKeyRelation[Series] = fields.ForeignKeyField(
        "sales.Series", related_name="counters", on_delete=fields.RESTRICT
    )
    series_id: int
    year = fields.IntField()
    last_number = fields.IntField(default=0)

    class Meta:
        table = "sales_series_counter"
        unique_together = (("series", "year"),)


class Order(Model):
    """A quote, then (once the party accepts it) an order, then invoiced."""

    id = fields.IntField(primary_key=True)
    #: quote or order
    kind = fields.CharField(max_length=16, default=QUOTE, db_index=True)
    #: open, invoiced or cancelled
    status = fields.CharField(max_length=16, default=OPEN, db_index=True)
    party: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="sales_orders", on_delete=fields.RESTRICT
    )
    party_id: int
    currency = fields.CharField(max_length=3)
    exchange_rate = fields.DecimalField(max_digits=18, decimal_places=8, default=1)
    prices_include_tax = fields.BooleanField(default=False)
    net_total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    tax_total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    #: Quotes: the last day the offer holds
    valid_until = fields.DateField(null=True)
    notes = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    accepted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sales_order"
        ordering = ["-id"]


class OrderLine(Model):
    """A line of a quote or order, priced and taxed as its invoice will be."""

    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "sales.Order", related_name="lines", on_delete=fields.CASCADE
    )
    order_id: int
    position = fields.IntField()
    product: fields.ForeignKeyNullableRelation[Product] = fields.ForeignKeyField(
        "sales.Product", related_name="order_lines", null=True, on_delete=fields.RESTRICT
    )
    product_id: int | None
    charge_code = fields.CharField(max_length=32, default="")
    description = fields.CharField(max_length=500)
    quantity = fields.DecimalField(max_digits=14, decimal_places=4)
    unit_price = fields.DecimalField(max_digits=16, decimal_places=6)
    discount_percent = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    tax_code = fields.CharField(max_length=16)
    net = fields.DecimalField(max_digits=16, decimal_places=4)
    tax = fields.DecimalField(max_digits=16, decimal_places=4)

    class Meta:
        table = "sales_order_line"
        ordering = ["order_id", "position"]


class Invoice(Model):
    """An invoice or a credit note: a draft until issued, then never edited."""

    id = fields.IntField(primary_key=True)
    #: invoice or credit_note
    kind = fields.CharField(max_length=16, default=INVOICE, db_index=True)
    #: draft, issued or cancelled
    status = fields.CharField(max_length=16, default=DRAFT, db_index=True)
    party: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="sales_invoices", on_delete=fields.RESTRICT
    )
    party_id: int
    series: fields.ForeignKeyRelation[Series] = fields.ForeignKeyField(
        "sales.Series", related_name="invoices", on_delete=fields.RESTRICT
    )
    series_id: int
    #: The fiscal year of the number (set at issue)
    year = fields.IntField(null=True)
    #: The sequence in the series and year (set at issue)
    sequence = fields.IntField(null=True)
    #: The printed number, e.g. 2027/FT/000123 (set at issue)
    number = fields.CharField(max_length=32, null=True, unique=True)
    issue_date = fields.DateField(null=True)
    due_date = fields.DateField(null=True)
    currency = fields.CharField(max_length=3)
    #: Units of the company currency for one unit of the document currency
    exchange_rate = fields.DecimalField(max_digits=18, decimal_places=8, default=1)
    company_currency = fields.CharField(max_length=3)
    #: line or total
    rounding = fields.CharField(max_length=8, default="total")
    prices_include_tax = fields.BooleanField(default=False)
    net_total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    tax_total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    paid_total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    #: The credit notes issued against this invoice
    credited_total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    #: The invoice a credit note corrects
    corrects: fields.ForeignKeyNullableRelation[Invoice] = fields.ForeignKeyField(
        "sales.Invoice", related_name="credit_notes", null=True, on_delete=fields.RESTRICT
    )
    corrects_id: int | None
    #: The order this invoice bills
    order: fields.ForeignKeyNullableRelation[Order] = fields.ForeignKeyField(
        "sales.Order", related_name="invoices", null=True, on_delete=fields.RESTRICT
    )
    order_id: int | None
    #: The party's billing data as at issue
    buyer: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    #: The seller's data as at issue
    seller: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    notes = fields.TextField(default="")
    #: What another office's event billed, e.g. lodging.folio:42 (one document per source)
    source_key = fields.CharField(max_length=64, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    issued_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sales_invoice"
        ordering = ["-id"]
        unique_together = (("series", "year", "sequence"),)


class InvoiceLine(Model):
    """A line of an invoice or credit note, with its tax as computed for the document."""

    id = fields.IntField(primary_key=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "sales.Invoice", related_name="lines", on_delete=fields.CASCADE
    )
    invoice_id: int
    position = fields.IntField()
    product: fields.ForeignKeyNullableRelation[Product] = fields.ForeignKeyField(
        "sales.Product", related_name="invoice_lines", null=True, on_delete=fields.RESTRICT
    )
    product_id: int | None
    charge_code = fields.CharField(max_length=32, default="")
    category = fields.CharField(max_length=32, default="")
    description = fields.CharField(max_length=500)
    unit = fields.CharField(max_length=16, default="")
    quantity = fields.DecimalField(max_digits=14, decimal_places=4)
    unit_price = fields.DecimalField(max_digits=16, decimal_places=6)
    discount_percent = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    tax_code = fields.CharField(max_length=16)
    tax_rate = fields.DecimalField(max_digits=5, decimal_places=2)
    tax_nature = fields.CharField(max_length=8, null=True)
    net = fields.DecimalField(max_digits=16, decimal_places=4)
    tax = fields.DecimalField(max_digits=16, decimal_places=4)
    #: The credited line of the corrected invoice (credit notes)
    corrects_line_id = fields.IntField(null=True)

    class Meta:
        table = "sales_invoice_line"
        ordering = ["invoice_id", "position"]


class InvoiceTax(Model):
    """The tax summary of a document: one row per tax rate or nature."""

    id = fields.IntField(primary_key=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "sales.Invoice", related_name="taxes", on_delete=fields.CASCADE
    )
    invoice_id: int
    tax_code = fields.CharField(max_length=16)
    rate = fields.DecimalField(max_digits=5, decimal_places=2)
    nature = fields.CharField(max_length=8, null=True)
    legal_reference = fields.CharField(max_length=200, default="")
    taxable = fields.DecimalField(max_digits=16, decimal_places=4)
    tax = fields.DecimalField(max_digits=16, decimal_places=4)

    class Meta:
        table = "sales_invoice_tax"
        ordering = ["invoice_id", "tax_code"]
        unique_together = (("invoice", "tax_code"),)


class CashSession(Model):
    """A cash drawer at a desk from opening (with a float) to close (counted, difference kept)."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="sales_cash_sessions", on_delete=fields.RESTRICT
    )
    site_id: int
    #: The desk's code at the site (the reception desk, the shop till)
    desk = fields.CharField(max_length=32)
    #: site and desk while open, null once closed: one open session per desk (UNIQUE)
    open_key = fields.CharField(max_length=48, null=True, unique=True)
    #: open or closed
    status = fields.CharField(max_length=16, default=OPEN, db_index=True)
    currency = fields.CharField(max_length=3)
    opening_float = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    #: Float plus cash taken, computed at close
    expected_cash = fields.DecimalField(max_digits=16, decimal_places=4, null=True)
    counted_cash = fields.DecimalField(max_digits=16, decimal_places=4, null=True)
    #: Counted less expected (negative: cash missing)
    difference = fields.DecimalField(max_digits=16, decimal_places=4, null=True)
    opened_by_id = fields.IntField(null=True)
    closed_by_id = fields.IntField(null=True)
    opened_at = fields.DatetimeField(auto_now_add=True)
    closed_at = fields.DatetimeField(null=True)
    notes = fields.TextField(default="")

    class Meta:
        table = "sales_cash_session"
        ordering = ["-id"]


class Payment(Model):
    """Money received against an invoice (one of several partial payments)."""

    id = fields.IntField(primary_key=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "sales.Invoice", related_name="payments", on_delete=fields.RESTRICT
    )
    invoice_id: int
    party: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="sales_payments", on_delete=fields.RESTRICT
    )
    party_id: int
    amount = fields.DecimalField(max_digits=16, decimal_places=4)
    currency = fields.CharField(max_length=3)
    #: A payment method code: cash, card, bank_transfer
    method = fields.CharField(max_length=32)
    paid_on = fields.DateField()
    reference = fields.CharField(max_length=200, default="")
    #: The cash session of a counter sale
    cash_session: fields.ForeignKeyNullableRelation[CashSession] = fields.ForeignKeyField(
        "sales.CashSession", related_name="payments", null=True, on_delete=fields.RESTRICT
    )
    cash_session_id: int | None
    #: What was given back of it (refunds), never more than its amount
    refunded_total = fields.DecimalField(max_digits=16, decimal_places=4, default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sales_payment"
        ordering = ["-id"]


class Refund(Model):
    """Money given back on a payment: the invoice's paid total goes down by it."""

    id = fields.IntField(primary_key=True)
    payment: fields.ForeignKeyRelation[Payment] = fields.ForeignKeyField(
        "sales.Payment", related_name="refunds", on_delete=fields.RESTRICT
    )
    payment_id: int
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "sales.Invoice", related_name="refunds", on_delete=fields.RESTRICT
    )
    invoice_id: int
    party: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="sales_refunds", on_delete=fields.RESTRICT
    )
    party_id: int
    amount = fields.DecimalField(max_digits=16, decimal_places=4)
    currency = fields.CharField(max_length=3)
    #: How the money goes back: a payment method code
    method = fields.CharField(max_length=32)
    refunded_on = fields.DateField()
    reason = fields.CharField(max_length=500)
    #: What another office's event refunded, e.g. lodging.folio.refund:42 (one refund per source)
    source_key = fields.CharField(max_length=64, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sales_refund"
        ordering = ["-id"]


class Reminder(Model):
    """A payment reminder sent for an overdue invoice: one row per invoice and level, so a
    level is never sent twice."""

    id = fields.IntField(primary_key=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "sales.Invoice", related_name="reminders", on_delete=fields.RESTRICT
    )
    #: 1 for the first reminder, 2 for the second (the thresholds of reminder_days)
    level = fields.IntField()
    days_overdue = fields.IntField()
    #: What was still due when it was sent, in the invoice's currency
    balance = fields.DecimalField(max_digits=16, decimal_places=4)
    sent_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sales_reminder"
        unique_together = (("invoice", "level"),)


class CounterFee(Model):
    """The fee of a counter office's service (a certificate): a receipt when a ticket of it is
    served. ``service_id`` is the counter's service id (no foreign key: sales does not depend
    on the counter office)."""

    id = fields.IntField(primary_key=True)
    service_id = fields.IntField(unique=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "sales.Product", related_name="counter_fees", on_delete=fields.RESTRICT
    )
    product_id: int
    #: The cash desk whose open session at the ticket's site takes the fee in cash at once
    #: (empty: the receipt is issued and paid with paymentRegister)
    desk = fields.CharField(max_length=32, default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sales_counter_fee"
