"""From the hotel: a closed folio becomes an issued invoice, its payments the invoice's payments.

Sales never imports lodging: these handlers subscribe to lodging's events (``docs/events.md``)
and are registered only when lodging is enabled (``plugin.py``).

``lodging.folio.closed``: one invoice to the guest's party, keyed ``lodging.folio:<reservation>``
in the invoice's UNIQUE ``source_key``, so a redelivered event (or the same folio closed again)
issues nothing twice. Three steps, each safe to repeat, as the counter sale does them: the draft
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
payment line (``services/refunds.py``), once per refund line
(``lodging.folio.refund:<line>``), so the invoice's paid total goes down by it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, payments, refunds
from sportello_sales.services.invoices import credit_notes, drafts, issue
from sportello_sales.services.invoices.lines import LineInput

log = logging.getLogger(__name__)

OFFICE = "lodging"
FOLIO_CLOSED = "lodging.folio.closed"
PAYMENT_ADDED = "lodging.folio.payment_added"
LINE_VOIDED = "lodging.folio.line_voided"
PAYMENT_REFUNDED = "lodging.folio.payment_refunded"
CHARGE_KINDS = {"room", "city_tax", "extra", "fee"}
MONEY_KINDS = {"payment", "deposit"}
FOLIO_INVOICE = "folioInvoice"


def source_key(reservation_id: int) -> str:
    return f"lodging.folio:{reservation_id}"


def payment_reference(line_id: int) -> str:
    return f"lodging.folio.line:{line_id}"


def charge_lines(lines: list[dict[str, Any]]) -> list[LineInput]:
    """The folio's charges left after voids, grouped by charge code, price and description."""
    grouped: dict[tuple[str, Decimal, str], Decimal] = {}
    for line in lines:
        if line.get("kind") not in CHARGE_KINDS or line.get("voided"):
            continue
        if line.get("reverses_line_id") is not None:
            continue  # the reversing line of a void: it cancels the voided line, left off too
        code = str(line.get("charge_code") or "EXTRA").upper()
        quantity = Decimal(int(line["quantity"]))
        unit = Decimal(str(line["unit_amount"]))
        if quantity == 0 or unit == 0:
            continue
        if quantity < 0:  # a negative adjustment: carried as a negative price
            quantity, unit = -quantity, -unit
        description = str(line.get("description") or "")
        if line.get("kind") == "room":
            description = ""  # one line for the nights at one price: the product's name
        key = (code, unit, description)
        grouped[key] = grouped.get(key, Decimal(0)) + quantity
    return [
        LineInput(
            description=description or None,
            charge_code=code,
            quantity=quantity,
            unit_price=unit,
        )
        for (code, unit, description), quantity in grouped.items()
    ]


def money_lines(lines: list[dict[str, Any]]) -> list[tuple[int, Decimal, str]]:
    """Each payment or deposit (line id, amount net of its refunds, method), in folio order."""
    paid: dict[int, Decimal] = {}
    methods: dict[int, str] = {}
    for line in lines:
        if line.get("kind") not in MONEY_KINDS or line.get("line_id") is None:
            continue
        amount = Decimal(str(line["amount"]))
        target = line.get("reverses_line_id")
        if amount < 0 and isinstance(target, int) and target in paid:
            paid[target] += amount
            continue
        paid[int(line["line_id"])] = amount
        methods[int(line["line_id"])] = str(line.get("method") or "other")
    return [(lid, amount, methods[lid]) for lid, amount in paid.items() if amount > 0]


async def _draft(payload: dict[str, Any], key: str) -> m.Invoice | None:
    invoice = await m.Invoice.filter(source_key=key).first()
    if invoice is not None:
        return invoice
    lines = charge_lines(list(payload.get("lines") or []))
    if not lines:
        return None
    party_id = int(payload["guest_party_id"])
    try:
        async with api.atomic():
            invoice = await drafts.create(
                api.SYSTEM,
                party_id,
                lines,
                currency=str(payload.get("currency") or _common.settings().company_currency),
                prices_include_tax=True,
                channel="hotel",
                notes=f"Hotel stay {payload['reservation_id']}",
                operation=FOLIO_INVOICE,
            )
            await m.Invoice.filter(id=invoice.id).update(source_key=key)
    except IntegrityError:
        return await m.Invoice.get(source_key=key)  # a concurrent run made it
    except api.ServiceError as error:
        log.error(
            "Folio of reservation %s not invoiced: %s; "
            "the delivery is retried, then parked: fix it and replay the delivery",
            payload.get("reservation_id"),
            ", ".join(f"{p.code} on {p.field}" for p in error.problems),
        )
        raise
    return invoice


async def pay(invoice_id: int, line_id: int, amount: Decimal, method: str) -> bool:
    """Register a folio payment on the invoice once (by its reference), up to what is due."""
    reference = payment_reference(line_id)
    async with api.atomic():
        invoice = await m.Invoice.filter(id=invoice_id).select_for_update().first()
        if invoice is None or invoice.status != m.ISSUED:
            return False
        if await m.Payment.filter(invoice_id=invoice_id, reference=reference).exists():
            return False
        due = payments.balance(invoice)
        amount = min(_common.money(amount, invoice.currency), due)
        if amount <= 0:
            return False
        if method not in _common.payment_methods():
            method = "other"
        await payments.register(
            api.SYSTEM, invoice_id, amount, method, reference=reference, operation=FOLIO_INVOICE
        )
    return True


