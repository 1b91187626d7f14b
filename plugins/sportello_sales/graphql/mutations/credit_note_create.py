from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_sales.graphql.mutations._common import INVOICE, CreditNotePayload
from sportello_sales.services.invoices import credit_notes


@strawberry.input(
    description=(
        "A line of the invoice (invoiceLineId, a quantity up to its own: default all of it),"
        " or a free line (description, unitPrice, taxCode)."
    )
)
class CreditNoteLineInput:
    invoice_line_id: strawberry.ID | None = None
    quantity: Decimal | None = None
    description: str | None = None
    unit_price: Decimal | None = None
    tax_code: str | None = None


@strawberry.input
class CreditNoteCreateInput:
    invoice_id: strawberry.ID
    lines: list[CreditNoteLineInput] = strawberry.field(
        default_factory=list, description="No lines: the whole invoice"
    )
    notes: str = ""


@api.mutation(
    INVOICE,
    CreditNotePayload,
    description="A draft credit note correcting an issued invoice; issue it with invoiceIssue.",
)
async def credit_note_create(info: strawberry.Info, input: CreditNoteCreateInput) -> dict[str, Any]:
    lines = [
        credit_notes.CreditLineInput(
            invoice_line_id=api.decode_optional(
                line.invoice_line_id, "InvoiceLine", f"lines.{i}.invoiceLineId"
            ),
            quantity=line.quantity,
            description=line.description,
            unit_price=line.unit_price,
            tax_code=line.tax_code,
        )
        for i, line in enumerate(input.lines)
    ]
    note = await credit_notes.create(
        info.context.actor,
        api.decode_id(input.invoice_id, "Invoice", "invoiceId"),
        lines,
        input.notes,
    )
    return {"credit_note": note}
