"""From the hotel: a closed folio becomes an issued invoice, its payments the invoice's payments.

Sales never imports lodging: these handlers subscribe to lodging's events (``docs/events.md``)
and are registered only when lodging is enabled (``plugin.py``).

``lodging.folio.closed``: one invoice to the guest's party, keyed ``lodging.folio:<reservation>``
in the invoice's UNIQUE ``source_key``, so a redelivered event (or the same folio closed again)
issues nothing twice; with company billing a second one to the bill-to party for the charges
routed to it (``folio_invoices.py``). Three steps, each safe to repeat, as the counter sale does them: the draft
(created and keyed in one transaction: a second run finds it, a racing one hits the UNIQUE key
and rolls back), its issue (gapless number), then one payment per folio payment or deposit
(net of its refunds) with the folio's method, referenced ``lodging.folio.line:<id>`` so each is
registered once. A failure at any step raises: the bus retries the delivery and parks it after
its last attempt, and a replay resumes where the last run stopped.

Lines: the folio's charges (room nights, city tax, fees, extras) by charge code to the
catalogue's product of that code, which gives the tax rate. A voided line and its reversing
line cancel out and are left off. Folio amounts are what the guest pays (tax included), so the
invoice is priced tax included and its total is the folio's total to the cent. A charge code
with no product in the catalogue is an error (logged, retried, then parked): add the product
and replay the delivery. A folio with no charge left issues no invoice.

After checkout: ``lodging.folio.payment_added`` pays the invoice (a receivable until then),
``lodging.folio.line_voided`` issues a credit note of the voided amount (on a paid invoice too:
the party is then owed it back, the invoice's refund due), and
``lodging.folio.payment_refunded`` refunds the invoice's payment carried from the folio's
payment line (``services/refunds.py``), once per refund line and payment
(``lodging.folio.refund:<line>:<payment>``), so the invoice's paid total goes down by it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, refunds
from sportello_sales.services.integrations import folio_invoices as folio
from sportello_sales.services.invoices import credit_notes, issue

log = logging.getLogger(__name__)

OFFICE = "lodging"
FOLIO_CLOSED = "lodging.folio.closed"
PAYMENT_ADDED = "lodging.folio.payment_added"
LINE_VOIDED = "lodging.folio.line_voided"
PAYMENT_REFUNDED = "lodging.folio.payment_refunded"
FOLIO_INVOICE = folio.FOLIO_INVOICE
source_key = folio.source_key
payment_reference = folio.payment_reference


async def _issue(invoice: m.Invoice) -> m.Invoice:
    if invoice.status != m.DRAFT:
        return invoice
    try:
        return await issue.issue(api.SYSTEM, invoice.id)
    except api.ServiceError as error:
        if error.problems[0].code != "INVALID_STATUS":  # issued by a concurrent run: carry on
            raise
        return await m.Invoice.get(id=invoice.id)


async def on_folio_closed(event: api.Event) -> None:
    payload = event.payload
    invoices = []
    for part in folio.parts(payload):
        invoice = await _issue(await folio.draft(payload, part))
        if invoice.status == m.ISSUED:  # not cancelled by hand
            invoices.append(invoice)
    if not invoices:
        return
    for line_id, amount, method in folio.money_lines(list(payload.get("lines") or [])):
        await folio.pay(invoices, line_id, amount, method)


async def on_payment_added(event: api.Event) -> None:
    """A payment after checkout settles the folio's invoices (receivables until then)."""
    payload = event.payload
    line_id = payload.get("line_id")
    if not payload.get("folio_closed") or not isinstance(line_id, int):
        return  # before checkout: the closed folio carries it
    invoices = await folio.issued_invoices(int(payload["reservation_id"]))
    amount = Decimal(str(payload["amount"]))
    await folio.pay(invoices, line_id, amount, str(payload.get("method") or "other"))


