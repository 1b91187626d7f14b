"""Room types, rooms, closures and housekeeping state: the hotel's inventory, which the desk
and moves change only through ``set_room_state``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import clock, limits
from sportello_lodging.services._common import money, visible_room
from sportello_lodging.services.events import ROOM_STATUS_CHANGED, RoomStatusChanged
from sportello_lodging.services.stays import lock_room, room_is_free, unavailable

CLEANLINESS = (m.DIRTY, m.CLEAN, m.INSPECTED)


async def _room_changed(room: m.Room) -> None:
    await api.publish(
        ROOM_STATUS_CHANGED,
        RoomStatusChanged(
            room_id=room.id,
            number=room.number,
            occupancy=room.occupancy,
            cleanliness=room.cleanliness,
        ),
        aggregate=f"room:{room.id}",
        site_id=room.site_id,
    )


async def set_room_state(
    actor: api.Actor,
    room: m.Room,
    occupancy: str | None = None,
    cleanliness: str | None = None,
    operation: str = "roomStatusChange",
) -> None:
    before = {"occupancy": room.occupancy, "cleanliness": room.cleanliness}
    if occupancy is not None:
        room.occupancy = occupancy
    if cleanliness is not None:
        room.cleanliness = cleanliness
    after = {"occupancy": room.occupancy, "cleanliness": room.cleanliness}
    if after == before:
        return
    await room.save(update_fields=["occupancy", "cleanliness", "updated_at"])
    await api.record(actor, operation, room, before=before, after=after)
    await _room_changed(room)


async def create_room_type(
    actor: api.Actor,
    site_id: int,
    code: str,
    name: str,
    capacity: int = 2,
    base_rate: Decimal = Decimal("0"),
    amenities: Sequence[str] = (),
) -> m.RoomType:
    code = code.strip().upper()
    problems = []
    if not code:
        problems.append(api.Problem("REQUIRED", "core.required", "code"))
    if not name.strip():
        problems.append(api.Problem("REQUIRED", "core.required", "name"))
    if capacity < 1:
        problems.append(api.Problem("INVALID", "lodging.invalid_capacity", "capacity"))
    elif capacity > limits.MAX_CAPACITY:
        problems.append(
            api.Problem(
                "OUT_OF_RANGE",
                "lodging.capacity_too_large",
                "capacity",
                {"max": limits.MAX_CAPACITY},
            )
        )
    if base_rate < 0:
        problems.append(api.Problem("INVALID", "lodging.invalid_amount", "baseRate"))
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    listed = limits.amenities(amenities)
    if not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    async with api.atomic():
        if not await api.SiteModel.filter(id=site_id).exists():
            raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
        if await m.RoomType.filter(site_id=site_id, code=code).exists():
            raise api.ServiceError("CONFLICT", "lodging.code_taken", "code")
        rt = await m.RoomType.create(
            site_id=site_id,
            code=code,
            name=name.strip(),
            capacity=capacity,
            base_rate=money(base_rate),
            amenities=listed,
        )
        await api.record(actor, "roomTypeCreate", rt, after={"code": code, "name": name})
    return rt


async def create_room(actor: api.Actor, room_type_id: int, number: str, floor: int = 0) -> m.Room:
    number = number.strip().upper()
    if not number:
        raise api.ServiceError("REQUIRED", "core.required", "number")
    rt = await m.RoomType.get_or_none(id=room_type_id)
    if rt is None or not actor.may_see_site(rt.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "roomTypeId")
    async with api.atomic():
        if await m.Room.filter(site_id=rt.site_id, number=number).exists():
            raise api.ServiceError("CONFLICT", "lodging.room_number_taken", "number")
        room = await m.Room.create(
            site_id=rt.site_id,
            room_type=rt,
            number=number,
            floor=floor,
        )
        await api.record(actor, "roomCreate", room, after={"number": number, "floor": floor})
    return room


async def create_closure(
    actor: api.Actor, room_id: int, start: dt.date, end: dt.date, reason: str
) -> m.RoomClosure:
    if end <= start:
        raise api.ServiceError("INVALID_DATES", "lodging.departure_before_arrival", "end")
    if not reason.strip():
        raise api.ServiceError("REQUIRED", "core.required", "reason")
    await visible_room(actor, room_id)
    async with api.atomic():
        room = await lock_room(room_id)
        if not await room_is_free(room_id, start, end):
            raise unavailable()
        closure = await m.RoomClosure.create(
            room_id=room_id, start=start, end=end, reason=reason.strip()
        )
        await api.record(
            actor,
            "roomClosureCreate",
            closure,
            after={"room_id": room_id, "start": start, "end": end, "reason": reason},
            site_id=room.site_id,
        )
        if start <= await clock.site_today(room.site_id) < end:
            await _room_changed(room)
    return closure


async def delete_closure(actor: api.Actor, closure_id: int) -> m.Room:
    """Take a closure off (entered by mistake, or the room is back early): the room is bookable
    again for its days. Returns the room."""
    found = await m.RoomClosure.get_or_none(id=closure_id).only("id", "room_id")
    if found is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    try:
        await visible_room(actor, found.room_id)
    except api.ServiceError:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id") from None
    async with api.atomic():
        room = await lock_room(found.room_id)
        closure = await m.RoomClosure.get_or_none(id=closure_id)
        if closure is None:  # deleted meanwhile
            raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
        await api.record(
            actor,
            "roomClosureDelete",
            closure,
            before={
                "room_id": closure.room_id,
                "start": closure.start,
                "end": closure.end,
                "reason": closure.reason,
            },
            site_id=room.site_id,
        )
        await closure.delete()
        if closure.start <= await clock.site_today(room.site_id) < closure.end:
            await _room_changed(room)
    return room


async def set_cleanliness(actor: api.Actor, room_id: int, cleanliness: str) -> m.Room:
    if cleanliness not in CLEANLINESS:
        raise api.ServiceError("INVALID", "lodging.invalid_cleanliness", "cleanliness")
    await visible_room(actor, room_id, "id")
    async with api.atomic():
        room = await lock_room(room_id)
        await set_room_state(actor, room, cleanliness=cleanliness, operation="roomCleanlinessSet")
    return room
