"""The sales tables as the reference apps see them: the columns the invoices list reads.

These mirror ``sportello_sales.models`` (same tables, a subset of the columns); the bench
database gets the real tables from the sales office's migrations.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Invoice(Model):
    """An invoice"""

    id = fields.IntField(primary_key=True)
    party = fields.ForeignKeyField("parties.Party", related_name=False, on_delete=fields.RESTRICT)
    kind = fields.CharField(max_length=16)
    status = fields.CharField(max_length=16)
    number = fields.CharField(max_length=32, null=True)
    currency = fields.CharField(max_length=3)
    tax_total = fields.DecimalField(max_digits=16, decimal_places=4)
    total = fields.DecimalField(max_digits=16, decimal_places=4)

    class Meta:
        table = "sales_invoice"


class InvoiceLine(Model):
    """A line of an invoice"""

    id = fields.IntField(primary_key=True)
    invoice = fields.ForeignKeyField(
        "sales.Invoice", related_name="lines", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    description = fields.CharField(max_length=500)
    quantity = fields.DecimalField(max_digits=14, decimal_places=4)
    net = fields.DecimalField(max_digits=16, decimal_places=4)
    tax = fields.DecimalField(max_digits=16, decimal_places=4)

    class Meta:
        table = "sales_invoice_line"
