from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, PriceListPayload
from sportello_sales.services.catalogue import pricelists


@api.mutation(MANAGE, PriceListPayload, description="Change a price list: null keeps a field.")
async def price_list_update(
    info: strawberry.Info,
    id: strawberry.ID,
    name: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    active: bool | None = None,
    priority: int | None = None,
) -> models.PriceList:
    return await pricelists.update(
        info.context.actor,
        api.decode_id(id, "PriceList", "id"),
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        active=active,
        priority=priority,
    )
