"""Housekeeping's day: due-outs, stay-overs and arrivals per site, without guest data, in fixed
queries; and a dirty room at check-in, refused or warned per setting."""

from __future__ import annotations

from lodging_helpers import CHECK_IN, CHECK_OUT, CLEAN, MODULES, book, hotel, registry, travel

TASKS = """
query($s: ID!, $n: Int) {
  housekeepingTasks(siteId: $s, first: $n) {
    totalCount
    edges { node { kind arrival departure guests room { number status floor } } }
  }
}
"""
GUEST_DATA = """
query($s: ID!) { housekeepingTasks(siteId: $s, first: 5) { edges { node {
  room { number } kind } } } lodgingInHouse(first: 5) { edges { node { guestName } } } }
"""
CHECK_IN_WARNED = """
mutation($i: ReservationCheckInInput!) {
  reservationCheckIn(input: $i) {
    reservation { status room { status } } errors { field code } warnings { field code message }
  }
}
"""


async def test_due_outs_stay_overs_and_arrivals_for_housekeeping(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=4)
        site = setup["site"]["id"]
        a, b, c, _ = (r["id"] for r in setup["rooms"])
        travel(monkeypatch, -1)
        leaving = (await book(h, a, -1, 0, adults=2))["reservation"]["id"]
        staying = (await book(h, b, -1, 2, name="Pablo Pérez"))["reservation"]["id"]
        for rid, n in ((leaving, 2), (staying, 1)):
            await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(n)}}, as_="front_desk")
        travel(monkeypatch, 0)
        await book(h, c, 0, 1, name="Ana Martín")
        await book(h, a, 3, 4, name="Luis Gómez")  # not today's work

        tasks = (await h.ok(TASKS, {"s": site, "n": 10}, as_="housekeeping"))["housekeepingTasks"]
        assert tasks["totalCount"] == 3
        rows = [
            (e["node"]["room"]["number"], e["node"]["kind"], e["node"]["guests"])
            for e in tasks["edges"]
        ]
        assert rows == [("100", "DUE_OUT", 2), ("101", "STAY_OVER", 1), ("102", "ARRIVAL", 1)]
        assert tasks["edges"][0]["node"]["room"]["status"] == "OCCUPIED_CLEAN"

        # The guest leaves: the room is dirty, still on today's list for cleaning.
        await h.ok(CHECK_OUT, {"i": {"id": leaving, "allowUnpaid": True}}, as_="manager")
        tasks = (await h.ok(TASKS, {"s": site, "n": 10}, as_="housekeeping"))["housekeepingTasks"]
        assert [e["node"]["room"]["status"] for e in tasks["edges"]] == [
            "OCCUPIED_CLEAN",
            "VACANT_CLEAN",
        ]
        # Housekeeping sees rooms, never who is in them.
        denied = await h.gql(GUEST_DATA, {"s": site}, as_="housekeeping")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_housekeeping_tasks_cost_the_same_queries_at_any_page_size(sportello_app) -> None:
    from sportello.testing import count_queries

    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=6)
        site = setup["site"]["id"]
        for i, room in enumerate(setup["rooms"]):
            await book(h, room["id"], 0, 1 + i % 2, name=f"Ospite Numero{i}")
        token = await h.token(roles=["housekeeping"])
        await h.ok(TASKS, {"s": site, "n": 1}, token=token)  # warm up (auth caches)
        counts = {}
        for n in (1, 6):
            with count_queries() as statements:
                data = await h.ok(TASKS, {"s": site, "n": n}, token=token)
            assert len(data["housekeepingTasks"]["edges"]) == n
            counts[n] = len(statements)
        assert 0 < counts[1] == counts[6], counts


async def test_a_dirty_room_is_refused_or_warned_per_setting(sportello_app, monkeypatch) -> None:
    from sportello_lodging.services import config
    from sportello_lodging.settings import LodgingSettings

    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        a, b = (r["id"] for r in setup["rooms"])
        for room in (a, b):
            await h.ok(CLEAN, {"i": {"id": room, "cleanliness": "DIRTY"}}, as_="housekeeping")
        first = (await book(h, a, 0, 1))["reservation"]["id"]
        second = (await book(h, b, 0, 1, name="Pablo Pérez"))["reservation"]["id"]
        refused = await h.ok(
            CHECK_IN_WARNED, {"i": {"id": first, "guests": registry(1)}}, as_="front_desk"
        )
        assert refused["reservationCheckIn"] == {
            "reservation": None,
            "errors": [{"field": "id", "code": "ROOM_DIRTY"}],
            "warnings": None,
        }
        token = await h.token(roles=["front_desk"])
        italian = await h.gql(
            CHECK_IN_WARNED,
            {"i": {"id": first, "guests": registry(1)}},
            token=token,
            headers={"accept-language": "it"},
        )
        assert italian["data"]["reservationCheckIn"]["errors"][0]["code"] == "ROOM_DIRTY"

        monkeypatch.setattr(config, "_settings", LodgingSettings(dirty_room_check_in="warn"))
        warned = await h.ok(
            CHECK_IN_WARNED, {"i": {"id": second, "guests": registry(1)}}, as_="front_desk"
        )
        done = warned["reservationCheckIn"]
        assert done["errors"] == [] and done["reservation"]["status"] == "CHECKED_IN"
        assert done["reservation"]["room"]["status"] == "OCCUPIED_DIRTY"
        assert [(w["field"], w["code"]) for w in done["warnings"]] == [("id", "ROOM_DIRTY")]
        assert "clean" in done["warnings"][0]["message"]
