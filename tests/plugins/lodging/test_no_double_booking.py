from __future__ import annotations

import asyncio
import datetime as dt

from lodging_helpers import CREATE, MODULES, book, day, hotel


async def test_concurrent_bookings_of_one_room_only_one_wins(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await hotel(h, rooms=1)
        room_id = setup["rooms"][0]["id"]
        token = await h.token(roles=["front_desk"])

        async def attempt(i: int) -> dict:
            # Every attempt overlaps every other on at least one night.
            variables = {
                "i": {
                    "roomId": room_id,
                    "guest": {"fullName": f"Ospite Numero{i}"},
                    "arrival": day(1 + i % 3),
                    "departure": day(5 + i % 2),
                }
            }
            result = await h.gql(CREATE, variables, token=token)
            assert not result.get("errors"), result
            return result["data"]["reservationCreate"]

        results = await asyncio.gather(*(attempt(i) for i in range(30)))
        won = [r for r in results if r["reservation"]]
        lost = [r for r in results if not r["reservation"]]
        assert len(won) == 1, results
        assert len(lost) == 29
        assert {e["code"] for r in lost for e in r["errors"]} == {"ROOM_UNAVAILABLE"}
        assert all(r["errors"][0]["field"] == "roomId" for r in lost)

        from sportello.parties.models import Party
        from sportello_lodging.models import Reservation, RoomStay

        assert await Reservation.all().count() == 1
        assert await RoomStay.filter(holding=True).count() == 1
        # The losers' guests were rolled back with their reservation.
        assert await Party.filter(display_name__startswith="Ospite").count() == 1


async def test_adjacent_stays_share_the_changeover_day(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        room_id = (await hotel(h, rooms=1))["rooms"][0]["id"]
        first = await book(h, room_id, 1, 3)
        assert first["reservation"]["status"] == "CONFIRMED"
        second = await book(h, room_id, 3, 5, name="Carmen García")
        assert second["errors"] == []
        clash = await book(h, room_id, 2, 4, name="Nikos Papadopoulos")
        assert clash["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        # A draft holds nothing; cancelled nights are free again.
        draft = await book(h, room_id, 2, 4, name="Nikos Papadopoulos", status="DRAFT")
        assert draft["reservation"]["status"] == "DRAFT"
        cancelled = await h.ok(
            "mutation($i: ReservationCancelInput!) { reservationCancel(input: $i) {"
            " reservation { status } errors { code } } }",
            {"i": {"id": first["reservation"]["id"]}},
            as_="front_desk",
        )
        assert cancelled["reservationCancel"]["reservation"]["status"] == "CANCELLED"
        again = await book(h, room_id, 1, 3, name="Eleni Georgiou")
        assert again["errors"] == []


async def test_exclusion_constraint_backs_the_services(sportello_app) -> None:
    """On PostgreSQL the database itself refuses an overlap written behind the services' back:
    two holding segments in one room on one night, or two overlapping segments of one stay."""
    async with sportello_app(MODULES) as h:
        room_id = (await hotel(h, rooms=2))["rooms"][0]["id"]
        res = (await book(h, room_id, 1, 4))["reservation"]
        from sportello_lodging.models import Reservation, RoomStay

        original = await Reservation.get(id=int(_pk(res["id"])))
        # The booking holds its nights through one segment.
        [segment] = await RoomStay.filter(reservation_id=original.id)
        assert (segment.room_id, segment.start, segment.end, segment.holding) == (
            original.room_id,
            original.arrival,
            original.departure,
            True,
        )
        if h.backend != "postgres":
            return
        import pytest
        from tortoise.exceptions import IntegrityError

        other = await Reservation.create(
            site_id=original.site_id,
            room_id=original.room_id,
            room_type_id=original.room_type_id,
            guest_id=original.guest_id,
            arrival=original.arrival,
            departure=original.departure,
            status="checked_in",
        )
        with pytest.raises(IntegrityError, match="lodging_room_stay_no_overlap"):
            await RoomStay.create(
                reservation_id=other.id,
                room_id=original.room_id,
                start=original.arrival + dt.timedelta(days=2),
                end=original.departure + dt.timedelta(days=2),
            )
        # Released nights (cancelled, no-show, drafts) do not count.
        await RoomStay.create(
            reservation_id=other.id,
            room_id=original.room_id,
            start=original.arrival,
            end=original.departure,
            holding=False,
        )
        with pytest.raises(IntegrityError, match="lodging_room_stay_no_self_overlap"):
            await RoomStay.create(
                reservation_id=original.id,
                room_id=original.room_id + 1,
                start=original.arrival,
                end=original.arrival + dt.timedelta(days=1),
            )
        _ = CREATE


def _pk(global_id: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(global_id).node_id
