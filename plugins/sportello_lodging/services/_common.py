"""Lookups every aggregate's writes start from (visible to the actor, locked) and the audit's
view of a reservation: shared by rooms, reservations, desk, moves, registry and folio."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tortoise.models import Model
from tortoise.queryset import QuerySet

from sportello import api
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


async def column(qs: QuerySet[Any], name: str) -> list[Any]:
    """One column of the rows (what ``values_list(name, flat=True)`` gives, typed as such)."""
    return [row[name] for row in await qs.values(name)]


async def visible_room(actor: api.Actor, room_id: int, field_name: str = "roomId") -> m.Room:
    room = await m.Room.get_or_none(id=room_id).prefetch_related("room_type")
    if room is None or not actor.may_see_site(room.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", field_name)
    return room


async def visible_reservation(actor: api.Actor, reservation_id: int) -> m.Reservation:
    res = await m.Reservation.get_or_none(id=reservation_id)
    if res is None or not actor.may_see_site(res.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    return res


async def locked_reservation(actor: api.Actor, reservation_id: int) -> m.Reservation:
    """Inside a transaction: the reservation, locked on PostgreSQL until commit."""
    res = await m.Reservation.filter(id=reservation_id).select_for_update().first()
    if res is None or not actor.may_see_site(res.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    return res


def snapshot(res: m.Reservation) -> dict[str, Any]:
    return {
        "status": res.status,
        "room_id": res.room_id,
        "arrival": res.arrival,
        "departure": res.departure,
    }
