from __future__ import annotations

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import INVOICE, InvoicePayload
from sportello_sales.services.invoices import issue


@api.mutation(
    INVOICE,
    InvoicePayload,
    description=(
        "Issue a draft invoice or credit note: its gapless number in its series and year,"
        " then it is final (sales.invoice.issued or sales.credit_note.issued)."
    ),
)
async def invoice_issue(info: strawberry.Info, id: strawberry.ID) -> models.Invoice:
    return await issue.issue(info.context.actor, api.decode_id(id, "Invoice", "id"))
