"""Price lists per channel, party group and currency, and which price a line gets.

The price of a product for a document: the active lists of the document's currency valid on
its day whose channel and party group are empty or equal to the document's, the most specific
first (channel and group given beats one beats none), then by priority and id. No list with
the product: the product's own price when the document is in the company currency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common

PRICE_LIST_CREATE = "priceListCreate"
PRICE_LIST_UPDATE = "priceListUpdate"
PRICE_LIST_PRICE_SET = "priceListPriceSet"


@dataclass(frozen=True)
class Price:
    amount: Decimal
    includes_tax: bool
    price_list_id: int | None


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise api.ServiceError("INVALID", "sales.invalid_validity", "validTo")


async def create(
    actor: api.Actor,
    *,
    name: str,
    currency: str | None = None,
    channel: str = "",
    party_group: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    prices_include_tax: bool = True,
    priority: int = 0,
) -> m.PriceList:
    name = " ".join(name.split())
    if not name:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    code = _common.check_currency(currency)
    _check_dates(valid_from, valid_to)
    async with api.atomic():
        row = await m.PriceList.create(
            name=name,
            currency=code,
            channel=channel.strip(),
            party_group=party_group.strip(),
            valid_from=valid_from,
            valid_to=valid_to,
            prices_include_tax=prices_include_tax,
            priority=priority,
        )
        await api.record(actor, PRICE_LIST_CREATE, row, after={"name": name, "currency": code})
    return row


async def update(
    actor: api.Actor,
    price_list_id: int,
    *,
    name: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    active: bool | None = None,
    priority: int | None = None,
) -> m.PriceList:
    async with api.atomic():
        row: m.PriceList = await api.get_or_error(m.PriceList, price_list_id, "id", lock=True)
        if name is not None:
            name = " ".join(name.split())
            if not name:
                raise api.ServiceError("REQUIRED", "core.required", "name")
            row.name = name
        row.valid_from = valid_from if valid_from is not None else row.valid_from
        row.valid_to = valid_to if valid_to is not None else row.valid_to
        _check_dates(row.valid_from, row.valid_to)
        if active is not None:
            row.active = active
        if priority is not None:
            row.priority = priority
        await row.save()
        await api.record(actor, PRICE_LIST_UPDATE, row, after={"name": row.name})
    return row


async def set_price(
    actor: api.Actor, price_list_id: int, product_id: int, price: Decimal | None
) -> m.PriceList:
    """The product's price in the list; ``None`` removes it from the list."""
    if price is not None:
        _common.check_amount(price, "price", minimum=Decimal(0))
    try:
        async with api.atomic():
            row: m.PriceList = await api.get_or_error(m.PriceList, price_list_id, "priceListId")
            await api.get_or_error(m.Product, product_id, "productId")
            item = await m.PriceListItem.filter(
                price_list_id=price_list_id, product_id=product_id
            ).first()
            if price is None:
                if item is not None:
                    await item.delete()
            elif item is None:
                await m.PriceListItem.create(
                    price_list_id=price_list_id, product_id=product_id, price=price
                )
            else:
                item.price = price
                await item.save(update_fields=["price"])
            await api.record(
                actor, PRICE_LIST_PRICE_SET, row, after={"product": product_id, "price": price}
            )
    except IntegrityError:  # the same product added at the same moment
        raise api.ServiceError("CONFLICT", "sales.conflict", "productId") from None
    return row


async def prices_for(
    product_ids: list[int],
    *,
    currency: str,
    day: dt.date,
    channel: str = "",
    party_group: str = "",
) -> dict[int, Price]:
    """The price of each product for a document (see the module's rule), in one query."""
    items = await m.PriceListItem.filter(
        Q(price_list__valid_from__isnull=True) | Q(price_list__valid_from__lte=day),
        Q(price_list__valid_to__isnull=True) | Q(price_list__valid_to__gte=day),
        Q(price_list__channel="") | Q(price_list__channel=channel),
        Q(price_list__party_group="") | Q(price_list__party_group=party_group),
        product_id__in=product_ids,
        price_list__active=True,
        price_list__currency=currency,
    ).prefetch_related("price_list")
    best: dict[int, tuple[tuple[int, int, int], Price]] = {}
    for item in items:
        pl = item.price_list
        rank = (bool(pl.channel) + bool(pl.party_group), pl.priority, pl.id)
        if item.product_id not in best or rank > best[item.product_id][0]:
            best[item.product_id] = (rank, Price(item.price, pl.prices_include_tax, pl.id))
    found = {pid: price for pid, (_, price) in best.items()}
    if currency == _common.settings().company_currency:
        for product in await m.Product.filter(id__in=[p for p in product_ids if p not in found]):
            found[product.id] = Price(product.price, product.price_includes_tax, None)
    return found
