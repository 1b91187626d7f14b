"""Whether a room is free for a stay, and which room a booking by room type gets: each one
statement. Only a room about to be taken is locked; rooms are locked in id order, so that
allocations and moves never deadlock.
"""

from __future__ import annotations

import datetime as dt

from sportello_lodging import models as m
from sportello_lodging.services.stays import unavailable


class PickTaken(Exception):
    """The room picked for a booking by room type was taken between the pick and its lock
    (PostgreSQL): the booking runs again, checking each room under its lock."""


def _marks(n: int) -> list[str]:
    postgres = m.Room._meta.db.capabilities.dialect == "postgres"
    return [f"${i}" if postgres else "?" for i in range(1, n + 1)]


async def in_the_way(
    room_id: int, arrival: dt.date, departure: dt.date, exclude_id: int | None = None
) -> bool:
    """One statement: whether a held night of another stay or a closure of the room falls
    between arrival and departure. Call it after locking the room."""
    a, b, c, d, e, f, g = _marks(7)
    sql = (
        f"SELECT EXISTS (SELECT 1 FROM lodging_room_stay WHERE room_id = {a} AND holding "
        f'AND start < {b} AND "end" > {c} AND reservation_id <> {d}) OR EXISTS (SELECT 1 '
        f'FROM lodging_room_closure WHERE room_id = {e} AND start < {f} AND "end" > {g}) AS busy'
    )
    db = m.Room._meta.db
    params = [room_id, departure, arrival, exclude_id or 0, room_id, departure, arrival]
    _, rows = await db.execute_query(sql, params)
    return bool(rows[0]["busy"])


async def free_rooms(
    room_type_id: int,
    arrival: dt.date,
    departure: dt.date,
    exclude_id: int | None = None,
    first: bool = False,
) -> list[int]:
    """One statement: the rooms of the type with no held night and no closure in the stay, in
    id order (the order moves lock rooms in, so allocations and moves never deadlock).

    ``first``: only the first one; on PostgreSQL locked, skipping rooms locked by others."""
    a, b, c, d, e, f = _marks(6)
    sql = (
        f"SELECT r.id FROM lodging_room r WHERE r.room_type_id = {a} AND NOT EXISTS (SELECT 1 "
        f"FROM lodging_room_stay s WHERE s.room_id = r.id AND s.holding AND s.start < {b} "
        f'AND s."end" > {c} AND s.reservation_id <> {d}) AND NOT EXISTS (SELECT 1 FROM '
        f'lodging_room_closure k WHERE k.room_id = r.id AND k.start < {e} AND k."end" > {f}) '
        "ORDER BY r.id"
    )
    if first:
        sql += " LIMIT 1"
        if m.Room._meta.db.capabilities.dialect == "postgres":
            sql += " FOR UPDATE OF r SKIP LOCKED"
    params = [room_type_id, departure, arrival, exclude_id or 0, departure, arrival]
    _, rows = await m.Room._meta.db.execute_query(sql, params)
    return [int(row["id"]) for row in rows]


async def allocate(
    room_type: m.RoomType, arrival: dt.date, departure: dt.date, exclude_id: int | None = None
) -> int:
    """Inside the transaction: the first room of the type free for the stay, locked.

    Only a room about to be taken is locked, then checked again in case a concurrent booking
    took it meanwhile. A draft holds nothing but still gets a room no one holds, so that it can
    be confirmed; ``exclude_id``: the reservation being re-allocated.
    """
    db = m.Room._meta.db
    if db.capabilities.dialect != "postgres":
        # SQLite: one connection, its transactions one after another; nothing can take the
        # room between this read and the booking, so the first free room is the answer.
        rooms = await free_rooms(room_type.id, arrival, departure, exclude_id, first=True)
        if rooms:
            return rooms[0]
        raise unavailable(by_type=True)
    # PostgreSQL: pick and lock the first free room no one else is locking in one statement,
    # then check it again under the lock (a booking committed since the pick holds it now).
    picked = await free_rooms(room_type.id, arrival, departure, exclude_id, first=True)
    if picked and not await in_the_way(picked[0], arrival, departure, exclude_id):
        return picked[0]
    # Every free room locked by someone else, or the pick taken meanwhile: wait for each.
    for room_id in await free_rooms(room_type.id, arrival, departure, exclude_id):
        await m.Room.filter(id=room_id).select_for_update().first()
        if not await in_the_way(room_id, arrival, departure, exclude_id):
            return room_id
    raise unavailable(by_type=True)


async def pick(room_type: m.RoomType, arrival: dt.date, departure: dt.date) -> tuple[int, bool]:
    """A new booking's room: the first room of the type free for the stay, locked, and whether
    it is still to be checked when its stay is inserted (``insert_stay``).

    On PostgreSQL the room picked and locked by one statement (skipping rooms others lock) is
    not checked again here: its stay's insert checks it under the lock, in the same statement
    (``PickTaken`` if it was taken meanwhile). Elsewhere, and when every free room is locked by
    others, ``allocate``'s answer (checked already)."""
    if m.Room._meta.db.capabilities.dialect == "postgres":
        picked = await free_rooms(room_type.id, arrival, departure, first=True)
        if picked:
            return picked[0], True
    return await allocate(room_type, arrival, departure), False


async def insert_stay(
    reservation_id: int,
    room_id: int,
    arrival: dt.date,
    departure: dt.date,
    holding: bool,
    check: bool,
) -> None:
    """A new reservation's stay: one segment over the whole stay (services/stays.py). With
    ``check`` (the room locked but not checked since), inserted only if no held night or
    closure of the room is in the way, in one statement; ``PickTaken`` if one is."""
    if not check:
        await m.RoomStay.create(
            reservation_id=reservation_id,
            room_id=room_id,
            start=arrival,
            end=departure,
            holding=holding,
        )
        return
    # PostgreSQL only (``pick`` asks for the check there): a statement of its own sees every
    # booking and closure committed before the room's lock was taken.
    # (A WITH, so that the client hands back the rows: it counts an INSERT's rows wrongly.)
    sql = (
        'WITH s AS (INSERT INTO lodging_room_stay (reservation_id, room_id, start, "end", '
        "holding) SELECT $1::int, $2::int, $3::date, $4::date, $5::boolean WHERE NOT EXISTS "
        "(SELECT 1 FROM lodging_room_stay WHERE room_id = $2 AND holding AND start < $4 AND "
        '"end" > $3) AND NOT EXISTS (SELECT 1 FROM lodging_room_closure WHERE room_id = $2 AND '
        'start < $4 AND "end" > $3) RETURNING id) SELECT id FROM s'
    )
    params = [reservation_id, room_id, arrival, departure, holding]
    _, rows = await m.RoomStay._meta.db.execute_query(sql, params)
    if not rows:
        raise PickTaken()
