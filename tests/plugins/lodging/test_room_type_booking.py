"""Booking a room type: the first room of the type free for the whole stay is assigned."""

from __future__ import annotations

import asyncio

from lodging_helpers import CREATE, MODULES, ROOM, book, day, hotel

CREATE_FULL = """
mutation($i: ReservationCreateInput!) {
  reservationCreate(input: $i) {
    reservation { id status room { number } roomType { name } }
    errors { field code message }
  }
}
"""


def by_type(room_type_id: str, arrival: int, departure: int, name: str, **kw: object) -> dict:
    return {
        "i": {
            "roomTypeId": room_type_id,
            "guest": {"fullName": name},
            "arrival": day(arrival),
            "departure": day(departure),
            **kw,
        }
    }


async def test_a_room_type_booking_gets_a_free_room_of_the_type(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=3)
        rt = setup["room_type"]["id"]
        rooms = [r["id"] for r in setup["rooms"]]
        # Room 100 is taken on nights 2-3; room 101 on nights 1-4.
        await book(h, rooms[0], 2, 4, name="Anna Bianchi")
        await book(h, rooms[1], 1, 5, name="Bruno Verdi")

        first = await h.ok(CREATE_FULL, by_type(rt, 1, 3, "Carla Neri"), as_="front_desk")
        payload = first["reservationCreate"]
        assert payload["errors"] == []
        assert payload["reservation"]["room"]["number"] == "102"
        assert payload["reservation"]["roomType"]["name"] == "Double"
        # Nights 4-5: room 100 is free again and comes first.
        later = await h.ok(CREATE_FULL, by_type(rt, 4, 6, "Dario Gialli"), as_="front_desk")
        assert later["reservationCreate"]["reservation"]["room"]["number"] == "100"

        # Nights 2-3 are now full in every room of the type.
        full = await h.ok(CREATE_FULL, by_type(rt, 2, 3, "Elena Blu"), as_="front_desk")
        assert full["reservationCreate"]["reservation"] is None
        [error] = full["reservationCreate"]["errors"]
        assert (error["field"], error["code"]) == ("roomTypeId", "ROOM_UNAVAILABLE")
        assert "type" in error["message"]
        # A draft holds nothing, but it never gets a room held by another stay (it could not
        # be confirmed there): on full nights there is none.
        draft = await h.ok(
            CREATE_FULL, by_type(rt, 2, 3, "Elena Blu", status="DRAFT"), as_="front_desk"
        )
        [error] = draft["reservationCreate"]["errors"]
        assert (error["field"], error["code"]) == ("roomTypeId", "ROOM_UNAVAILABLE")


async def test_room_or_room_type_is_required_and_not_both(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1)
        rt, room = setup["room_type"]["id"], setup["rooms"][0]["id"]
        neither = {
            "i": {"guest": {"fullName": "Ugo Foscolo"}, "arrival": day(1), "departure": day(2)}
        }
        data = await h.ok(CREATE, neither, as_="front_desk")
        assert [(e["field"], e["code"]) for e in data["reservationCreate"]["errors"]] == [
            ("roomId", "REQUIRED")
        ]
        both = by_type(rt, 1, 2, "Ugo Foscolo", roomId=room)
        data = await h.ok(CREATE, both, as_="front_desk")
        assert [(e["field"], e["code"]) for e in data["reservationCreate"]["errors"]] == [
            ("roomTypeId", "INVALID")
        ]
        unknown = by_type("Um9vbVR5cGU6OTk5", 1, 2, "Ugo Foscolo")  # RoomType:999
        data = await h.ok(CREATE, unknown, as_="front_desk")
        assert [(e["field"], e["code"]) for e in data["reservationCreate"]["errors"]] == [
            ("roomTypeId", "NOT_FOUND")
        ]
        from sportello_lodging.models import Reservation

        assert await Reservation.all().count() == 0


async def test_a_room_type_of_another_site_is_not_found(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        other = await hotel(h, rooms=1, code="OTHER")
        home = await hotel(h, rooms=1, code="HOME")
        from strawberry.relay import from_base64

        token = await h.token(roles=["front_desk"], sites=[int(from_base64(home["site"]["id"])[1])])
        result = await h.gql(CREATE, by_type(other["room_type"]["id"], 1, 2, "Ugo"), token=token)
        errors = result["data"]["reservationCreate"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [("roomTypeId", "NOT_FOUND")]


async def test_concurrent_room_type_bookings_fill_the_type_exactly(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await hotel(h, rooms=3)
        rt = setup["room_type"]["id"]
        # A room of another type stays untouched.
        other = await h.ok(
            "mutation($i: RoomTypeCreateInput!) { roomTypeCreate(input: $i) { roomType { id } } }",
            {"i": {"siteId": setup["site"]["id"], "code": "SGL", "name": "Single", "capacity": 1,
                   "baseRate": "60.00"}},
        )  # fmt: skip
        await h.ok(
            ROOM, {"i": {"roomTypeId": other["roomTypeCreate"]["roomType"]["id"], "number": "900"}}
        )
        token = await h.token(roles=["front_desk"])

        async def attempt(i: int) -> dict:
            result = await h.gql(CREATE_FULL, by_type(rt, 1, 4, f"Ospite Tipo{i}"), token=token)
            assert not result.get("errors"), result
            return result["data"]["reservationCreate"]

        results = await asyncio.gather(*(attempt(i) for i in range(20)))
        won = [r["reservation"]["room"]["number"] for r in results if r["reservation"]]
        lost = [r for r in results if not r["reservation"]]
        assert sorted(won) == ["100", "101", "102"], results
        assert {(e["field"], e["code"]) for r in lost for e in r["errors"]} == {
            ("roomTypeId", "ROOM_UNAVAILABLE")
        }
        from sportello.parties.models import Party
        from sportello_lodging.models import Reservation, RoomStay

        assert await Reservation.all().count() == 3
        assert await RoomStay.filter(holding=True).count() == 3
        assert await Party.filter(display_name__startswith="Ospite").count() == 3