async def on_line_voided(event: api.Event) -> None:
    """A charge voided after checkout: a credit note of its amount (gross, at the tax rate the
    invoice charged that code at) against the stay's invoice that charged that code, issued
    once (``lodging.folio.void:<reversing line>``). On a paid invoice the credit leaves the
    party owed that much back (the invoice's refund due), given back when the folio's payment
    is refunded (``lodging.folio.payment_refunded``)."""
    payload = event.payload
    if not payload.get("folio_closed"):
        return  # before checkout: the closed folio nets it out
    key = f"lodging.folio.void:{int(payload['void_line_id'])}"
    if await m.Invoice.filter(source_key=key).exists():
        return
    code = str(payload.get("charge_code") or "").upper()
    invoice, line = None, None
    for candidate in await folio.issued_invoices(int(payload["reservation_id"])):
        line = await m.InvoiceLine.filter(invoice_id=candidate.id, charge_code=code).first()
        if line is not None:
            invoice = candidate
            break
    amount = Decimal(str(payload["amount"]))
    if invoice is not None:
        amount = _common.money(amount, invoice.currency)
    if invoice is None or line is None or amount <= 0:
        log.warning(
            "Void of folio line %s (reservation %s) not credited: credit it by hand",
            payload.get("line_id"),
            payload.get("reservation_id"),
        )
        return
    if amount > invoice.total - invoice.credited_total:
        log.warning(
            "Void of folio line %s exceeds its invoice: credit it by hand", payload["line_id"]
        )
        return
    try:
        async with api.atomic():
            note = await credit_notes.create(
                api.SYSTEM,
                invoice.id,
                [
                    credit_notes.CreditLineInput(
                        description=f"{line.description}: {payload.get('reason') or 'void'}",
                        unit_price=amount,
                        tax_code=line.tax_code,
                    )
                ],
                notes=f"Hotel stay {payload['reservation_id']}",
            )
            await m.Invoice.filter(id=note.id).update(source_key=key)
    except IntegrityError:
        note = await m.Invoice.get(source_key=key)
    if note.status == m.DRAFT:
        await issue.issue(api.SYSTEM, note.id)


async def on_payment_refunded(event: api.Event) -> None:
    """Money given back on a folio payment after checkout: refunds of the invoices' payments
    that carried it, up to what is left of them, each once
    (``lodging.folio.refund:<refund line>:<payment>``)."""
    payload = event.payload
    if not payload.get("folio_closed"):
        return  # before checkout: the closed folio carries the payment net of its refunds
    invoices = await folio.issued_invoices(int(payload["reservation_id"]))
    prefix = f"lodging.folio.refund:{int(payload['line_id'])}:"
    reference = payment_reference(int(payload["refunded_line_id"]))
    carried = await m.Payment.filter(
        invoice_id__in=[i.id for i in invoices], reference=reference
    ).order_by("id")
    amount = Decimal(str(payload["amount"]))
    reason = str(payload.get("reason") or "") or f"Hotel stay {payload['reservation_id']}"
    method = str(payload.get("method") or "")
    for payment in carried:
        done = await m.Refund.filter(source_key__startswith=prefix).values_list("amount", flat=True)
        given = sum((Decimal(str(d)) for d in done), Decimal(0))
        left = _common.money(amount - given, payment.currency)
        share = min(left, refunds.refundable(payment))
        if share <= 0:
            continue
        try:
            await refunds.refund(
                api.SYSTEM,
                payment.id,
                share,
                reason,
                method=method if method in _common.payment_methods() else None,
                source_key=f"{prefix}{payment.id}",
                operation=FOLIO_INVOICE,
            )
        except api.ServiceError as error:  # a concurrent run of the event took it
            if error.problems[0].code not in {"ALREADY_REFUNDED", "REFUND_EXCEEDS_PAYMENT"}:
                raise
    if not carried:
        log.warning(
            "Refund line %s (reservation %s) not refunded in sales: no payment carried it",
            payload.get("line_id"),
            payload.get("reservation_id"),
        )


HANDLERS = (
    (FOLIO_CLOSED, on_folio_closed),
    (PAYMENT_ADDED, on_payment_added),
    (LINE_VOIDED, on_line_voided),
    (PAYMENT_REFUNDED, on_payment_refunded),
)


def handlers(enabled: Callable[[str], bool]) -> list[api.EventHandler]:
    """The handlers, when lodging is on (a handler of an undeclared event stops the startup)."""
    if not enabled(OFFICE):
        return []
    return [api.EventHandler(name, f"sales.invoice.{name}", handle) for name, handle in HANDLERS]
