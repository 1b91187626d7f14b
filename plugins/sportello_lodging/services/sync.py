"""What a channel manager needs to keep a reservation in step, published through the outbox in
the transaction of the change: created, changed (dates, room, guest, status) and cancelled."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services._common import money
from sportello_lodging.services.confirmations import reference
from sportello_lodging.services.events import (
    RESERVATION_CANCELLED,
    RESERVATION_CHANGED,
    RESERVATION_CREATED,
    ReservationChanged,
    ReservationState,
)

#: What changed, as named in ``ReservationChanged.changes``
DATES, ROOM, GUEST, STATUS = "dates", "room", "guest", "status"


async def _codes(
    res: m.Reservation, room_type_code: str | None, rate_plan_code: str | None
) -> tuple[str, str | None]:
    """The room type's and rate plan's codes: one query when the caller has not got them."""
    need_plan = res.rate_plan_id is not None and rate_plan_code is None
    if room_type_code is not None and not need_plan:
        return room_type_code, rate_plan_code
    rows = await m.RoomType.filter(id=res.room_type_id).values("code")
    code = room_type_code if room_type_code is not None else rows[0]["code"]
    if need_plan:
        plans = await m.RatePlan.filter(id=res.rate_plan_id).values("code")
        rate_plan_code = plans[0]["code"] if plans else None
    return code, rate_plan_code


def _state(res: m.Reservation, room_type_code: str, rate_plan_code: str | None) -> dict[str, Any]:
    return {
        "reservation_id": res.id,
        "reference": reference(res),
        "site_id": res.site_id,
        "status": res.status,
        "guest_party_id": res.guest_id,
        "channel": res.channel,
        "channel_booking_id": res.channel_booking_id,
        "room_type_id": res.room_type_id,
        "room_type_code": room_type_code,
        "room_id": res.room_id,
        "by_room_type": bool(res.by_room_type),
        "arrival": res.arrival,
        "departure": res.departure,
        "adults": res.adults,
        "children": res.children,
        "rate_plan_id": res.rate_plan_id,
        "rate_plan_code": rate_plan_code,
        "rate": str(money(res.rate)),
        "currency": res.currency,
    }


async def created(
    res: m.Reservation, room_type_code: str | None = None, rate_plan_code: str | None = None
) -> None:
    codes = await _codes(res, room_type_code, rate_plan_code)
    await api.publish(
        RESERVATION_CREATED,
        ReservationState(**_state(res, *codes)),
        aggregate=f"reservation:{res.id}",
        site_id=res.site_id,
    )


async def cancelled(res: m.Reservation) -> None:
    codes = await _codes(res, None, None)
    await api.publish(
        RESERVATION_CANCELLED,
        ReservationState(**_state(res, *codes)),
        aggregate=f"reservation:{res.id}",
        site_id=res.site_id,
    )


async def changed(res: m.Reservation, before: dict[str, Any]) -> None:
    """``before``: the reservation's status, room_id, room_type_id, guest_id, arrival and
    departure before the change (those it holds); nothing is published if none changed."""
    previous: dict[str, Any] = {}
    changes: list[str] = []
    if (before.get("arrival"), before.get("departure")) != (res.arrival, res.departure):
        changes.append(DATES)
        previous["previous_arrival"] = before.get("arrival")
        previous["previous_departure"] = before.get("departure")
    if before.get("room_id") != res.room_id:
        changes.append(ROOM)
        previous["previous_room_id"] = before.get("room_id")
        previous["previous_room_type_id"] = before.get("room_type_id", res.room_type_id)
    if "guest_id" in before and before["guest_id"] != res.guest_id:
        changes.append(GUEST)
        previous["previous_guest_party_id"] = before["guest_id"]
    if before.get("status") != res.status:
        changes.append(STATUS)
        previous["previous_status"] = before.get("status")
    if not changes:
        return
    codes = await _codes(res, None, None)
    await api.publish(
        RESERVATION_CHANGED,
        ReservationChanged(**_state(res, *codes), changes=changes, **previous),
        aggregate=f"reservation:{res.id}",
        site_id=res.site_id,
    )
