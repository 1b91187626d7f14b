"""Invoices and credit notes with their lines and tax summaries."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from sportello import api
from sportello_sales.models.catalogue import Product
from sportello_sales.models.numbering import Series, SeriesCounter
from sportello_sales.models.orders import Order
from sportello_sales.models.states import DRAFT, INVOICE


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
    #: The site the document was made at (null: the whole installation)
    site: fields.ForeignKeyNullableRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="sales_invoices", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    #: The organisation that issues it (its ledger and numbering): the site's, or the one named
    organisation: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY,
        related_name="sales_issued_invoices",
        null=True,
        on_delete=fields.RESTRICT,
    )
    organisation_id: int | None
    #: The counter its number was taken from: series, organisation and fiscal year (set at issue)
    counter: fields.ForeignKeyNullableRelation[SeriesCounter] = fields.ForeignKeyField(
        "sales.SeriesCounter", related_name="invoices", null=True, on_delete=fields.RESTRICT
    )
    counter_id: int | None
    #: The fiscal year of the number (set at issue)
    year = fields.IntField(null=True)
    #: The sequence in the series and year (set at issue)
    sequence = fields.IntField(null=True)
    #: The printed number, e.g. 2027/FT/000123 (set at issue; unique per organisation)
    number = fields.CharField(max_length=32, null=True, db_index=True)
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
        #: gapless and never reused per counter (series, organisation and year)
        unique_together = (("counter", "sequence"),)


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
        # A page of invoices reads its lines by invoice: without it every page scans them all.
        indexes = (("invoice_id", "position"),)


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
