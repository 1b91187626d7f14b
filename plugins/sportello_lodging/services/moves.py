"""A stay changing rooms: two rooms locked in id order, and in house the nights slept stay in
the old room, which goes to housekeeping."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.labels import StatusWord
from sportello_lodging.services import clock, sync
from sportello_lodging.services._common import (
    locked_reservation,
    snapshot,
    visible_reservation,
    visible_room,
)
from sportello_lodging.services.lifecycle import CHANGEABLE, HOLDING
from sportello_lodging.services.rooms import set_room_state
from sportello_lodging.services.stays import is_overlap, lock_room, place, room_is_free, unavailable


async def move(actor: api.Actor, reservation_id: int, room_id: int) -> m.Reservation:
    """Move the stay to another room.

    Before check-in the whole stay moves. A guest in house moves from today: the nights
    already slept stay in the old room (which goes to housekeeping, vacant and dirty) and the
    new room holds the nights from today to the departure.
    """
    await visible_reservation(actor, reservation_id)
    target = await visible_room(actor, room_id)
    try:
        async with api.atomic():
            res = await locked_reservation(actor, reservation_id)
            if res.status not in CHANGEABLE:
                raise api.ServiceError(
                    "INVALID_TRANSITION",
                    "lodging.invalid_transition",
                    "id",
                    current=StatusWord(res.status),
                    target=StatusWord(res.status),
                )
            old_room_id = res.room_id
            if old_room_id == room_id:
                return res
            if target.site_id != res.site_id:
                raise api.ServiceError("NOT_FOUND", "core.not_found", "roomId")
            if res.adults + res.children > target.room_type.capacity:
                raise api.ServiceError(
                    "OVER_CAPACITY",
                    "lodging.over_capacity",
                    "roomId",
                    capacity=target.room_type.capacity,
                )
            in_house = res.status == m.CHECKED_IN
            since = res.arrival
            if in_house:
                since = max(await clock.site_today(res.site_id), res.arrival)
            if since >= res.departure:
                raise api.ServiceError("INVALID_TRANSITION", "lodging.stay_over", "id")
            # Lock both rooms in id order so that two crossing moves cannot deadlock.
            locked = {rid: await lock_room(rid) for rid in sorted((old_room_id, room_id))}
            if res.status in HOLDING and not await room_is_free(
                room_id, since, res.departure, res.id
            ):
                raise unavailable()
            before = {**snapshot(res), "since": since}
            old_room_type_id = res.room_type_id
            res.room_id = room_id
            res.room_type_id = target.room_type_id
            await res.save(update_fields=["room_id", "room_type_id", "updated_at"])
            await place(res, room_id, since)
            await api.record(
                actor,
                "reservationMove",
                res,
                before=before,
                after={**snapshot(res), "since": since},
            )
            await sync.changed(res, {**before, "room_type_id": old_room_type_id})
            if in_house:
                await set_room_state(actor, locked[old_room_id], m.VACANT, m.DIRTY)
                await set_room_state(actor, locked[room_id], occupancy=m.OCCUPIED)
    except IntegrityError as exc:
        if is_overlap(exc):
            raise unavailable() from None
        raise
    return res
