from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, PriceListPayload
from sportello_sales.services.catalogue import pricelists


@api.mutation(
    MANAGE, PriceListPayload, description="A product's price in a price list (null removes it)."
)
async def price_list_price_set(
    info: strawberry.Info,
    price_list_id: strawberry.ID,
    product_id: strawberry.ID,
    price: Decimal | None = None,
) -> models.PriceList:
    return await pricelists.set_price(
        info.context.actor,
        api.decode_id(price_list_id, "PriceList", "priceListId"),
        api.decode_id(product_id, "Product", "productId"),
        price,
    )
