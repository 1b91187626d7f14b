"""Reference (b)'s reservationCreate, written by hand: the least a correct booking does.

One transaction: the room read and locked with its type (its site, capacity and base rate),
one statement for held nights and closures in the way, the guest (a new party, linked to the
site), the reservation and its stay segment, an audit entry and an outbox event: what
Sportello's booking writes, as plain SQL. PostgreSQL's exclusion constraint on the stay
segments backs the check, as in Sportello. The outbox row is written already dispatched and
under a name nobody handles, so that Sportello's dispatcher (same database) leaves it alone.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import strawberry
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from bench.reference.common import global_id


@strawberry.input
class GuestInput:
    full_name: str
    email: str | None = None


@strawberry.input
class ReservationCreateInput:
    room_id: strawberry.ID
    arrival: dt.date
    departure: dt.date
    guest: GuestInput
    adults: int = 1
    children: int = 0


@strawberry.type
class CreatedReservation:
    id: strawberry.ID
    status: str


@strawberry.type
class UserError:
    field: str | None
    code: str
    message: str


@strawberry.type
class ReservationPayload:
    reservation: CreatedReservation | None
    errors: list[UserError]


def _pk(gid: str) -> int:
    import base64

    return int(base64.b64decode(gid).decode().split(":", 1)[1])


class _Sql:
    """Placeholders and values in the database's own form."""

    def __init__(self, conn: Any) -> None:
        self.pg = conn.capabilities.dialect == "postgres"
        self.n = 0

    def mark(self, json_value: bool = False) -> str:
        self.n += 1
        mark = f"${self.n}" if self.pg else "?"
        return f"CAST(CAST({mark} AS TEXT) AS JSONB)" if json_value and self.pg else mark

    def marks(self, count: int) -> str:
        return ", ".join(self.mark() for _ in range(count))

    def value(self, v: Any) -> Any:
        if self.pg:
            return v
        if isinstance(v, dt.datetime | dt.date):
            return v.isoformat()
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, bool):
            return int(v)
        return v


def _error(field: str, code: str, message: str) -> ReservationPayload:
    return ReservationPayload(
        reservation=None, errors=[UserError(field=field, code=code, message=message)]
    )


async def create(i: ReservationCreateInput) -> ReservationPayload:
    if i.departure <= i.arrival:
        return _error("departure", "INVALID_DATES", "The departure must be after the arrival.")
    name = i.guest.full_name.strip()
    if not name:
        return _error("guest", "REQUIRED", "This field is required.")
    room_id = _pk(i.room_id)
    now = dt.datetime.now(dt.UTC)
    try:
        async with in_transaction() as conn:
            q = _Sql(conn)
            lock = " FOR UPDATE OF r" if q.pg else ""
            _, rows = await conn.execute_query(
                "SELECT r.site_id, r.room_type_id, t.capacity, t.base_rate FROM lodging_room r "
                f"JOIN lodging_room_type t ON t.id = r.room_type_id WHERE r.id = {q.mark()}{lock}",
                [room_id],
            )
            if not rows:
                return _error("roomId", "NOT_FOUND", "Not found.")
            room = dict(rows[0])
            if i.adults + i.children > room["capacity"]:
                return _error("adults", "OVER_CAPACITY", "Too many guests for the room.")
            q = _Sql(conn)
            _, busy = await conn.execute_query(
                "SELECT EXISTS (SELECT 1 FROM lodging_room_stay WHERE room_id = "
                f'{q.mark()} AND holding AND start < {q.mark()} AND "end" > {q.mark()}) '
                "OR EXISTS (SELECT 1 FROM lodging_room_closure WHERE room_id = "
                f'{q.mark()} AND start < {q.mark()} AND "end" > {q.mark()}) AS busy',
                [q.value(v) for v in (room_id, i.departure, i.arrival) * 2],
            )
            if busy[0]["busy"]:
                return _error("roomId", "ROOM_UNAVAILABLE", "The room is not available.")
            given, _, family = name.partition(" ")
            q = _Sql(conn)
            party = await conn.execute_query_dict(
                "INSERT INTO parties_party (kind, display_name, given_name, family_name, email, "
                "addresses, preferred_language, consents, created_at, updated_at) VALUES "
                f"('person', {q.marks(4)}, '[]', 'en', '{{}}', {q.marks(2)}) RETURNING id",
                [q.value(v) for v in (name, given, family, i.guest.email, now, now)],
            )
            guest_id = party[0]["id"]
            q = _Sql(conn)
            await conn.execute_query(
                f"INSERT INTO parties_party_site (party_id, site_id, created_at) VALUES ({q.marks(3)})",
                [q.value(v) for v in (guest_id, room["site_id"], now)],
            )
            q = _Sql(conn)
            made = await conn.execute_query_dict(
                "INSERT INTO lodging_reservation (site_id, room_id, room_type_id, guest_id, "
                "arrival, departure, adults, children, rate, channel, by_room_type, notes, "
                "status, currency, search_key, created_at, updated_at) VALUES "
                f"({q.marks(9)}, 'direct', {q.mark()}, '', 'confirmed', 'EUR', {q.marks(3)}) "
                "RETURNING id",
                [
                    q.value(v)
                    for v in (
                        room["site_id"], room_id, room["room_type_id"], guest_id, i.arrival,
                        i.departure, i.adults, i.children, Decimal(str(room["base_rate"])), False,
                        name.casefold(), now, now,
                    )
                ],
            )  # fmt: skip
            res_id = made[0]["id"]
            q = _Sql(conn)
            await conn.execute_query(
                'INSERT INTO lodging_room_stay (reservation_id, room_id, start, "end", holding) '
                f"VALUES ({q.marks(5)})",
                [q.value(v) for v in (res_id, room_id, i.arrival, i.departure, True)],
            )
            after = {"room_id": room_id, "arrival": i.arrival.isoformat(), "guest_id": guest_id}
            q = _Sql(conn)
            await conn.execute_query(
                "INSERT INTO identity_audit_entry (at, actor_label, operation, object_type, "
                f"object_id, changes, site_id) VALUES ({q.marks(3)}, 'Reservation', {q.mark()}, "
                f"{q.mark(json_value=True)}, {q.mark()})",
                [
                    q.value(v)
                    for v in (now, "bench", "reservationCreate", str(res_id),
                              json.dumps({"after": after}), room["site_id"])
                ],
            )  # fmt: skip
            q = _Sql(conn)
            await conn.execute_query(
                "INSERT INTO events_outbox (name, version, aggregate, site_id, payload, "
                f"occurred_at, dispatched_at) VALUES ({q.mark()}, 1, {q.marks(2)}, "
                f"{q.mark(json_value=True)}, {q.marks(2)})",
                [
                    q.value(v)
                    for v in ("bench.reference.reservation_created", f"reservation:{res_id}",
                              room["site_id"], json.dumps({"reservation_id": res_id, **after}),
                              now, now)
                ],
            )  # fmt: skip
    except IntegrityError:
        return _error("roomId", "ROOM_UNAVAILABLE", "The room is not available.")
    created = CreatedReservation(
        id=strawberry.ID(global_id("Reservation", res_id)), status="CONFIRMED"
    )
    return ReservationPayload(reservation=created, errors=[])


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def reservation_create(self, input: ReservationCreateInput) -> ReservationPayload:
        return await create(input)
