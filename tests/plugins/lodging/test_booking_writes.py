"""reservationCreate in few statements, still one transaction with its audit entry and outbox
event, still never double-booking (a closure racing bookings of its room included)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any

from lodging_helpers import CREATE, MODULES, day, hotel

#: The statements a booking sends (a new guest without email, by room / by room type), on both
#: databases: the room read and locked with its type and site, one check of held nights and
#: closures, the guest with its site link (the site checked by the link's foreign key), the
#: reservation, its stay, then the audit entries (the guest's and the reservation's) and the
#: outbox event (with its NOTIFY) in one statement just before commit. PostgreSQL does the
#: multi-table statements with data-modifying WITH; SQLite through views whose INSTEAD OF
#: INSERT triggers put each row into its table. By room type: the type read, then the first
#: free room picked (on PostgreSQL locked in the same statement, skipping rooms others lock,
#: and checked again by its stay's insert; on SQLite, whose transactions run one after
#: another, the pick is the answer).
MOST = {"postgres": (6, 6), "sqlite": (6, 6)}

CLOSE = """
mutation($i: RoomClosureCreateInput!) {
  roomClosureCreate(input: $i) { roomClosure { id } errors { field code } }
}
"""


def _local(global_id: str) -> int:
    from strawberry.relay import from_base64

    return int(from_base64(global_id)[1])


@contextlib.contextmanager
def statements() -> Iterator[list[str]]:
    """The statements this task sends (the request runs in it; background workers do not),
    counted where the benchmark counts them: each call of the database client."""
    from tortoise.backends.asyncpg import client as pg
    from tortoise.backends.sqlite import client as lite

    task = asyncio.current_task()
    sent: list[str] = []
    saved: list[tuple[Any, str, Any]] = []
    names = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")
    for cls in (
        lite.SqliteClient,
        lite.SqliteTransactionWrapper,
        pg.AsyncpgDBClient,
        pg.TransactionWrapper,
    ):
        for name in names:
            if name in cls.__dict__:
                fn = cls.__dict__[name]
                saved.append((cls, name, fn))

                async def counted(self: Any, *args: Any, _fn: Any = fn, **kw: Any) -> Any:
                    if asyncio.current_task() is task:
                        sent.append(str(args[0]))
                    return await _fn(self, *args, **kw)

                setattr(cls, name, counted)
    try:
        yield sent
    finally:
        for cls, name, fn in saved:
            setattr(cls, name, fn)


async def test_a_booking_sends_few_statements_with_its_audit_entry_and_event(
    sportello_app,
) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=3)
        token = await h.token(roles=["front_desk"])
        by_room, by_type = MOST[h.backend]
        cases = [
            (by_room, {"roomId": setup["rooms"][0]["id"]}),
            (by_type, {"roomTypeId": setup["room_type"]["id"]}),
        ]
        for n, (most, target) in enumerate(cases):
            i = {**target, "arrival": day(3), "departure": day(5)}
            i["guest"] = {"fullName": f"Guest Number{n}"}
            # The first request of a kind warms caches (auth, parser): measure the next one.
            await h.ok(CREATE, {"i": {**i, "arrival": day(20), "departure": day(21)}}, token=token)
            with statements() as sent:
                data = await h.ok(CREATE, {"i": i}, token=token, check_audit=False)
            assert data["reservationCreate"]["errors"] == []
            # Not the bearer token's lookup: cached for a few seconds, it is sent again when
            # a loaded machine takes longer than that between the warm-up and this request.
            own = [s for s in sent if "identity_token" not in s]
            assert len(own) <= most, "\n".join(own)
            # Still in the same transaction: the audit entries (guest, reservation) and the
            # event are among them, the entries in one multi-row INSERT.
            if h.backend == "postgres":
                [audit] = [s for s in own if 'INSERT INTO "identity_audit_entry"' in s]
                assert audit.count("),(") == 1, audit
                [event] = [s for s in own if 'INSERT INTO "events_outbox"' in s]
                assert any("FOR UPDATE" in s and "lodging_room" in s for s in own)
                # One statement: the entries, the event and the dispatcher's wake-up.
                assert audit == event and "pg_notify(" in event
                assert any("parties_party_site" in s and "parties_party" in s for s in own)
            else:
                # One statement through the view whose trigger puts each row in its table:
                # the two entries and the event; the guest with its link through another.
                [end] = [s for s in own if 'INSERT INTO "core_end_rows"' in s]
                assert end.count("),(") == 2, end
                assert "'identity_audit_entry'" in end and "'events_outbox'" in end
                assert any('INSERT INTO "parties_party_linked"' in s for s in own)


async def test_a_closure_racing_bookings_of_its_room_leaves_one_of_them(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        desk = await h.token(roles=["front_desk"])
        manager = await h.token(roles=["manager"])

        async def book(i: int) -> bool:
            variables = {
                "i": {
                    "roomId": room,
                    "guest": {"fullName": f"Racer Number{i}"},
                    "arrival": day(2 + i % 2),
                    "departure": day(5),
                }
            }
            result = await h.gql(CREATE, variables, token=desk)
            assert not result.get("errors"), result
            out = result["data"]["reservationCreate"]
            assert out["reservation"] or out["errors"][0]["code"] == "ROOM_UNAVAILABLE", out
            return out["reservation"] is not None

        async def close() -> bool:
            variables = {
                "i": {"roomId": room, "start": day(1), "end": day(6), "reason": "Water leak"}
            }
            result = await h.gql(CLOSE, variables, token=manager)
            assert not result.get("errors"), result
            return result["data"]["roomClosureCreate"]["errors"] == []

        tasks = [book(i) for i in range(6)] + [close()] + [book(i) for i in range(6, 12)]
        outcomes = await asyncio.gather(*tasks)
        assert sum(outcomes) == 1, outcomes

        from sportello_lodging.models import Reservation, RoomClosure

        booked = await Reservation.all().count()
        closed = await RoomClosure.all().count()
        assert booked + closed == 1


async def test_a_room_picked_then_taken_meanwhile_is_not_double_booked(
    sportello_app, monkeypatch
) -> None:
    """PostgreSQL: the room picked by type is checked again only by its stay's insert; a room
    taken between the pick's snapshot and its lock (here: a pick made stale on purpose, a room
    already booked, another closed) makes the booking run again, checking each room."""
    from sportello_lodging.models import RoomStay
    from sportello_lodging.services import allocation

    async with sportello_app(MODULES) as h:
        if h.backend != "postgres":
            return  # one connection: the pick is the answer, nothing can go stale
        setup = await hotel(h, rooms=4)
        desk = await h.token(roles=["front_desk"])
        manager = await h.token(roles=["manager"])
        booked, closed, free, other = (r["id"] for r in setup["rooms"])
        stay = {"arrival": day(3), "departure": day(5)}
        first = {**stay, "roomId": booked, "guest": {"fullName": "Early Bird"}}
        await h.ok(CREATE, {"i": first}, token=desk)
        closure = {"roomId": closed, "start": day(1), "end": day(9), "reason": "Water leak"}
        out = await h.ok(CLOSE, {"i": closure}, token=manager)
        assert out["roomClosureCreate"]["errors"] == []
        real = allocation.free_rooms
        # Each booking's pick stale (the closed room, then the booked one); its second run
        # picks for real.
        picks: list[int | None] = [_local(closed), None, _local(booked), None]

        async def stale_pick(*args: Any, **kw: Any) -> list[int]:
            if kw.get("first") and picks:
                room = picks.pop(0)
                if room is not None:
                    return [room]
            return await real(*args, **kw)

        monkeypatch.setattr(allocation, "free_rooms", stale_pick)
        for n in range(3):
            i = {**stay, "roomTypeId": setup["room_type"]["id"]}
            i["guest"] = {"fullName": f"Late Guest{n}"}
            data = await h.ok(CREATE, {"i": i}, token=desk)
            errors = data["reservationCreate"]["errors"]
            if n < 2:
                assert errors == []
            else:  # the type is full now
                assert [e["code"] for e in errors] == ["ROOM_UNAVAILABLE"]
        assert picks == []
        rooms = [s.room_id for s in await RoomStay.all().order_by("id")]
        assert rooms == [_local(booked), _local(free), _local(other)]
