from __future__ import annotations

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import INVOICE, InvoicePayload
from sportello_sales.services import orders


@api.mutation(
    INVOICE,
    InvoicePayload,
    description="Bill an open order: a draft invoice with its lines (issue it with invoiceIssue).",
)
async def order_invoice(info: strawberry.Info, id: strawberry.ID) -> models.Invoice:
    return await orders.invoice(info.context.actor, api.decode_id(id, "SalesOrder", "id"))
