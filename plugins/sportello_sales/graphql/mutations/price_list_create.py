from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, PriceListPayload
from sportello_sales.services.catalogue import pricelists


@api.mutation(
    MANAGE,
    PriceListPayload,
    description="A price list for a currency, optionally a channel and a party group.",
)
async def price_list_create(
    info: strawberry.Info,
    name: str,
    currency: str | None = None,
    channel: str = "",
    party_group: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    prices_include_tax: bool = True,
    priority: int = 0,
) -> models.PriceList:
    return await pricelists.create(
        info.context.actor,
        name=name,
        currency=currency,
        channel=channel,
        party_group=party_group,
        valid_from=valid_from,
        valid_to=valid_to,
        prices_include_tax=prices_include_tax,
        priority=priority,
    )
