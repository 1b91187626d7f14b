"""Quotes and orders with their lines."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api
from sportello_sales.models.catalogue import Product
from sportello_sales.models.states import OPEN, QUOTE


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
    #: The site it was made at (null: the whole installation)
    site: fields.ForeignKeyNullableRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="sales_orders", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    #: The organisation it belongs to (the site's, or the one named)
    organisation: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="sales_organisation_orders", null=True, on_delete=fields.RESTRICT
    )
    organisation_id: int | None
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
