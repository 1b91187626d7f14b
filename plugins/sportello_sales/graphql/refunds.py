"""Refunds: the type of money given back on a payment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.types import CashSession, Invoice, Payment, PaymentMethod
from sportello_sales.services._common import money


def _amount(root: Any) -> Decimal:
    return money(root.amount, root.currency)


@strawberry.type(description="Money given back on a payment; the invoice's paid total goes down.")
class Refund(api.ModelNode):
    __model__ = models.Refund
    __permission__ = "sales.view"
    #: A cash refund paid out of a session belongs to its site, as the payment does; the
    #: others to every site.
    __site_field__ = "cash_session__site_id"
    __site_optional__ = True
    __needs__ = {"amount": api.needs("amount", "currency")}

    id: relay.NodeID[int]
    currency: str
    method: PaymentMethod  # type: ignore[valid-type]  # a strawberry scalar made with NewType
    refunded_on: dt.date
    reason: str
    created_at: dt.datetime
    payment: Payment
    invoice: Invoice
    site: api.Site | None = strawberry.field(description="Its invoice's site")
    organisation: api.Party | None = strawberry.field(
        description="Its invoice's organisation (the ledger the money goes out of)"
    )
    cash_session: CashSession | None = strawberry.field(
        description="The cash session whose drawer paid a cash refund out"
    )
    amount = strawberry.field(resolver=_amount, graphql_type=Decimal)
