from __future__ import annotations

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import INVOICE, OrderPayload
from sportello_sales.services import orders


@api.mutation(INVOICE, OrderPayload, description="Cancel an open quote or order.")
async def order_cancel(info: strawberry.Info, id: strawberry.ID) -> models.Order:
    return await orders.cancel(info.context.actor, api.decode_id(id, "SalesOrder", "id"))