async def on_folio_closed(event: api.Event) -> None:
    payload = event.payload
    key = source_key(int(payload["reservation_id"]))
    invoice = await _draft(payload, key)
    if invoice is None:
        return
    if invoice.status == m.DRAFT:
        try:
            invoice = await issue.issue(api.SYSTEM, invoice.id)
        except api.ServiceError as error:
            if error.problems[0].code != "INVALID_STATUS":  # issued by a concurrent run: carry on
                raise
            invoice = await m.Invoice.get(id=invoice.id)
    if invoice.status != m.ISSUED:
        return  # cancelled by hand: nothing more to carry
    for line_id, amount, method in money_lines(list(payload.get("lines") or [])):
        await pay(invoice.id, line_id, amount, method)


async def on_payment_added(event: api.Event) -> None:
    """A payment after checkout settles the folio's invoice (a receivable until then)."""
    payload = event.payload
    line_id = payload.get("line_id")
    if not payload.get("folio_closed") or not isinstance(line_id, int):
        return  # before checkout: the closed folio carries it
    key = source_key(int(payload["reservation_id"]))
    invoice = await m.Invoice.filter(source_key=key).first()
    if invoice is None or invoice.status == m.DRAFT:
        # The folio's invoice is not issued yet (its event not handled yet): retried.
        raise RuntimeError(f"no issued invoice for {key} yet")
    await pay(
        invoice.id, line_id, Decimal(str(payload["amount"])), str(payload.get("method") or "other")
    )


async def on_line_voided(event: api.Event) -> None:
    """A charge voided after checkout: a credit note of its amount (gross, at the tax rate the
    invoice charged that code at), issued once (``lodging.folio.void:<reversing line>``). On a
    paid invoice the credit leaves the party owed that much back (the invoice's refund due),
    given back when the folio's payment is refunded (``lodging.folio.payment_refunded``)."""
    payload = event.payload
    if not payload.get("folio_closed"):
        return  # before checkout: the closed folio nets it out
    key = f"lodging.folio.void:{int(payload['void_line_id'])}"
    if await m.Invoice.filter(source_key=key).exists():
        return
    invoice = await m.Invoice.filter(source_key=source_key(int(payload["reservation_id"]))).first()
    if invoice is None or invoice.status == m.DRAFT:
        raise RuntimeError(f"no issued invoice for reservation {payload['reservation_id']} yet")
    amount = _common.money(Decimal(str(payload["amount"])), invoice.currency)
    code = str(payload.get("charge_code") or "").upper()
    line = await m.InvoiceLine.filter(invoice_id=invoice.id, charge_code=code).first()
    room = invoice.total - invoice.credited_total
    if invoice.status != m.ISSUED or line is None or amount <= 0 or amount > room:
        log.warning(
            "Void of folio line %s (reservation %s) not credited: credit it by hand",
            payload.get("line_id"),
            payload.get("reservation_id"),
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
    """Money given back on a folio payment after checkout: a refund of the invoice's payment
    that carried it, up to what is left of that payment."""
    payload = event.payload
    if not payload.get("folio_closed"):
        return  # before checkout: the closed folio carries the payment net of its refunds
    key = source_key(int(payload["reservation_id"]))
    invoice = await m.Invoice.filter(source_key=key).first()
    if invoice is None or invoice.status == m.DRAFT:
        raise RuntimeError(f"no issued invoice for {key} yet")
    refund_key = f"lodging.folio.refund:{int(payload['line_id'])}"
    if await m.Refund.filter(source_key=refund_key).exists():
        return
    reference = payment_reference(int(payload["refunded_line_id"]))
    payment = await m.Payment.filter(invoice_id=invoice.id, reference=reference).first()
    amount = _common.money(Decimal(str(payload["amount"])), invoice.currency)
    if payment is None or amount <= 0:
        log.warning(
            "Refund line %s (reservation %s) not refunded in sales: no payment carried it",
            payload.get("line_id"),
            payload.get("reservation_id"),
        )
        return
    method = str(payload.get("method") or payment.method)
    try:
        await refunds.refund(
            api.SYSTEM,
            payment.id,
            min(amount, refunds.refundable(payment)),
            str(payload.get("reason") or "") or f"Hotel stay {payload['reservation_id']}",
            method=method if method in _common.payment_methods() else None,
            source_key=refund_key,
            operation=FOLIO_INVOICE,
        )
    except api.ServiceError as error:
        if error.problems[0].code not in {"ALREADY_REFUNDED", "REFUND_EXCEEDS_PAYMENT"}:
            raise
        if error.problems[0].code == "REFUND_EXCEEDS_PAYMENT":
            log.warning("Refund line %s: the payment is already refunded", payload["line_id"])


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
