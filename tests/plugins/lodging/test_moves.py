"""Room moves: a guest in house keeps the nights slept in the old room (stay segments)."""

from __future__ import annotations

import asyncio
from typing import Any

from lodging_helpers import (
    BOUNDED_LISTS,
    CHECK_IN,
    CHECK_OUT,
    CLEAN,
    CREATE,
    DATES,
    MODULES,
    MOVE,
    audit,
    book,
    date,
    day,
    hotel,
    lines,
    rack,
    registry,
    segments,
    travel,
)

ROOMS = "{ rooms(first: 10) { edges { node { id number status } } } }"
LISTS = """
query($d: Date!) {
  lodgingInHouse(first: 10) { edges { node { id room { number } registryComplete } } }
  lodgingDepartures(day: $d, first: 10) { edges { node { id room { number } } } }
}
"""


async def run(h: Any, query: str, name: str, i: dict[str, Any], as_: str = "front_desk") -> Any:
    return (await h.ok(query, {"i": i}, as_=as_))[name]


async def room_statuses(h: Any) -> dict[str, str]:
    data = await h.ok(ROOMS, as_="housekeeping")
    return {e["node"]["number"]: e["node"]["status"] for e in data["rooms"]["edges"]}


async def test_guest_in_house_moves_to_a_room_freed_yesterday(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES, graphql=BOUNDED_LISTS) as h:
        setup = await hotel(h, rooms=2)
        site = setup["site"]["id"]
        a, b = (r["id"] for r in setup["rooms"])  # numbers 100 and 101

        # Three days ago Giulia checked in to A for five nights and Pablo to B for two.
        travel(monkeypatch, -3)
        giulia = (await book(h, a, -3, 2))["reservation"]["id"]
        pablo = (await book(h, b, -3, -1, name="Pablo Pérez"))["reservation"]["id"]
        for rid in (giulia, pablo):
            checked = await run(
                h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": registry(1)}
            )
            assert checked["errors"] == []
        # Pablo left yesterday; housekeeping cleaned B.
        travel(monkeypatch, -1)
        out = await run(
            h, CHECK_OUT, "reservationCheckOut", {"id": pablo, "allowUnpaid": True}, as_="manager"
        )
        assert out["reservation"]["status"] == "CHECKED_OUT"
        await run(h, CLEAN, "roomCleanlinessSet", {"id": b, "cleanliness": "CLEAN"}, "housekeeping")

        # The nights until yesterday were audited; today Giulia moves to B.
        travel(monkeypatch, 0)
        await audit(h, site, -3, -2, -1)
        moved = await run(h, MOVE, "reservationMove", {"id": giulia, "roomId": b})
        assert moved["errors"] == []
        stay = moved["reservation"]
        assert stay["room"]["id"] == b and stay["room"]["status"] == "OCCUPIED_CLEAN"
        assert stay["arrival"] == day(-3) and stay["departure"] == day(2)
        # The nights slept are still charged once each (tonight's at tonight's audit).
        nights = sorted(line["night"] for line in lines(stay["folio"]) if line["kind"] == "ROOM")
        assert nights == [day(n) for n in range(-3, 0)]

        assert await segments(giulia) == [("100", -3, 0, True), ("101", 0, 2, True)]
        assert await rack(h, site, -3, 5) == {
            "100": ["Giulia Rossi"] * 3 + [None, None],
            "101": ["Pablo Pérez"] * 2 + [None] + ["Giulia Rossi"] * 2,
        }
        assert await room_statuses(h) == {"100": "VACANT_DIRTY", "101": "OCCUPIED_CLEAN"}
        lists = await h.ok(LISTS, {"d": day(2)}, as_="front_desk")
        assert [e["node"]["room"]["number"] for e in lists["lodgingInHouse"]["edges"]] == ["101"]
        assert lists["lodgingInHouse"]["edges"][0]["node"]["registryComplete"] is True
        departing = lists["lodgingDepartures"]["edges"]
        assert [(e["node"]["id"], e["node"]["room"]["number"]) for e in departing] == [
            (giulia, "101")
        ]

        # A is free from tonight, its past nights are still Giulia's; B is Giulia's from today.
        query = """
        query($s: ID!, $a: Date!, $d: Date!) {
          roomAvailability(siteId: $s, arrival: $a, departure: $d) { rooms { number } }
        }
        """
        free = await h.ok(query, {"s": site, "a": day(0), "d": day(2)}, as_="front_desk")
        assert [r["number"] for r in free["roomAvailability"][0]["rooms"]] == ["100"]
        late = await book(h, a, -1, 1, name="Ana Martín", as_="manager")
        assert late["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        taken = await book(h, b, 1, 3, name="Ana Martín")
        assert taken["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        assert (await book(h, a, 0, 3, name="Ana Martín"))["errors"] == []

        # Late departure extends only the stretch in B; early checkout later shortens it.
        longer = await run(h, DATES, "reservationDatesChange", {"id": giulia, "departure": day(3)})
        assert longer["errors"] == []
        assert await segments(giulia) == [("100", -3, 0, True), ("101", 0, 3, True)]
        travel(monkeypatch, 1)
        done = await run(
            h, CHECK_OUT, "reservationCheckOut", {"id": giulia, "allowUnpaid": True}, as_="manager"
        )
        assert done["reservation"]["departure"] == day(1)
        assert await segments(giulia) == [("100", -3, 0, True), ("101", 0, 1, True)]
        assert done["reservation"]["room"]["status"] == "VACANT_DIRTY"


async def test_move_on_the_day_of_arrival_and_before_it_replaces_the_segment(
    sportello_app,
) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=3)
        a, b, c = (r["id"] for r in setup["rooms"])
        future = (await book(h, a, 2, 4))["reservation"]["id"]
        assert (await run(h, MOVE, "reservationMove", {"id": future, "roomId": b}))["errors"] == []
        assert await segments(future) == [("101", 2, 4, True)]
        assert (await book(h, a, 2, 4, name="Ana Martín"))["errors"] == []

        # Checked in today, moved today: nothing was slept in the first room.
        today = (await book(h, c, 0, 2, name="Eleni Georgiou"))["reservation"]["id"]
        await run(h, CHECK_IN, "reservationCheckIn", {"id": today, "guests": registry(1)})
        moved = await run(h, MOVE, "reservationMove", {"id": today, "roomId": a})
        assert moved["errors"] == []
        assert await segments(today) == [("100", 0, 2, True)]
        assert moved["reservation"]["room"]["status"] == "OCCUPIED_CLEAN"
        rooms = await h.ok(ROOMS, as_="front_desk")
        assert {e["node"]["number"]: e["node"]["status"] for e in rooms["rooms"]["edges"]} == {
            "100": "OCCUPIED_CLEAN",
            "101": "VACANT_CLEAN",
            "102": "VACANT_DIRTY",
        }
        # A is Ana's from day 2: no late departure in A, and no move back over her nights.
        longer = await run(h, DATES, "reservationDatesChange", {"id": today, "departure": day(3)})
        assert longer["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        clash = await run(h, MOVE, "reservationMove", {"id": future, "roomId": a})
        assert clash["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        assert await segments(future) == [("101", 2, 4, True)]


async def test_move_and_booking_race_for_the_same_room_and_night(sportello_app) -> None:
    """An in-house move into B and bookings of B, all at once and all wanting the night of
    day 1: exactly one wins. Two rounds, the move sent first and then among the bookings."""
    async with sportello_app(MODULES, live=True) as h:
        setup = await hotel(h, rooms=4)
        token = await h.token(roles=["front_desk"])
        from sportello_lodging import models as m

        for round_, position in enumerate((0, 5)):
            a, b = (r["id"] for r in setup["rooms"][2 * round_ : 2 * round_ + 2])
            number_a, number_b = (r["number"] for r in setup["rooms"][2 * round_ : 2 * round_ + 2])
            # In A since two nights (a walk-in registered late by the manager), 3 more to go.
            guest = (await book(h, a, -2, 3, as_="manager"))["reservation"]["id"]
            checked = await run(
                h, CHECK_IN, "reservationCheckIn", {"id": guest, "guests": registry(1)}
            )
            assert checked["errors"] == []

            async def move(guest: str = guest, b: str = b) -> dict[str, Any]:
                result = await h.gql(MOVE, {"i": {"id": guest, "roomId": b}}, token=token)
                assert not result.get("errors"), result
                return result["data"]["reservationMove"]

            async def create(i: int, b: str = b) -> dict[str, Any]:
                variables = {
                    "i": {
                        "roomId": b,
                        "guest": {"fullName": f"Ospite Numero{i}"},
                        "arrival": day(i % 2),
                        "departure": day(2 + i % 2),
                    }
                }
                result = await h.gql(CREATE, variables, token=token)
                assert not result.get("errors"), result
                return result["data"]["reservationCreate"]

            attempts = [create(i) for i in range(10)]
            attempts.insert(position, move())
            results = await asyncio.gather(*attempts)
            won = [r for r in results if r["reservation"]]
            lost = [r for r in results if not r["reservation"]]
            assert len(won) == 1, results
            assert {e["code"] for r in lost for e in r["errors"]} == {"ROOM_UNAVAILABLE"}
            moved = results[position]["reservation"] is not None

            night = date(1)
            held = await m.RoomStay.filter(
                room_id=int(_pk(b)), holding=True, start__lte=night, end__gt=night
            ).count()
            assert held == 1
            expected = (
                [(number_a, -2, 0, True), (number_b, 0, 3, True)]
                if moved
                else [(number_a, -2, 3, True)]
            )
            assert await segments(guest) == expected
            res = await m.Reservation.get(id=int(_pk(guest)))
            assert res.room_id == int(_pk(b if moved else a))
            others = m.Reservation.filter(room_id=int(_pk(b))).exclude(id=res.id)
            assert await others.count() == (0 if moved else 1)


def _pk(global_id: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(global_id).node_id
