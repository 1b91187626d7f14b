"""Fees of the counter office's services."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello_sales.models.catalogue import Product


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
