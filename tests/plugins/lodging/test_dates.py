"""Stays in the past: only a manager may register them (a walk-in registered late)."""

from __future__ import annotations

from typing import Any

from lodging_helpers import CHECK_IN, DATES, MODULES, audit, book, day, hotel, lines, registry


async def run(h: Any, query: str, name: str, i: dict[str, Any], as_: str = "front_desk") -> Any:
    return (await h.ok(query, {"i": i}, as_=as_))[name]


async def test_arrival_in_the_past_needs_a_manager(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        a, b = (r["id"] for r in setup["rooms"])
        for status in ("CONFIRMED", "DRAFT"):
            refused = await book(h, a, -1, 1, status=status)
            assert refused["reservation"] is None
            assert refused["errors"] == [
                {
                    "field": "arrival",
                    "code": "INVALID_DATES",
                    "message": (
                        "The arrival cannot be in the past (a manager may register a late walk-in)."
                    ),
                }
            ]
        assert (await book(h, a, 0, 1))["errors"] == []  # today is fine

        # Last night was audited (closed) before the manager registers its walk-in, who then
        # checks in: the closed night is posted at once, tonight's waits for tonight's audit.
        await audit(h, setup["site"]["id"], -1)
        walk_in = await book(h, b, -1, 1, name="Ana Martín", as_="manager")
        assert walk_in["errors"] == []
        rid = walk_in["reservation"]["id"]
        checked = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": registry(1)})
        nights = sorted(
            line["night"]
            for line in lines(checked["reservation"]["folio"])
            if line["kind"] == "ROOM"
        )
        assert nights == [day(-1)]
        (report,) = await audit(h, setup["site"]["id"], 0)
        assert report["roomsSold"] == 1
        folio = await h.ok(FOLIO_NIGHTS, {"id": rid}, as_="front_desk")
        edges = folio["node"]["folio"]["lines"]["edges"]
        assert sorted(e["node"]["night"] for e in edges if e["node"]["kind"] == "ROOM") == [
            day(-1),
            day(0),
        ]


FOLIO_NIGHTS = """
query($id: ID!) { node(id: $id) { ... on Reservation { folio {
  lines(first: 20) { edges { node { kind night } } } } } } }
"""


async def test_dates_cannot_move_into_the_past(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        a, b = (r["id"] for r in (await hotel(h, rooms=2))["rooms"])
        future = (await book(h, a, 2, 4))["reservation"]["id"]
        earlier = await run(h, DATES, "reservationDatesChange", {"id": future, "arrival": day(-1)})
        assert (earlier["errors"][0]["code"], earlier["errors"][0]["field"]) == (
            "INVALID_DATES",
            "arrival",
        )
        moved = await run(
            h,
            DATES,
            "reservationDatesChange",
            {"id": future, "arrival": day(-3), "departure": day(-1)},
        )
        assert moved["errors"][0]["code"] == "INVALID_DATES"
        ok = await run(h, DATES, "reservationDatesChange", {"id": future, "arrival": day(0)})
        assert ok["errors"] == [] and ok["reservation"]["arrival"] == day(0)

        # A late stay registered by the manager: the desk may not move its departure back.
        late = (await book(h, b, -3, 1, name="Ana Martín", as_="manager"))["reservation"]["id"]
        back = await run(h, DATES, "reservationDatesChange", {"id": late, "departure": day(-1)})
        assert (back["errors"][0]["code"], back["errors"][0]["field"]) == (
            "INVALID_DATES",
            "departure",
        )
        assert back["errors"][0]["message"] == "The departure cannot be in the past."
        longer = await run(h, DATES, "reservationDatesChange", {"id": late, "departure": day(2)})
        assert longer["errors"] == []
        by_manager = await run(
            h, DATES, "reservationDatesChange", {"id": late, "departure": day(-1)}, as_="manager"
        )
        assert by_manager["errors"] == [] and by_manager["reservation"]["departure"] == day(-1)

        # In house: the departure may be today (early checkout), never before.
        await run(h, CHECK_IN, "reservationCheckIn", {"id": future, "guests": registry(1)})
        for as_ in ("front_desk", "manager"):
            past = await run(
                h, DATES, "reservationDatesChange", {"id": future, "departure": day(-1)}, as_=as_
            )
            assert past["errors"][0]["code"] == "INVALID_DATES"
        # The stay arrived today (arrival moved to day 0 above): departure today is refused
        # because a stay needs one night.
        same_day = await run(
            h, DATES, "reservationDatesChange", {"id": future, "departure": day(0)}
        )
        assert same_day["errors"][0]["code"] == "INVALID_DATES"
