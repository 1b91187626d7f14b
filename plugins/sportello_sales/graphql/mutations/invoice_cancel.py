from __future__ import annotations

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import INVOICE, InvoicePayload
from sportello_sales.services.invoices import drafts


@api.mutation(
    INVOICE,
    InvoicePayload,
    description="Cancel a draft (an issued invoice is corrected by a credit note instead).",
)
async def invoice_cancel(info: strawberry.Info, id: strawberry.ID) -> models.Invoice:
    return await drafts.cancel(info.context.actor, api.decode_id(id, "Invoice", "id"))
