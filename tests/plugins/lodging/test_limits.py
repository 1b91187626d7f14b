"""Business limits: the longest stay, the booking horizon and a room type's amenities, through
the public API. A stay of a century, an in-house extension by a century or a departure on the
last day the API accepts (2999-12-31) is a typed payload error, and nothing of it is written;
later dates (the issue's 1,000 years, 9999-12-31) are refused by the core's Date scalar before
any resolver runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lodging_helpers import (
    CHECK_IN,
    DATES,
    MODULES,
    RES_FIELDS,
    TODAY,
    audit,
    book,
    date,
    day,
    hotel,
    lines,
    registry,
    segments,
)

from sportello_lodging.messages import MESSAGES

CREATE = f"""
mutation($i: ReservationCreateInput!) {{ reservationCreate(input: $i) {{ {RES_FIELDS} }} }}
"""
COUNT = "{ reservations(first: 1) { totalCount } }"
ROOM_TYPE = """
mutation($i: RoomTypeCreateInput!) {
  roomTypeCreate(input: $i) { roomType { id amenities } errors { field code message } }
}
"""
ROOM_TYPES = "{ roomTypes(first: 1) { totalCount } }"


def set_limits(monkeypatch: Any, **settings: Any) -> None:
    from sportello_lodging.services import config
    from sportello_lodging.settings import LodgingSettings

    monkeypatch.setattr(config, "_settings", LodgingSettings(**settings))


async def create(
    h: Any,
    target: dict[str, str],
    arrival: str,
    departure: str,
    as_: str = "front_desk",
    language: str | None = None,
) -> dict[str, Any]:
    variables = {
        "i": {
            **target,
            "guest": {"fullName": "Giulia Rossi"},
            "arrival": arrival,
            "departure": departure,
        }
    }
    headers = {"accept-language": language} if language else None
    data = await h.ok(CREATE, variables, as_=as_, headers=headers)
    payload: dict[str, Any] = data["reservationCreate"]
    return payload


async def new_dates(h: Any, rid: str, as_: str = "front_desk", **dates: str) -> dict[str, Any]:
    data = await h.ok(DATES, {"i": {"id": rid, **dates}}, as_=as_)
    payload: dict[str, Any] = data["reservationDatesChange"]
    return payload


async def reservations(h: Any) -> int:
    count: int = (await h.ok(COUNT, as_="front_desk"))["reservations"]["totalCount"]
    return count


def codes(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


async def test_a_stay_longer_than_the_longest_is_refused(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        room, room_type = setup["rooms"][0]["id"], setup["room_type"]["id"]
        for target in ({"roomId": room}, {"roomTypeId": room_type}):
            refused = await create(h, target, day(0), day(366))
            assert refused["reservation"] is None
            assert refused["errors"] == [
                {
                    "field": "departure",
                    "code": "STAY_TOO_LONG",
                    "message": "A stay lasts at most 365 nights.",
                }
            ]
            # A century; the 1,000 years never reach lodging (see the module doc).
            century = await create(h, target, day(0), day(36_500))
            assert codes(century) == [("departure", "STAY_TOO_LONG")]
        for language in ("it", "es", "el"):
            refused = await create(h, {"roomId": room}, day(0), day(366), language=language)
            expected = MESSAGES[language]["lodging.stay_too_long"].format(nights=365)
            assert refused["errors"][0]["message"] == expected
        assert await reservations(h) == 0

        longest = await create(h, {"roomId": room}, day(0), day(365))
        assert longest["errors"] == [] and longest["reservation"]["departure"] == day(365)
        by_type = await create(h, {"roomTypeId": room_type}, day(0), day(365))
        assert by_type["errors"] == [] and by_type["reservation"]["room"]["number"] == "101"


async def test_an_arrival_beyond_the_booking_horizon_is_refused(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        room, room_type = setup["rooms"][0]["id"], setup["room_type"]["id"]
        for target in ({"roomId": room}, {"roomTypeId": room_type}):
            refused = await create(h, target, day(731), day(733))
            assert refused["errors"] == [
                {
                    "field": "arrival",
                    "code": "BEYOND_HORIZON",
                    "message": "Bookings open 730 days ahead: choose an earlier arrival.",
                }
            ]
        for language in ("it", "es", "el"):
            refused = await create(h, {"roomId": room}, day(731), day(733), language=language)
            expected = MESSAGES[language]["lodging.beyond_horizon"].format(days=730)
            assert refused["errors"][0]["message"] == expected
        both = await create(h, {"roomId": room}, day(800), day(1200))
        assert sorted(codes(both)) == [
            ("arrival", "BEYOND_HORIZON"),
            ("departure", "STAY_TOO_LONG"),
        ]
        assert await reservations(h) == 0

        last = await create(h, {"roomId": room}, day(730), day(732))
        assert last["errors"] == []

        # New dates: moving the arrival past the horizon is refused, nothing changes.
        rid = (await book(h, setup["rooms"][1]["id"], 2, 4))["reservation"]["id"]
        moved = await new_dates(h, rid, arrival=day(731), departure=day(733))
        assert codes(moved) == [("arrival", "BEYOND_HORIZON")]
        assert await segments(rid) == [("101", 2, 4, True)]
        assert (await new_dates(h, rid, arrival=day(730), departure=day(731)))["errors"] == []


async def test_an_extension_in_house_stops_at_the_longest_stay(sportello_app, monkeypatch) -> None:
    """The nightly folio lines follow the nights: an extension writes no more than the limit,
    and a refused one (to the limit plus one, or by a century) writes nothing."""
    from strawberry import relay

    from sportello_lodging import models as m

    async with sportello_app(MODULES) as h:
        set_limits(monkeypatch, max_stay_nights=30)
        setup = await hotel(h, rooms=1)
        room = setup["rooms"][0]["id"]
        rid = (await book(h, room, -2, 1, as_="manager"))["reservation"]["id"]
        checked = (await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}))[
            "reservationCheckIn"
        ]
        assert checked["errors"] == []
        await audit(h, setup["site"]["id"], 0)  # the nights slept so far: day(-2) to today

        extended = await new_dates(h, rid, departure=day(28))  # 30 nights from day(-2)
        assert extended["errors"] == []
        folio = extended["reservation"]["folio"]
        kinds = [line["kind"] for line in lines(folio)]
        # The nights to come are posted by their night audits, not by the extension.
        assert kinds.count("ROOM") == kinds.count("CITY_TAX") == 3
        assert folio["total"] == "306.00"

        pk = int(relay.GlobalID.from_id(rid).node_id)
        for departure in (day(29), (TODAY + dt.timedelta(days=36_500)).isoformat(), "2999-12-31"):
            refused = await new_dates(h, rid, departure=departure)
            assert refused["reservation"] is None
            assert refused["errors"] == [
                {
                    "field": "departure",
                    "code": "STAY_TOO_LONG",
                    "message": "A stay lasts at most 30 nights.",
                }
            ]
            assert await m.FolioLine.filter(reservation_id=pk).count() == 6
            assert await segments(rid) == [("100", -2, 28, True)]
        stay = await m.Reservation.get(id=pk)
        assert (stay.arrival, stay.departure) == (date(-2), date(28))


async def test_a_stay_booked_before_the_limit_was_lowered_may_shrink(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        rid = (await book(h, room, 1, 41))["reservation"]["id"]  # 40 nights, accepted then
        set_limits(monkeypatch, max_stay_nights=30)
        assert (await new_dates(h, rid, departure=day(36)))["errors"] == []  # shorter
        assert (await new_dates(h, rid, arrival=day(2), departure=day(37)))["errors"] == []
        longer = await new_dates(h, rid, departure=day(38))
        assert codes(longer) == [("departure", "STAY_TOO_LONG")]
        assert await segments(rid) == [("100", 2, 37, True)]


async def test_dates_at_the_end_of_the_calendar_are_typed_errors(sportello_app) -> None:
    """The last days the API accepts are payload errors, in production too (where an unexpected
    exception would be a masked INTERNAL_SERVER_ERROR); 9999-12-31 is refused by the Date scalar."""
    async with sportello_app(MODULES, debug=False) as h:
        setup = await hotel(h, rooms=2)
        room, room_type = setup["rooms"][0]["id"], setup["room_type"]["id"]
        for target in ({"roomId": room}, {"roomTypeId": room_type}):
            refused = await create(h, target, day(0), "2999-12-31")
            assert codes(refused) == [("departure", "STAY_TOO_LONG")]
            last_night = await create(h, target, "2999-12-30", "2999-12-31")
            assert codes(last_night) == [("arrival", "BEYOND_HORIZON")]
            # A manager may backdate a stay, not make it span the calendar.
            spanning = await create(h, target, "1800-01-01", "2999-12-31", as_="manager")
            assert codes(spanning) == [("departure", "STAY_TOO_LONG")]
        assert await reservations(h) == 0

        rid = (await book(h, room, 0, 2))["reservation"]["id"]
        assert codes(await new_dates(h, rid, departure="2999-12-31")) == [
            ("departure", "STAY_TOO_LONG")
        ]
        moved = await new_dates(h, rid, arrival="2999-12-30", departure="2999-12-31")
        assert codes(moved) == [("arrival", "BEYOND_HORIZON")]
        assert await segments(rid) == [("100", 0, 2, True)]

        # The room rack cannot run past the calendar's last day either.
        rack = """query($s: ID!, $f: Date!) {
          roomRack(siteId: $s, from: $f, days: 14, first: 5) { edges { node { room { id } } } }
        }"""
        site = setup["site"]["id"]
        result = await h.gql(rack, {"s": site, "f": "9999-12-25"}, as_="front_desk")
        assert result["data"] is None
        assert "1800-01-01 to 2999-12-31" in result["errors"][0]["message"]
        assert "INTERNAL_SERVER_ERROR" not in str(result)
        fine = await h.ok(rack, {"s": site, "f": "2999-12-17"}, as_="front_desk")
        assert len(fine["roomRack"]["edges"]) == 2
        variables = {
            "i": {
                "roomId": room,
                "guest": {"fullName": "X"},
                "arrival": day(0),
                "departure": "9999-12-31",
            }
        }
        refused = await h.gql(CREATE, variables, as_="front_desk")
        assert refused["data"] is None and "1800-01-01 to 2999-12-31" in str(refused)


async def test_raised_limits_let_long_stays_and_far_arrivals_through(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        a, b = (r["id"] for r in setup["rooms"])
        assert codes(await create(h, {"roomId": a}, day(0), day(400))) == [
            ("departure", "STAY_TOO_LONG")
        ]
        assert codes(await create(h, {"roomId": b}, day(1000), day(1002))) == [
            ("arrival", "BEYOND_HORIZON")
        ]

        set_limits(monkeypatch, max_stay_nights=1000, booking_horizon_days=1500)
        long_stay = await create(h, {"roomId": a}, day(0), day(400))
        assert long_stay["errors"] == [] and long_stay["reservation"]["departure"] == day(400)
        far = await create(h, {"roomId": b}, day(1000), day(1002))
        assert far["errors"] == [] and far["reservation"]["arrival"] == day(1000)
        longer = await new_dates(h, long_stay["reservation"]["id"], departure=day(900))
        assert longer["errors"] == [] and longer["reservation"]["departure"] == day(900)


async def test_amenities_are_capped_in_number_and_length(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        site = (await hotel(h, rooms=0))["site"]["id"]

        async def room_type(code: str, amenities: list[str], language: str | None = None) -> Any:
            variables = {"i": {"siteId": site, "code": code, "name": code, "amenities": amenities}}
            headers = {"accept-language": language} if language else None
            data = await h.ok(ROOM_TYPE, variables, as_="manager", headers=headers)
            return data["roomTypeCreate"]

        too_many = await room_type("MANY", [f"amenity {i}" for i in range(51)])
        assert too_many["roomType"] is None
        assert too_many["errors"] == [
            {
                "field": "amenities",
                "code": "TOO_MANY",
                "message": "A room type lists at most 50 amenities.",
            }
        ]
        too_long = await room_type("LONG", ["wifi", "x" * 101, "minibar", "y" * 500])
        assert too_long["errors"] == [
            {
                "field": f"amenities.{i}",
                "code": "TOO_LONG",
                "message": "An amenity is at most 100 characters long.",
            }
            for i in (1, 3)
        ]
        for language in ("it", "es", "el"):
            refused = await room_type("LONG", ["x" * 101], language)
            expected = MESSAGES[language]["lodging.amenity_too_long"].format(max=100)
            assert refused["errors"][0]["message"] == expected
        assert (await h.ok(ROOM_TYPES, as_="manager"))["roomTypes"]["totalCount"] == 1

        fifty = [f"{i:02d}" + "z" * 98 for i in range(50)]
        full = await room_type("FULL", fifty)
        assert full["errors"] == [] and full["roomType"]["amenities"] == fifty
        tidy = await room_type("TIDY", [" wifi ", "wifi", "", "  ", "balcony"])
        assert tidy["roomType"]["amenities"] == ["wifi", "balcony"]
