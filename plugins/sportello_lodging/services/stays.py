"""A stay's nights in rooms (segments) and the no-double-booking rule: every booking, move and
date change goes through these locks and checks, so they live once."""

from __future__ import annotations

import datetime as dt

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services.lifecycle import HOLDING

#: PostgreSQL exclusion constraints of lodging_room_stay (migration 0003).
NO_OVERLAP = "lodging_room_stay_no_overlap"
NO_SELF_OVERLAP = "lodging_room_stay_no_self_overlap"


async def lock_room(room_id: int) -> m.Room:
    """Serialise every booking of one room (PostgreSQL row lock, SQLite connection lock)."""
    room = await m.Room.filter(id=room_id).select_for_update().first()
    if room is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "roomId")
    return room


async def room_is_free(
    room_id: int, arrival: dt.date, departure: dt.date, exclude_id: int | None = None
) -> bool:
    """No holding stay segment and no closure on any night from arrival to departure.

    ``exclude_id``: a reservation whose own segments do not count (it is being changed).
    """
    qs = m.RoomStay.filter(room_id=room_id, holding=True, start__lt=departure, end__gt=arrival)
    if exclude_id is not None:
        qs = qs.exclude(reservation_id=exclude_id)
    if await qs.exists():
        return False
    return not await m.RoomClosure.filter(
        room_id=room_id, start__lt=departure, end__gt=arrival
    ).exists()


def check_dates(arrival: dt.date, departure: dt.date) -> None:
    if departure <= arrival:
        raise api.ServiceError("INVALID_DATES", "lodging.departure_before_arrival", "departure")


def unavailable(by_type: bool = False) -> api.ServiceError:
    if by_type:
        return api.ServiceError("ROOM_UNAVAILABLE", "lodging.room_type_unavailable", "roomTypeId")
    return api.ServiceError("ROOM_UNAVAILABLE", "lodging.room_unavailable", "roomId")


def is_overlap(exc: IntegrityError) -> bool:
    text = f"{exc} {getattr(exc, '__cause__', '') or ''}"
    return NO_OVERLAP in text or ("23P01" in text and NO_SELF_OVERLAP not in text)


async def _segments(res: m.Reservation) -> list[m.RoomStay]:
    return list(await m.RoomStay.filter(reservation_id=res.id).order_by("start", "id"))


async def place(res: m.Reservation, room_id: int, since: dt.date | None = None) -> None:
    """Make the stay's segments cover exactly arrival to departure.

    Nights before ``since`` keep the rooms they were in (trimmed to the stay), nights from
    ``since`` (default: the arrival) are in ``room_id``. The caller holds the room locks and
    has checked that ``room_id`` is free from ``since``. Every segment gets the reservation's
    holding state. Deletes and shrinks come before growth, so the exclusion constraints on
    PostgreSQL never see a transient overlap.
    """
    arrival, departure = res.arrival, res.departure
    since = max(arrival, min(since or arrival, departure))
    holding = res.status in HOLDING
    kept: list[m.RoomStay] = []
    for seg in await _segments(res):
        start, end = max(seg.start, arrival), min(seg.end, since)
        if start >= end:
            await seg.delete()
            continue
        if (start, end, seg.holding) != (seg.start, seg.end, holding):
            seg.start, seg.end, seg.holding = start, end, holding
            await seg.save(update_fields=["start", "end", "holding"])
        kept.append(seg)
    if since >= departure:
        return
    last = kept[-1] if kept else None
    if last is not None and last.end == since and last.room_id == room_id:
        last.end = departure
        await last.save(update_fields=["end"])
    else:
        await m.RoomStay.create(
            reservation_id=res.id, room_id=room_id, start=since, end=departure, holding=holding
        )


async def hold(res: m.Reservation) -> None:
    """The segments follow the reservation's status (held or released), rooms unchanged."""
    await m.RoomStay.filter(reservation_id=res.id).update(holding=res.status in HOLDING)


async def current_segment_start(res: m.Reservation) -> dt.date:
    """Where the current room's stretch of the stay starts (the arrival unless moved in house)."""
    segments = await _segments(res)
    return segments[-1].start if segments else res.arrival
