"""Folio corrections: a charge voided by a reversing line, a payment refunded by a negative
payment line. Nothing is deleted; each correction names its reason, is audited and published
(sales turns them into credit notes and refunds)."""

from __future__ import annotations

from decimal import Decimal

from tortoise.functions import Sum

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import clock
from sportello_lodging.services._common import locked_reservation, money
from sportello_lodging.services.events import (
    FOLIO_LINE_VOIDED,
    FOLIO_PAYMENT_REFUNDED,
    FolioLineVoided,
    FolioPaymentRefunded,
)
from sportello_lodging.services.folio import CREDITS, folio_totals
from sportello_lodging.services.lifecycle import FINISHED
from sportello_lodging.services.nights import reversal_of

#: The longest reason kept on a line.
MAX_REASON = 300


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise api.ServiceError("REQUIRED", "core.required", "reason")
    if len(reason) > MAX_REASON:
        raise api.ServiceError("TOO_LONG", "lodging.reason_too_long", "reason", max=MAX_REASON)
    return reason


async def _line(actor: api.Actor, line_id: int) -> tuple[m.FolioLine, m.Reservation]:
    """The line and its reservation, the reservation locked (every folio write locks it)."""
    found = await m.FolioLine.get_or_none(id=line_id).only("id", "reservation_id")
    if found is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    try:
        res = await locked_reservation(actor, found.reservation_id)
    except api.ServiceError:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id") from None
    line = await m.FolioLine.get(id=line_id)
    return line, res


async def refunded(reservation_id: int, line_id: int) -> Decimal:
    """How much of a payment was refunded so far (positive)."""
    rows = (
        await m.FolioLine.filter(reservation_id=reservation_id, reverses_id=line_id)
        .annotate(total=Sum("amount"))
        .group_by("reverses_id")
        .values("total")
    )
    return money(-(rows[0]["total"] or 0)) if rows else Decimal("0.00")


async def void_line(actor: api.Actor, line_id: int, reason: str) -> m.FolioLine:
    """Void a charge: the original is marked voided and a reversing line (negative quantity and
    amount, same kind, code and night) takes it off the folio. Payments are refunded instead."""
    reason = check_reason(reason)
    async with api.atomic():
        line, res = await _line(actor, line_id)
        if line.kind in CREDITS:
            raise api.ServiceError("INVALID", "lodging.void_payment", "id")
        if line.reverses_id is not None:
            raise api.ServiceError("INVALID", "lodging.void_reversal", "id")
        now = clock.now()
        if not await m.FolioLine.filter(id=line.id, voided_at=None).update(voided_at=now):
            raise api.ServiceError("ALREADY_VOIDED", "lodging.already_voided", "id")
        reversal = reversal_of(line, reason)
        await reversal.save()
        balance = (await folio_totals([res.id]))[res.id].balance
        await api.record(
            actor,
            "folioLineVoid",
            line,
            before={"voided": False, "amount": line.amount},
            after={
                "voided": True,
                "reservation_id": res.id,
                "void_line_id": reversal.id,
                "reason": reason,
            },
            site_id=res.site_id,
        )
        await api.publish(
            FOLIO_LINE_VOIDED,
            FolioLineVoided(
                reservation_id=res.id,
                site_id=res.site_id,
                guest_party_id=res.guest_id,
                line_id=line.id,
                void_line_id=reversal.id,
                kind=line.kind,
                charge_code=line.charge_code,
                amount=str(money(line.amount)),
                reason=reason,
                balance=str(balance),
                currency=res.currency,
                folio_closed=res.status in FINISHED,
            ),
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,
        )
    return reversal


async def refund_line(
    res: m.Reservation, line: m.FolioLine, amount: Decimal, reason: str
) -> m.FolioLine:
    """Inside the transaction, the reservation locked: the negative line and its event."""
    refund = await m.FolioLine.create(
        reservation_id=res.id,
        kind=line.kind,
        method=line.method,
        description=f"Refund ({line.method})" if line.method else "Refund",
        quantity=1,
        unit_amount=-amount,
        amount=-amount,
        reverses_id=line.id,
        reason=reason,
    )
    balance = (await folio_totals([res.id]))[res.id].balance
    await api.publish(
        FOLIO_PAYMENT_REFUNDED,
        FolioPaymentRefunded(
            reservation_id=res.id,
            site_id=res.site_id,
            guest_party_id=res.guest_id,
            line_id=refund.id,
            refunded_line_id=line.id,
            kind=line.kind,
            method=line.method,
            amount=str(amount),
            reason=reason,
            balance=str(balance),
            currency=res.currency,
            folio_closed=res.status in FINISHED,
        ),
        aggregate=f"reservation:{res.id}",
        site_id=res.site_id,
    )
    return refund


async def refund_payment(
    actor: api.Actor, line_id: int, amount: Decimal | None, reason: str
) -> m.FolioLine:
    """Give back (part of) a payment or deposit, by its method: a negative line of its kind.
    Without an amount, what is left of it after earlier refunds."""
    reason = check_reason(reason)
    if amount is not None and amount <= 0:
        raise api.ServiceError("INVALID", "lodging.invalid_amount", "amount")
    async with api.atomic():
        line, res = await _line(actor, line_id)
        if line.kind not in CREDITS or line.reverses_id is not None or line.amount <= 0:
            raise api.ServiceError("INVALID", "lodging.refund_not_payment", "id")
        left = money(line.amount) - await refunded(line.reservation_id, line.id)
        if left <= 0:
            raise api.ServiceError("ALREADY_REFUNDED", "lodging.already_refunded", "id")
        value = left if amount is None else money(amount)
        if value > left:
            raise api.ServiceError(
                "INVALID", "lodging.refund_too_much", "amount", max=str(left), currency=res.currency
            )
        refund = await refund_line(res, line, value, reason)
        await api.record(
            actor,
            "folioPaymentRefund",
            refund,
            after={
                "reservation_id": res.id,
                "refunded_line_id": line.id,
                "amount": value,
                "method": line.method,
                "reason": reason,
            },
            site_id=res.site_id,
        )
    return refund
