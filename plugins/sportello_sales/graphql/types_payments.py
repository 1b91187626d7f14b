"""Payments and cash sessions."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.types_common import (
    PaymentMethod,
    _money,
)
from sportello_sales.graphql.types_invoices import Invoice


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
    site: api.Site | None = strawberry.field(description="Its invoice's site")
    organisation: api.Party | None = strawberry.field(
        description="Its invoice's organisation (the ledger it settles in)"
    )
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
        description="Float plus cash taken less cash refunded, set at close",
    )
    counted_cash = strawberry.field(
        resolver=_session_money("counted_cash"), graphql_type=Decimal | None
    )
    difference = strawberry.field(
        resolver=_session_money("difference"),
        graphql_type=Decimal | None,
        description="Counted less expected (negative: cash missing)",
    )
