"""Payments against issued invoices: partial ones add up, never beyond what is due.

A payment is allocated to one invoice. The invoice's row is locked while its paid total
grows (two cashiers taking the last payment at once: one gets OVERPAYMENT), so ``total >=
paid + credited`` always holds. No number is taken here and no counter row is touched.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, reminder_schedule
from sportello_sales.services.documents import formatting
from sportello_sales.services.invoices import events

PAYMENT_REGISTER = "paymentRegister"


def balance(invoice: m.Invoice) -> Decimal:
    return invoice.total - invoice.paid_total - invoice.credited_total


def payment_status(invoice: m.Invoice) -> str:
    if invoice.status != m.ISSUED or invoice.kind != m.INVOICE:
        return "none"
    if balance(invoice) <= 0:
        return "paid"
    return "partial" if invoice.paid_total > 0 else "unpaid"


async def register(
    actor: api.Actor,
    invoice_id: int,
    amount: Decimal,
    method: str,
    *,
    paid_on: dt.date | None = None,
    reference: str = "",
    cash_session_id: int | None = None,
    operation: str = PAYMENT_REGISTER,
) -> m.Payment:
    _common.check_payment_method(method)
    _common.check_amount(amount, "amount", positive=True)
    day = paid_on or _common.today()
    async with api.atomic():
        invoice = await m.Invoice.filter(id=invoice_id).select_for_update().first()
        if invoice is None:
            raise api.ServiceError("NOT_FOUND", "core.not_found", "invoiceId")
        if invoice.kind != m.INVOICE or invoice.status != m.ISSUED:
            raise api.ServiceError("INVALID_STATUS", "sales.pay_needs_issued", "invoiceId")
        if _common.money(amount, invoice.currency) != amount:
            raise api.ServiceError("INVALID", "sales.too_many_decimals", "amount")
        if amount > balance(invoice):
            raise api.ServiceError(
                "OVERPAYMENT",
                "sales.overpayment",
                "amount",
                balance=formatting.money(
                    _common.money(balance(invoice), invoice.currency),
                    invoice.currency,
                    actor.language,
                ),
            )
        if cash_session_id is not None:
            # Locked against the session's close: a payment lands in an open session, counted.
            session = await m.CashSession.filter(id=cash_session_id).select_for_update().first()
            if session is None or session.status != m.OPEN:
                raise api.ServiceError("INVALID_STATUS", "sales.session_closed", "sessionId")
        invoice.paid_total += amount
        await invoice.save(update_fields=["paid_total"])
        payment = await m.Payment.create(
            invoice_id=invoice.id,
            party_id=invoice.party_id,
            amount=amount,
            currency=invoice.currency,
            method=method,
            paid_on=day,
            reference=reference.strip(),
            cash_session_id=cash_session_id,
            site_id=invoice.site_id,
            organisation_id=invoice.organisation_id,
        )
        await api.record(
            actor,
            operation,
            payment,
            after={"invoice": invoice.id, "amount": amount, "method": method},
        )
        await api.publish(
            events.PAYMENT_REGISTERED,
            events.PaymentRegistered(
                payment_id=payment.id,
                invoice_id=invoice.id,
                invoice_number=invoice.number or "",
                party_id=invoice.party_id,
                amount=events.money(amount, invoice.currency),
                currency=invoice.currency,
                exchange_rate=invoice.exchange_rate,
                company_currency=invoice.company_currency,
                method=method,
                paid_on=day,
                balance=events.money(balance(invoice), invoice.currency),
                site_id=invoice.site_id,
                organisation_id=invoice.organisation_id,
            ),
            aggregate=f"invoice:{invoice.id}",
            site_id=invoice.site_id,
        )
        if balance(invoice) <= 0:
            await reminder_schedule.settled(invoice)
    return payment
