"""Refunds: money given back on a payment (a mistyped payment reversed, a deposit returned,
what a credit note left owed to the party).

A refund names the payment it gives back, never more than what is left of it (its amount less
its earlier refunds: REFUND_EXCEEDS_PAYMENT). The invoice's row is locked first, as a payment
locks it, then the payment's: two clerks refunding the last euro at once queue on the invoice
and the second gets REFUND_EXCEEDS_PAYMENT. The invoice's paid total goes down by the refund:
an invoice paid twice by mistake is paid once again; one credited after it was paid (its
balance negative, ``refund_due``) comes back to zero; a settled invoice owed again gets its
payment reminders back (``reminder_schedule.reopened``, in the refund's transaction). No
document number is taken: the credit note is the fiscal document, a refund is money (as Odoo's
outbound payment reconciled with a credit note, or ERPNext's Payment Entry "Pay" against a
return invoice).

Cash given back comes out of a drawer: a cash refund is paid out of the cash session named
(``cash_session_id``) or, without one, out of the open session of the desk that took the
payment (a counter sale's). Either must be open (INVALID_STATUS otherwise, nothing written):
its row is locked as a payment locks it, so a refund racing the session's close is either
counted in it (close waits for it and subtracts it from the expected cash) or refused. A cash
payment taken outside any session (``paymentRegister`` without one) is refunded outside any.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field
from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, counter_sales, reminder_schedule
from sportello_sales.services.documents import formatting
from sportello_sales.services.invoices import events
from sportello_sales.services.payments import balance

PAYMENT_REFUND = "paymentRefund"
PAYMENT_REFUNDED = "sales.payment.refunded"
MAX_REASON = 500
CASH = "cash"


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
    site_id: int | None = Field(default=None, description="The invoice's site")
    organisation_id: int | None = Field(
        default=None, description="The invoice's organisation: the ledger it goes out of"
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
    cash_session_id: int | None = None,
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
        return await _refund(
            actor, found, amount, text, method, day, source_key, operation, cash_session_id
        )
    except IntegrityError:  # the UNIQUE source key: a concurrent run of one event refunded it
        raise api.ServiceError("ALREADY_REFUNDED", "sales.already_refunded", "id") from None


async def _drawer(actor: api.Actor, payment: m.Payment, way: str, named: int | None) -> int | None:
    """The open cash session the refund's cash comes out of, locked against its close (inside
    the refund's transaction); None for money that leaves no drawer."""
    field = "cashSessionId"
    if named is not None:
        if way != CASH:
            raise api.ServiceError("INVALID", "sales.session_cash_only", field)
        session = await m.CashSession.filter(id=named).select_for_update().first()
        counter_sales.require_visible(actor, session, field)
        assert session is not None
        if session.status != m.OPEN:
            raise api.ServiceError("INVALID_STATUS", "sales.session_closed", field)
        return session.id
    if way != CASH or payment.cash_session_id is None:
        return None
    took = await m.CashSession.get(id=payment.cash_session_id)
    # The desk's open session (the one that took it, or today's): the lock waits for a close
    # under way, after which the row no longer matches (its open key is cleared).
    session = (
        await m.CashSession.filter(open_key=counter_sales.open_key(took.site_id, took.desk))
        .select_for_update()
        .first()
    )
    if session is None or session.status != m.OPEN:
        raise api.ServiceError("INVALID_STATUS", "sales.refund_needs_session", field)
    return session.id


async def _refund(
    actor: api.Actor,
    found: m.Payment,
    amount: Decimal,
    text: str,
    method: str | None,
    day: dt.date,
    source_key: str | None,
    operation: str,
    cash_session_id: int | None,
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
        drawer = await _drawer(actor, payment, way, cash_session_id)
        payment.refunded_total += amount
        await payment.save(update_fields=["refunded_total"])
        was_settled = balance(invoice) <= 0
        invoice.paid_total -= amount
        await invoice.save(update_fields=["paid_total"])
        if was_settled and balance(invoice) > 0:
            await reminder_schedule.reopened(invoice)
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
            cash_session_id=drawer,
            site_id=invoice.site_id,
            organisation_id=invoice.organisation_id,
        )
        await api.record(
            actor,
            operation,
            row,
            after={
                "payment": payment.id,
                "amount": amount,
                "method": way,
                "reason": text,
                "cash_session": drawer,
            },
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
                site_id=invoice.site_id,
                organisation_id=invoice.organisation_id,
            ),
            aggregate=f"invoice:{invoice.id}",
            site_id=invoice.site_id,
        )
    return row
