"""Lookups every aggregate's writes start from (visible to the actor, locked) and the audit's
view of a reservation: shared by rooms, reservations, desk, moves, registry and folio."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tortoise.models import Model

from sportello.services import Actor, ServiceError
from sportello_lodging import models as m

CENT = Decimal("0.01")


async def related(obj: Model, name: str) -> Any:
    """A foreign-key object, prefetched or not."""
    value = getattr(obj, name)
    if value is None or isinstance(value, Model):
        return value
    return await value


def money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


async def visible_room(actor: Actor, room_id: int, field_name: str = "roomId") -> m.Room:
    room = await m.Room.get_or_none(id=room_id).prefetch_related("room_type")
    if room is None or not actor.may_see_site(room.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)
    return room


async def visible_reservation(actor: Actor, reservation_id: int) -> m.Reservation:
    res = await m.Reservation.get_or_none(id=reservation_id)
    if res is None or not actor.may_see_site(res.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "id")
    return res


async def locked_reservation(actor: Actor, reservation_id: int) -> m.Reservation:
    """Inside a transaction: the reservation, locked on PostgreSQL until commit."""
    res = await m.Reservation.filter(id=reservation_id).select_for_update().first()
    if res is None or not actor.may_see_site(res.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "id")
    return res


def snapshot(res: m.Reservation) -> dict[str, Any]:
    return {
        "status": res.status,
        "room_id": res.room_id,  # type: ignore[attr-defined]
        "arrival": res.arrival,
        "departure": res.departure,
    }
