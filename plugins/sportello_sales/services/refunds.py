"""Refunds: money given back on a payment (a mistyped payment reversed, a deposit returned,
what a credit note left owed to the party).

A refund names the payment it gives back, never more than what is left of it (its amount less
its earlier refunds: REFUND_EXCEEDS_PAYMENT). The invoice's row is locked first, as a payment
locks it, then the payment's: two clerks refunding the last euro at once queue on the invoice
and the second gets REFUND_EXCEEDS_PAYMENT. The invoice's paid total goes down by the refund:
an invoice paid twice by mistake is paid once again; one credited after it was paid (its
balance negative, ``refund_due``) comes back to zero. No document number is taken: the credit
note is the fiscal document, a refund is money (as Odoo's outbound payment reconciled with a
credit note, or ERPNext's Payment Entry "Pay" against a return invoice).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field
from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common
from sportello_sales.services.documents import formatting
from sportello_sales.services.invoices import events
from sportello_sales.services.payments import balance

PAYMENT_REFUND = "paymentRefund"
PAYMENT_REFUNDED = "sales.payment.refunded"
MAX_REASON = 500


class PaymentRefunded(BaseModel):
    """Payload of sales.payment.refunded: post it as the reverse of the payment (money out)."""

    refund_id: int
    payment_id: int = Field(description="The payment given back (its sales.payment.registered)")
    invoice_id: int
    invoice_number: str
    party_id: int
    amount: Decimal = Field(description="Given back (positive), in the invoice's currency")
    currency: str
    exchange_rate: Decimal = Field(description="The invoice's rate to the company currency")
    company_currency: str
    method: str = Field(description="How the money went back (cash, card, bank_transfer)")
    payment_method: str = Field(description="How the refunded payment had come in")
    refunded_on: dt.date
    reason: str
    balance: Decimal = Field(
        description="What is left to pay on the invoice after it (negative: still owed back)"
    )


def refundable(payment: m.Payment) -> Decimal:
    return payment.amount - payment.refunded_total


def refund_due(invoice: m.Invoice) -> Decimal:
    """What the party is owed back on an invoice: paid and credited beyond its total."""
    return max(Decimal(0), -balance(invoice))


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise api.ServiceError("REQUIRED", "core.required", "reason")
    if len(text) > MAX_REASON:
        raise api.ServiceError("TOO_LONG", "core.too_long", "reason", max=MAX_REASON)
    return text


async def refund(
    actor: api.Actor,
    payment_id: int,
    amount: Decimal,
    reason: str,
    *,
    method: str | None = None,
    refunded_on: dt.date | None = None,
    source_key: str | None = None,
    operation: str = PAYMENT_REFUND,
) -> m.Refund:
    _common.check_amount(amount, "amount", positive=True)
    text = _reason(reason)
    if method is not None:
        _common.check_payment_method(method)
    found = await m.Payment.filter(id=payment_id).first()
    if found is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "paymentId")
    day = refunded_on or _common.today()
    try:
        return await _refund(actor, found, amount, text, method, day, source_key, operation)
    except IntegrityError:  # the UNIQUE source key: a concurrent run of one event refunded it
        raise api.ServiceError("ALREADY_REFUNDED", "sales.already_refunded", "id") from None


async def _refund(
    actor: api.Actor,
    found: m.Payment,
    amount: Decimal,
    text: str,
    method: str | None,
    day: dt.date,
    source_key: str | None,
    operation: str,
) -> m.Refund:
    payment_id = found.id
    async with api.atomic():
        invoice = await m.Invoice.filter(id=found.invoice_id).select_for_update().get()
        payment = await m.Payment.filter(id=payment_id).select_for_update().get()
        if source_key is not None and await m.Refund.filter(source_key=source_key).exists():
            raise api.ServiceError("ALREADY_REFUNDED", "sales.already_refunded", "id")
        if _common.money(amount, payment.currency) != amount:
            raise api.ServiceError("INVALID", "sales.too_many_decimals", "amount")
        left = refundable(payment)
        if amount > left:
            raise api.ServiceError(
                "REFUND_EXCEEDS_PAYMENT",
                "sales.refund_exceeds_payment",
                "amount",
                refundable=formatting.money(
                    _common.money(left, payment.currency), payment.currency, actor.language
                ),
            )
        way = method or payment.method
        payment.refunded_total += amount
        await payment.save(update_fields=["refunded_total"])
        invoice.paid_total -= amount
        await invoice.save(update_fields=["paid_total"])
        row = await m.Refund.create(
            payment_id=payment.id,
            invoice_id=invoice.id,
            party_id=invoice.party_id,
            amount=amount,
            currency=payment.currency,
            method=way,
            refunded_on=day,
            reason=text,
            source_key=source_key,
        )
        await api.record(
            actor,
            operation,
            row,
            after={"payment": payment.id, "amount": amount, "method": way, "reason": text},
        )
        await api.publish(
            PAYMENT_REFUNDED,
            PaymentRefunded(
                refund_id=row.id,
                payment_id=payment.id,
                invoice_id=invoice.id,
                invoice_number=invoice.number or "",
                party_id=invoice.party_id,
                amount=events.money(amount, invoice.currency),
                currency=invoice.currency,
                exchange_rate=invoice.exchange_rate,
                company_currency=invoice.company_currency,
                method=way,
                payment_method=payment.method,
                refunded_on=day,
                reason=text,
                balance=events.money(balance(invoice), invoice.currency),
            ),
            aggregate=f"invoice:{invoice.id}",
        )
    return row
