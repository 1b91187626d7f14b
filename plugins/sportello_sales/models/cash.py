"""Cash sessions: a desk's drawer from opening to close."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api
from sportello_sales.models.states import OPEN


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
    #: Float plus cash taken less cash refunded out of it, computed at close
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
