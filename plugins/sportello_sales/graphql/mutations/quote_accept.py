from __future__ import annotations

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import INVOICE, OrderPayload
from sportello_sales.services import orders


@api.mutation(INVOICE, OrderPayload, description="The party accepted an open quote: an order.")
async def quote_accept(info: strawberry.Info, id: strawberry.ID) -> models.Order:
    return await orders.accept(info.context.actor, api.decode_id(id, "SalesOrder", "id"))
