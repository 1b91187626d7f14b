"""The query cost limit (default 20,000) lets the desk's ordinary screens through: nested lists
are costed at their real bound, not at a full page each."""

from __future__ import annotations

from lodging_helpers import CHECK_IN, MODULES, audit, book, day, hotel, registry

AVAILABILITY = """
query($s: ID!, $a: Date!, $d: Date!) {
  roomAvailability(siteId: $s, arrival: $a, departure: $d) {
    available roomType { id name } rooms { id number }
  }
}
"""
ARRIVALS = """
query($d: Date!) {
  lodgingArrivals(day: $d, first: 100) { edges { node {
    id guestName status room { number }
    registrations { fullName nationality documentNumber }
    folio { total balance lines(first: 20) { edges { node { kind description amount } } } }
  } } }
}
"""


async def test_ordinary_desk_screens_pass_the_default_cost_limit(sportello_app) -> None:
    async with sportello_app(MODULES) as h:  # the default limits
        setup = await hotel(h, rooms=2)
        rid = (await book(h, setup["rooms"][0]["id"], 0, 2))["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        await audit(h, setup["site"]["id"], 0)  # the first night and its city tax
        free = await h.ok(
            AVAILABILITY,
            {"s": setup["site"]["id"], "a": day(0), "d": day(1)},
            as_="front_desk",
        )
        (entry,) = free["roomAvailability"]
        assert entry["available"] == 1 and [r["number"] for r in entry["rooms"]] == ["101"]
        arrivals = await h.ok(ARRIVALS, {"d": day(0)}, as_="front_desk")
        (node,) = (e["node"] for e in arrivals["lodgingArrivals"]["edges"])
        assert node["registrations"][0]["fullName"] == "Giulia Rossi"
        assert len(node["folio"]["lines"]["edges"]) == 2
        # A really expensive query is still refused.
        heavy = ARRIVALS.replace("lines(first: 20)", "lines(first: 100)").replace(
            "first: 100)", "first: 100)", 1
        )
        refused = await h.gql(
            heavy.replace("registrations {", "r1: registrations {"), {"d": day(0)}, as_="front_desk"
        )
        assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


async def test_room_type_capacity_is_bounded(sportello_app) -> None:
    from lodging_helpers import ROOM_TYPE, SITE

    async with sportello_app(MODULES) as h:
        site = (await h.ok(SITE, {"i": {"code": "H", "name": "H"}}))["siteCreate"]["site"]["id"]
        big = {"siteId": site, "code": "DORM", "name": "Dorm", "capacity": 21}
        refused = (await h.ok(ROOM_TYPE, {"i": big}, as_="manager"))["roomTypeCreate"]
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("capacity", "OUT_OF_RANGE")
        ]
