"""The rack as a tape chart (``roomRackChart``): its bars say what the rack's cells say, night by
night, for stays of every status, closures and dirty rooms; its SQL does not grow with the rooms
or the days; it pages rooms by cursor; the cost limit takes it at the page cap."""

from __future__ import annotations

from typing import Any

from lodging_helpers import CLEAN, MODULES, book, date, day, hotel

from sportello.testing import count_queries

CHART = """
query($s: ID!, $f: Date!, $d: Int!, $n: Int, $a: String) {
  roomRackChart(siteId: $s, from: $f, days: $d, first: $n, after: $a) {
    days
    rooms { id number floor roomTypeId roomTypeName occupancy cleanliness }
    bars { room start nights kind reservationId status guestName }
    hasNextPage endCursor
  }
}
"""
CELLS = """
query($s: ID!, $f: Date!, $d: Int!) {
  roomRack(siteId: $s, from: $f, days: $d, first: 100) {
    edges { node {
      room { id number cleanliness }
      cells { date closed reservation { id status guestName } }
    } }
  }
}
"""
CLOSE = """
mutation($i: RoomClosureCreateInput!) {
  roomClosureCreate(input: $i) { roomClosure { id } errors { field code } }
}
"""


def _nights_from_bars(chart: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """Room number -> (date, reservation, status, guest, closed) per night, from the bars."""
    days = chart["days"]
    out: dict[str, list[list[Any]]] = {
        r["number"]: [[d, None, None, None, False] for d in days] for r in chart["rooms"]
    }
    for bar in chart["bars"]:
        assert bar["nights"] > 0 and 0 <= bar["start"] < len(days)
        row = out[chart["rooms"][bar["room"]]["number"]]
        for i in range(bar["start"], bar["start"] + bar["nights"]):
            if bar["kind"] == "CLOSURE":
                assert not row[i][4], "one closure bar per night"
                row[i][4] = True
            else:
                assert row[i][1] is None, "one stay bar per night"
                row[i][1:4] = [bar["reservationId"], bar["status"], bar["guestName"]]
    return {k: [tuple(n) for n in v] for k, v in out.items()}


def _nights_from_cells(data: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for edge in data["roomRack"]["edges"]:
        node = edge["node"]
        out[node["room"]["number"]] = [
            (
                c["date"],
                *(
                    (
                        c["reservation"]["id"],
                        c["reservation"]["status"],
                        c["reservation"]["guestName"],
                    )
                    if c["reservation"]
                    else (None, None, None)
                ),
                c["closed"],
            )
            for c in node["cells"]
        ]
    return out


async def _fixture(h: Any) -> dict[str, Any]:
    from strawberry import relay

    from sportello_lodging import models as m

    made = await hotel(h, rooms=4)
    r100, r101, r102, r103 = (r["id"] for r in made["rooms"])
    gone = (await book(h, r100, 0, 2, name="Anna Out"))["reservation"]["id"]
    staying = (await book(h, r100, 2, 4, name="Bruno In"))["reservation"]["id"]
    await book(h, r101, 2, 5, name="Carla Booked")
    await book(h, r101, 5, 9, name="Dario Later")  # runs past the chart's last day
    await book(h, r103, 0, 1, name="Elena One")
    # Checked out and checked in by their rows (the lifecycle's own tests go through the API).
    await m.Reservation.filter(id=int(relay.GlobalID.from_id(gone).node_id)).update(
        status=m.CHECKED_OUT
    )
    await m.Reservation.filter(id=int(relay.GlobalID.from_id(staying).node_id)).update(
        status=m.CHECKED_IN
    )
    for room, start, end in ((r102, 1, 3), (r103, 3, 5)):
        closed = await h.ok(
            CLOSE,
            {"i": {"roomId": room, "start": day(start), "end": day(end), "reason": "Leak"}},
            as_="manager",
        )
        assert closed["roomClosureCreate"]["errors"] == []
    cleaned = await h.ok(CLEAN, {"i": {"id": r102, "cleanliness": "DIRTY"}}, as_="manager")
    assert cleaned["roomCleanlinessSet"]["errors"] == []
    return made


async def test_the_chart_says_what_the_cells_say(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        made = await _fixture(h)
        variables = {"s": made["site"]["id"], "f": day(0), "d": 7}
        chart = (await h.ok(CHART, variables, as_="front_desk"))["roomRackChart"]
        cells = await h.ok(CELLS, variables, as_="front_desk")
        assert _nights_from_bars(chart) == _nights_from_cells(cells)
        assert chart["days"] == [day(i) for i in range(7)]
        assert [r["number"] for r in chart["rooms"]] == ["100", "101", "102", "103"]
        assert chart["rooms"][0]["id"] == made["rooms"][0]["id"]
        assert chart["rooms"][0]["roomTypeId"] == made["room_type"]["id"]
        assert chart["rooms"][0]["roomTypeName"] == "Double"
        assert chart["rooms"][2]["cleanliness"] == "DIRTY"
        assert chart["hasNextPage"] is False
        by_guest = {b["guestName"]: b for b in chart["bars"] if b["kind"] == "STAY"}
        assert by_guest["Anna Out"]["status"] == "CHECKED_OUT"
        assert (by_guest["Anna Out"]["start"], by_guest["Anna Out"]["nights"]) == (0, 2)
        assert (by_guest["Bruno In"]["start"], by_guest["Bruno In"]["room"]) == (2, 0)
        assert by_guest["Bruno In"]["status"] == "CHECKED_IN"
        assert (by_guest["Dario Later"]["start"], by_guest["Dario Later"]["nights"]) == (5, 2)
        closures = [
            (chart["rooms"][b["room"]]["number"], b["start"], b["nights"])
            for b in chart["bars"]
            if b["kind"] == "CLOSURE"
        ]
        assert closures == [("102", 1, 2), ("103", 3, 2)]
        assert all(b["reservationId"] is None for b in chart["bars"] if b["kind"] == "CLOSURE")


async def test_the_chart_pages_rooms_by_cursor(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        made = await _fixture(h)
        variables = {"s": made["site"]["id"], "f": day(0), "d": 7, "n": 3}
        first = (await h.ok(CHART, variables, as_="front_desk"))["roomRackChart"]
        assert [r["number"] for r in first["rooms"]] == ["100", "101", "102"]
        assert first["hasNextPage"] is True
        rest = (await h.ok(CHART, {**variables, "a": first["endCursor"]}, as_="front_desk"))[
            "roomRackChart"
        ]
        assert [r["number"] for r in rest["rooms"]] == ["103"]
        assert rest["hasNextPage"] is False
        assert {b["room"] for b in rest["bars"]} == {0}  # indexes into this page's rooms
        bad = await h.gql(CHART, {**variables, "a": made["rooms"][0]["id"]}, as_="front_desk")
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_ID"
        assert bad.get("data") is None or bad["data"].get("roomRackChart") is None


async def test_the_chart_sql_does_not_grow_with_rooms_or_days(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        made = await _fixture(h)
        token = await h.token(roles=["front_desk"])
        site = made["site"]["id"]
        await h.ok(CHART, {"s": site, "f": day(0), "d": 1, "n": 1}, token=token)
        counts = {}
        for rooms, days in ((1, 1), (4, 1), (1, 31), (4, 31)):
            with count_queries() as queries:
                chart = (
                    await h.ok(CHART, {"s": site, "f": day(0), "d": days, "n": rooms}, token=token)
                )["roomRackChart"]
            assert len(chart["rooms"]) == rooms and len(chart["days"]) == days
            counts[rooms, days] = len(queries)
        assert len(set(counts.values())) == 1 and 0 < counts[1, 1] <= 4, counts


async def test_the_cells_and_spans_read_their_nights_in_one_statement(sportello_app) -> None:
    """roomRack's page: the rooms, their stays and closures (one statement), the reservations
    shown: three statements whatever the rooms, days and shape."""
    page = CELLS.replace("$d: Int!)", "$d: Int!, $n: Int)").replace("first: 100", "first: $n")
    spans = page.replace("cells { date closed", "spans { start nights closed")
    async with sportello_app(MODULES) as h:
        made = await _fixture(h)
        token = await h.token(roles=["front_desk"])
        site = made["site"]["id"]
        for query in (page, spans):
            await h.ok(query, {"s": site, "f": day(0), "d": 1, "n": 1}, token=token)
            counts = {}
            for rooms, days in ((1, 1), (4, 1), (1, 31), (4, 31)):
                with count_queries() as queries:
                    data = await h.ok(
                        query, {"s": site, "f": day(0), "d": days, "n": rooms}, token=token
                    )
                assert len(data["roomRack"]["edges"]) == rooms
                counts[rooms, days] = len(queries)
            assert set(counts.values()) == {3}, (query, counts)


async def test_the_cost_limit_takes_the_chart_at_the_page_cap(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        made = await _fixture(h)
        variables = {"s": made["site"]["id"], "f": day(0), "d": 31, "n": 100}
        chart = (await h.ok(CHART, variables, as_="front_desk"))["roomRackChart"]
        assert len(chart["days"]) == 31 and len(chart["rooms"]) == 4


def _pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)


async def test_overlapping_stays_moves_and_closures_make_the_bars_the_cells_show(
    sportello_app,
) -> None:
    """Drafts over a held night and over each other, a stay moved to another room and split
    there, overlapping and touching closures: the bars still say what the cells say."""
    from sportello_lodging import models as m

    async with sportello_app(MODULES) as h:
        made = await hotel(h, rooms=5)
        r0, r1, r2, r3, _ = (_pk(r["id"]) for r in made["rooms"])
        rooms = [r["id"] for r in made["rooms"]]
        await book(h, rooms[0], 0, 5, name="Anna Held")
        over = _pk((await book(h, rooms[1], 2, 4, name="Beppe Draft"))["reservation"]["id"])
        first = _pk((await book(h, rooms[2], 1, 3, name="Carla Draft"))["reservation"]["id"])
        second = _pk((await book(h, rooms[4], 2, 5, name="Dario Draft"))["reservation"]["id"])
        moved = _pk((await book(h, rooms[3], 0, 7, name="Elio Moved"))["reservation"]["id"])
        # Beppe's draft lies over Anna's held nights; Dario's draft over Carla's.
        await m.Reservation.filter(id__in=[over, first, second]).update(status=m.DRAFT)
        await m.RoomStay.filter(reservation_id=over).update(room_id=r0, holding=False)
        await m.RoomStay.filter(reservation_id__in=[first, second]).update(holding=False)
        await m.RoomStay.filter(reservation_id=second).update(room_id=r2)
        # Elio moved from room 3 to room 1 after two nights, the rest in two segments there.
        await m.RoomStay.filter(reservation_id=moved).update(end=date(2))
        for start, end in ((2, 4), (4, 7)):
            await m.RoomStay.create(
                reservation_id=moved, room_id=r1, start=date(start), end=date(end)
            )
        for start, end in ((3, 5), (4, 6), (6, 7)):
            await m.RoomClosure.create(room_id=r3, start=date(start), end=date(end), reason="Leak")

        variables = {"s": made["site"]["id"], "f": day(0), "d": 7}
        chart = (await h.ok(CHART, variables, as_="front_desk"))["roomRackChart"]
        cells = await h.ok(CELLS, variables, as_="front_desk")
        assert _nights_from_bars(chart) == _nights_from_cells(cells)
        bars = [
            (b["room"], b["start"], b["nights"], b["kind"], b["guestName"], b["status"])
            for b in chart["bars"]
        ]
        assert bars == [
            (0, 0, 5, "STAY", "Anna Held", "CONFIRMED"),
            (1, 2, 5, "STAY", "Elio Moved", "CONFIRMED"),
            (2, 1, 2, "STAY", "Carla Draft", "DRAFT"),
            (2, 3, 2, "STAY", "Dario Draft", "DRAFT"),
            (3, 0, 2, "STAY", "Elio Moved", "CONFIRMED"),
            (3, 3, 4, "CLOSURE", None, None),
        ]
        assert chart["bars"][5]["reservationId"] is None


async def test_the_chart_clips_to_its_window_and_shows_only_its_sites_shown_stays(
    sportello_app,
) -> None:
    """A window from day 2 for 3 nights: stays and closures crossing either edge are clipped to
    it, those ending on its first day or starting the day after it are not shown; cancelled and
    no-show stays are not shown though their segments remain; a room with nothing keeps its
    place with no bar; another site's rooms and stays stay out."""
    from sportello_lodging import models as m

    async with sportello_app(MODULES) as h:
        made = await hotel(h, rooms=6)
        other = await hotel(h, rooms=1, code="OTHER")
        r0, r1, r2, r3, r4, _ = (r["id"] for r in made["rooms"])
        await book(h, r0, 0, 4, name="Anna Across Start")
        await book(h, r0, 4, 9, name="Bruno Across End")
        await book(h, r1, 0, 9, name="Carla Whole")
        await book(h, r2, 0, 2, name="Dario Before")  # leaves on the window's first day
        await book(h, r2, 5, 7, name="Elena After")  # arrives the day after its last night
        gone = _pk((await book(h, r3, 2, 4, name="Fabio Cancelled"))["reservation"]["id"])
        absent = _pk((await book(h, r3, 4, 5, name="Gina No Show"))["reservation"]["id"])
        await m.Reservation.filter(id=gone).update(status=m.CANCELLED)
        await m.Reservation.filter(id=absent).update(status=m.NO_SHOW)
        assert await m.RoomStay.filter(reservation_id__in=[gone, absent]).count() == 2
        await book(h, other["rooms"][0]["id"], 0, 9, name="Other Site")
        for start, end in ((0, 3), (4, 9)):
            await m.RoomClosure.create(
                room_id=_pk(r4), start=date(start), end=date(end), reason="Works"
            )
        await m.RoomClosure.create(room_id=_pk(r2), start=date(0), end=date(2), reason="Before")

        variables = {"s": made["site"]["id"], "f": day(2), "d": 3}
        chart = (await h.ok(CHART, variables, as_="front_desk"))["roomRackChart"]
        cells = await h.ok(CELLS, variables, as_="front_desk")
        assert _nights_from_bars(chart) == _nights_from_cells(cells)
        assert [r["number"] for r in chart["rooms"]] == ["100", "101", "102", "103", "104", "105"]
        bars = [
            (b["room"], b["start"], b["nights"], b["kind"], b["guestName"]) for b in chart["bars"]
        ]
        assert bars == [
            (0, 0, 2, "STAY", "Anna Across Start"),
            (0, 2, 1, "STAY", "Bruno Across End"),
            (1, 0, 3, "STAY", "Carla Whole"),
            (4, 0, 1, "CLOSURE", None),
            (4, 2, 1, "CLOSURE", None),
        ]
        assert all(b["status"] == "CONFIRMED" for b in chart["bars"] if b["kind"] == "STAY")
