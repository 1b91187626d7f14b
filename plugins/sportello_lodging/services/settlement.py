"""What happens to the money of a stay that does not happen: at a cancellation or a no-show the
deposits held are refunded, kept as the fee, or carried to another reservation of the guest,
never left stranded on a folio nobody will open again."""

from __future__ import annotations

import enum
from decimal import Decimal

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services._common import locked_reservation, money
from sportello_lodging.services.corrections import refund_line, refunded
from sportello_lodging.services.events import FOLIO_PAYMENT_ADDED, FolioPaymentAdded
from sportello_lodging.services.folio import CREDITS, OPEN, folio_totals, load_folio, publish_closed


class DepositHandling(enum.Enum):
    REFUND = "refund"
    KEEP = "keep"
    CARRY = "carry"


async def _refund_all(res: m.Reservation, held: Decimal, reason: str) -> None:
    """Refund ``held`` from the credit lines, the newest first, each by its own method."""
    lines = await m.FolioLine.filter(
        reservation_id=res.id, kind__in=CREDITS, reverses_id=None, amount__gt=0
    ).order_by("-id")
    for line in lines:
        if held <= 0:
            break
        left = money(line.amount) - await refunded(line.reservation_id, line.id)
        if left > 0:
            value = min(left, held)
            await refund_line(res, line, value, reason)
            held -= value


async def _carry(actor: api.Actor, res: m.Reservation, held: Decimal, target_id: int | None) -> int:
    if target_id is None:
        raise api.ServiceError("REQUIRED", "core.required", "carryToId")
    target = await locked_reservation(actor, target_id)
    if (
        target.id == res.id
        or target.site_id != res.site_id
        or target.currency != res.currency
        or target.status not in OPEN
    ):
        raise api.ServiceError("INVALID", "lodging.carry_target", "carryToId")
    last = (
        await m.FolioLine.filter(reservation_id=res.id, kind__in=CREDITS, amount__gt=0)
        .order_by("-id")
        .first()
    )
    method = last.method if last is not None and last.method else "other"
    await m.FolioLine.create(
        reservation_id=res.id,
        kind=m.DEPOSIT,
        method=method,
        description=f"Deposit carried to reservation {target.id}",
        quantity=1,
        unit_amount=-held,
        amount=-held,
        reason=f"carried to reservation {target.id}",
    )
    line = await m.FolioLine.create(
        reservation_id=target.id,
        kind=m.DEPOSIT,
        method=method,
        description=f"Deposit carried from reservation {res.id}",
        quantity=1,
        unit_amount=held,
        amount=held,
        reason=f"carried from reservation {res.id}",
    )
    balance = (await folio_totals([target.id]))[target.id].balance
    await api.publish(
        FOLIO_PAYMENT_ADDED,
        FolioPaymentAdded(
            reservation_id=target.id,
            site_id=target.site_id,
            line_id=line.id,
            kind=m.DEPOSIT,
            method=method,
            amount=str(held),
            balance=str(balance),
            currency=target.currency,
            folio_closed=False,
        ),
        aggregate=f"reservation:{target.id}",
        site_id=target.site_id,
    )
    return target.id


async def settle(
    actor: api.Actor,
    res: m.Reservation,
    handling: DepositHandling | None,
    carry_to_id: int | None = None,
    fee: Decimal | None = None,
) -> dict[str, object]:
    """Inside the transaction of the cancellation or no-show (the reservation locked, its new
    status saved): post ``fee`` (the plan's policy, if any), then settle what the guest paid
    beyond it. Money held without a ``handling`` is DEPOSIT_HELD (nothing is written). A folio
    with lines is then published closed, with the reservation's status. Returns what was done,
    for the audit entry."""
    code = m.NO_SHOW_FEE if res.status == m.NO_SHOW else m.CANCELLATION_FEE
    label = "No-show fee" if res.status == m.NO_SHOW else "Cancellation fee"
    done: dict[str, object] = {}
    if fee is not None and fee > 0:
        await m.FolioLine.create(
            reservation_id=res.id,
            kind=m.FEE,
            charge_code=code,
            description=label,
            quantity=1,
            unit_amount=money(fee),
            amount=money(fee),
        )
        done["fee"] = money(fee)
    totals = (await folio_totals([res.id])).get(res.id)
    if totals is None:
        return done
    held = money(totals.paid - totals.total)
    if held > 0:
        if handling is None:
            raise api.ServiceError(
                "DEPOSIT_HELD",
                "lodging.deposit_held",
                "deposit",
                amount=str(held),
                currency=res.currency,
            )
        done["deposit"] = handling.value
        done["held"] = held
        reason = "no-show" if res.status == m.NO_SHOW else "cancelled"
        if handling is DepositHandling.REFUND:
            await _refund_all(res, held, reason)
        elif handling is DepositHandling.KEEP:
            await m.FolioLine.create(
                reservation_id=res.id,
                kind=m.FEE,
                charge_code=code,
                description=label,
                quantity=1,
                unit_amount=held,
                amount=held,
                reason="deposit kept",
            )
        else:
            done["carried_to"] = await _carry(actor, res, held, carry_to_id)
    await publish_closed(res, await load_folio(res))
    return done
