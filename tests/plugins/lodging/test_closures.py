"""Room closures: created with their id, listed, deleted, shown closed on the room rack; and
rooms tell their site."""

from __future__ import annotations

from lodging_helpers import MODULES, book, day, hotel

CLOSE = """
mutation($i: RoomClosureCreateInput!) {
  roomClosureCreate(input: $i) {
    roomClosure { id start end reason room { number } } room { id status }
    errors { field code }
  }
}
"""
DELETE = """
mutation($i: RoomClosureDeleteInput!) {
  roomClosureDelete(input: $i) { room { id number status } errors { field code } }
}
"""
CLOSURES = """
query($s: ID) { roomClosures(siteId: $s, first: 10) {
  totalCount edges { node { id start end reason room { number site { code } } } }
} }
"""
RACK = """
query($s: ID!, $f: Date!) { roomRack(siteId: $s, from: $f, days: 4, first: 10) {
  edges { node { room { number site { code } } cells { date closed reservation { id } } } }
} }
"""
ROOMS = "{ rooms(first: 10) { edges { node { number site { code name } } } } }"


async def test_closures_listed_shown_on_the_rack_and_deleted(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        rome = await hotel(h, rooms=2, code="ROME")
        athens = await hotel(h, rooms=1, code="ATH", timezone="Europe/Athens")
        r101, r102 = (r["id"] for r in rome["rooms"])
        await book(h, r102, 0, 1)
        made = await h.ok(
            CLOSE,
            {"i": {"roomId": r101, "start": day(1), "end": day(3), "reason": "Leak"}},
            as_="manager",
        )
        closure = made["roomClosureCreate"]["roomClosure"]
        assert closure["id"] and closure["room"]["number"] == "100"
        assert (closure["start"], closure["end"], closure["reason"]) == (day(1), day(3), "Leak")
        await h.ok(
            CLOSE,
            {
                "i": {
                    "roomId": athens["rooms"][0]["id"],
                    "start": day(0),
                    "end": day(1),
                    "reason": "Paint",
                }
            },
            as_="manager",
        )

        listed = await h.ok(CLOSURES, {"s": rome["site"]["id"]}, as_="front_desk")
        assert listed["roomClosures"]["totalCount"] == 1
        node = listed["roomClosures"]["edges"][0]["node"]
        assert node["room"] == {"number": "100", "site": {"code": "ROME"}}
        every = await h.ok(CLOSURES, {"s": None}, as_="front_desk")
        assert every["roomClosures"]["totalCount"] == 2

        rack = await h.ok(RACK, {"s": rome["site"]["id"], "f": day(0)}, as_="front_desk")
        rows = {e["node"]["room"]["number"]: e["node"]["cells"] for e in rack["roomRack"]["edges"]}
        assert [c["closed"] for c in rows["100"]] == [False, True, True, False]
        assert [c["closed"] for c in rows["101"]] == [False] * 4
        assert rows["101"][0]["reservation"] is not None

        # A closed room is refused for its nights, free again once the closure is deleted.
        from lodging_helpers import CREATE

        stay = {
            "roomId": r101,
            "guest": {"fullName": "Ana"},
            "arrival": day(1),
            "departure": day(2),
        }
        refused = await h.ok(CREATE, {"i": stay}, as_="front_desk")
        assert refused["reservationCreate"]["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        gone = await h.ok(DELETE, {"i": {"id": node["id"]}}, as_="manager")
        assert gone["roomClosureDelete"]["errors"] == []
        assert gone["roomClosureDelete"]["room"]["number"] == "100"
        again = await h.ok(DELETE, {"i": {"id": node["id"]}}, as_="manager")
        assert [e["code"] for e in again["roomClosureDelete"]["errors"]] == ["NOT_FOUND"]
        assert (await h.ok(CLOSURES, {"s": rome["site"]["id"]}, as_="front_desk"))["roomClosures"][
            "totalCount"
        ] == 0
        booked = await h.ok(CREATE, {"i": stay}, as_="front_desk")
        assert booked["reservationCreate"]["errors"] == []

        # A user of one hotel neither lists nor deletes the other hotel's closures.
        from strawberry import relay

        rome_pk = int(relay.GlobalID.from_id(rome["site"]["id"]).node_id)
        token = await h.token(roles=["manager"], sites=[rome_pk])
        mine = await h.ok(CLOSURES, {"s": None}, token=token)
        assert mine["roomClosures"]["totalCount"] == 0  # Rome's was deleted, Athens' is not its
        other = (await h.ok(CLOSURES, {"s": None}, as_="front_desk"))["roomClosures"]
        foreign = other["edges"][0]["node"]["id"]
        denied = await h.ok(DELETE, {"i": {"id": foreign}}, token=token)
        assert [e["code"] for e in denied["roomClosureDelete"]["errors"]] == ["NOT_FOUND"]

        rooms = await h.ok(ROOMS, as_="front_desk")
        sites = sorted(
            (e["node"]["site"]["code"], e["node"]["number"]) for e in rooms["rooms"]["edges"]
        )
        assert sites == [("ATH", "100"), ("ROME", "100"), ("ROME", "101")]


async def test_closure_and_rate_plan_lists_cost_no_query_per_row(sportello_app) -> None:
    import datetime as dt

    from lodging_helpers import TODAY

    from sportello.parties.models import Site
    from sportello.testing import count_queries
    from sportello_lodging import models as m

    async with sportello_app(MODULES) as h:
        site = await Site.create(code="BIG", name="Big")
        rt = await m.RoomType.create(site=site, code="STD", name="Standard")
        for i in range(20):
            room = await m.Room.create(site=site, room_type=rt, number=f"{i:03d}")
            await m.RoomClosure.create(room=room, start=TODAY, end=TODAY + dt.timedelta(days=1))
            plan = await m.RatePlan.create(site=site, code=f"P{i:02d}", name=f"Plan {i}")
            await m.RatePrice.create(
                rate_plan=plan,
                room_type=rt,
                start=TODAY,
                end=TODAY + dt.timedelta(days=30),
                weekday_prices=["90.00"] * 7,
            )
        closures = (
            "query($n: Int!) { roomClosures(first: $n) { edges { node { id start reason"
            " room { number site { code } roomType { code } } } } } }"
        )
        plans = (
            "query($n: Int!) { ratePlans(first: $n) { edges { node { code site { code }"
            " prices { start weekdayPrices roomType { code } } } } } }"
        )
        token = await h.token(roles=["front_desk"])
        for query in (closures, plans):
            await h.ok(query, {"n": 1}, token=token)
            await h.settle()
            counts = {}
            for n in (1, 20):
                with count_queries() as counter:
                    data = await h.ok(query, {"n": n}, token=token)
                assert len(next(iter(data.values()))["edges"]) == n
                counts[n] = len(counter)
            assert 0 < counts[1] == counts[20], (query, counts)
