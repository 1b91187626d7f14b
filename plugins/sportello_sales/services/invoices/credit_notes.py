"""Credit notes: an issued invoice is never edited; what it got wrong is credited.

A credit note is a draft document of kind ``credit_note`` pointing at the issued invoice it
corrects, in the invoice's currency, rate and price basis, numbered in its own series when
issued (``invoiceIssue``). Its lines repeat lines of the invoice (a quantity up to theirs) or
are free lines (a price and a tax code); no lines credits the whole invoice. At issue the
credited total of the invoice may not exceed its total (CREDIT_EXCEEDS_INVOICE). A paid
invoice can be credited: what it was paid beyond its total less its credits is then owed back
to the party (its refund due) until a refund (``services/refunds.py``) gives the money back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import placement
from sportello_sales.services.invoices import drafts
from sportello_sales.services.invoices.lines import LineInput

CREDIT_NOTE_CREATE = "creditNoteCreate"


@dataclass
class CreditLineInput:
    invoice_line_id: int | None = None
    quantity: Decimal | None = None
    description: str | None = None
    unit_price: Decimal | None = None
    tax_code: str | None = None


def _from_line(i: int, line: m.InvoiceLine, quantity: Decimal | None) -> LineInput:
    qty = line.quantity if quantity is None else quantity
    if not qty.is_finite() or qty <= 0 or qty > line.quantity:
        raise api.ServiceError("INVALID", "sales.invalid_quantity", f"lines.{i}.quantity")
    return LineInput(
        description=line.description,
        product_id=line.product_id,
        quantity=qty,
        unit_price=line.unit_price,
        discount_percent=line.discount_percent,
        tax_code=line.tax_code,
        corrects_line_id=line.id,
    )


async def create(
    actor: api.Actor, invoice_id: int, lines: Sequence[CreditLineInput], notes: str = ""
) -> m.Invoice:
    invoice: m.Invoice = await api.get_or_error(m.Invoice, invoice_id, "invoiceId")
    if invoice.kind != m.INVOICE or invoice.status != m.ISSUED:
        raise api.ServiceError("INVALID_STATUS", "sales.credit_needs_issued", "invoiceId")
    originals = {line.id: line for line in await m.InvoiceLine.filter(invoice_id=invoice.id)}
    wanted: list[LineInput] = []
    if not lines:
        wanted = [_from_line(i, line, None) for i, line in enumerate(originals.values())]
    for i, item in enumerate(lines):
        if item.invoice_line_id is not None:
            original = originals.get(item.invoice_line_id)
            if original is None:
                raise api.ServiceError("NOT_FOUND", "core.not_found", f"lines.{i}.invoiceLineId")
            wanted.append(_from_line(i, original, item.quantity))
        else:
            wanted.append(
                LineInput(
                    description=item.description,
                    quantity=item.quantity if item.quantity is not None else Decimal(1),
                    unit_price=item.unit_price,
                    tax_code=item.tax_code,
                )
            )
            if item.unit_price is None:
                raise api.ServiceError("REQUIRED", "core.required", f"lines.{i}.unitPrice")
    return await drafts.create(
        actor,
        invoice.party_id,
        wanted,
        currency=invoice.currency,
        prices_include_tax=invoice.prices_include_tax,
        exchange_rate_value=(
            None if invoice.currency == invoice.company_currency else invoice.exchange_rate
        ),
        notes=notes,
        kind=m.CREDIT_NOTE,
        corrects=invoice,
        operation=CREDIT_NOTE_CREATE,
        placement=placement.of(invoice),  # the invoice's organisation credits it
    )
