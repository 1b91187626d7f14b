"""The catalogue's types: tax rates, products and price lists (their items loaded per page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.types_common import (
    ProductKind,
)


@strawberry.type(description="A VAT rate, or an exempt or out-of-scope nature (zero rate).")
class TaxRate(api.ModelNode):
    __model__ = models.TaxRate
    __permission__ = "sales.view"

    id: relay.NodeID[int]
    code: str
    name: str
    rate: Decimal = strawberry.field(description="Percent")
    nature: str | None = strawberry.field(description="FatturaPA nature (N1, N2.2, N6.9...)")
    country: str
    legal_reference: str
    active: bool


@strawberry.type(description="A product or service of the catalogue, known by its charge code.")
class Product(api.ModelNode):
    __model__ = models.Product
    __permission__ = "sales.view"

    id: relay.NodeID[int]
    charge_code: str
    name: str
    kind: ProductKind
    unit: str
    category: str
    price: Decimal = strawberry.field(description="The list price in the company currency")
    price_includes_tax: bool
    active: bool
    tax_rate: TaxRate


@strawberry.type(description="A product's price in a price list.")
class PriceListItem:
    product_id: strawberry.ID
    charge_code: str
    price: Decimal


async def load_price_items(price_lists: list[Any]) -> None:
    """The prices of a page of price lists, in one query."""
    by_list: dict[int, list[PriceListItem]] = {pl.id: [] for pl in price_lists}
    rows = await models.PriceListItem.filter(price_list_id__in=list(by_list)).values(
        "price_list_id", "product_id", "product__charge_code", "price"
    )
    for row in sorted(rows, key=lambda r: r["product__charge_code"]):
        by_list[row["price_list_id"]].append(
            PriceListItem(
                product_id=strawberry.ID(api.encode_id("Product", row["product_id"])),
                charge_code=row["product__charge_code"],
                price=row["price"],
            )
        )
    for pl in price_lists:
        pl.loaded_items = by_list[pl.id]


async def _items_of(root: Any) -> list[PriceListItem]:
    await load_price_items([root])
    items: list[PriceListItem] = root.loaded_items
    return items


def _items(root: Any) -> list[PriceListItem] | Awaitable[list[PriceListItem]]:
    loaded: list[PriceListItem] | None = getattr(root, "loaded_items", None)
    return _items_of(root) if loaded is None else loaded


@strawberry.type(description="Prices for a channel, a party group and a currency, with validity.")
class PriceList(api.ModelNode):
    __model__ = models.PriceList
    __permission__ = "sales.view"
    __needs__ = {"items": api.needs(batch=load_price_items)}

    id: relay.NodeID[int]
    name: str
    currency: str
    channel: str
    party_group: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    prices_include_tax: bool
    priority: int
    active: bool
    items = strawberry.field(
        resolver=_items, graphql_type=list[PriceListItem], metadata=api.list_size(50)
    )
