"""Quotes and orders with their lines (loaded per page)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, cast

import strawberry
from strawberry import relay

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.types_common import (
    _money,
)
from sportello_sales.graphql.types_invoices import _net_total, _tax_total, _total


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
    __site_field__ = "order__site_id"
    __site_optional__ = True  # documents of the whole installation are read from every site

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
    __site_field__ = "site_id"
    __site_optional__ = True  # documents of the whole installation are read from every site
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
    site: api.Site | None = strawberry.field(
        description="The site it was made at (null: the whole installation)"
    )
    organisation: api.Party | None = strawberry.field(
        description="The organisation it belongs to (its invoice's)"
    )
    total = strawberry.field(resolver=_total, graphql_type=Decimal)
    tax_total = strawberry.field(resolver=_tax_total, graphql_type=Decimal)
    net_total = strawberry.field(resolver=_net_total, graphql_type=Decimal)
    lines = strawberry.field(
        resolver=_order_lines, graphql_type=list[OrderLine], metadata=api.list_size(20)
    )
