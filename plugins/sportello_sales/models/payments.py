"""Payments of invoices and their refunds."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api
from sportello_sales.models.cash import CashSession
from sportello_sales.models.invoices import Invoice


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
    #: The site of its invoice (null: the whole installation)
    site: fields.ForeignKeyNullableRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="sales_payments", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    #: The organisation of its invoice (whose ledger it settles in)
    organisation: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="sales_organisation_payments", null=True, on_delete=fields.RESTRICT
    )
    organisation_id: int | None
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
    #: The site of its invoice (null: the whole installation)
    site: fields.ForeignKeyNullableRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="sales_refunds", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    #: The organisation of its invoice (whose ledger it settles in)
    organisation: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="sales_organisation_refunds", null=True, on_delete=fields.RESTRICT
    )
    organisation_id: int | None
    amount = fields.DecimalField(max_digits=16, decimal_places=4)
    currency = fields.CharField(max_length=3)
    #: How the money goes back: a payment method code
    method = fields.CharField(max_length=32)
    refunded_on = fields.DateField()
    reason = fields.CharField(max_length=500)
    #: The open cash session a cash refund was paid out of (its drawer's expected cash less it)
    cash_session: fields.ForeignKeyNullableRelation[CashSession] = fields.ForeignKeyField(
        "sales.CashSession", related_name="refunds", null=True, on_delete=fields.RESTRICT
    )
    cash_session_id: int | None
    #: What another office's event refunded, e.g. lodging.folio.refund:42 (one refund per source)
    source_key = fields.CharField(max_length=64, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sales_refund"
        ordering = ["-id"]
