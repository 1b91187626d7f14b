"""``Folio.lines`` is a cursor connection with the page cap; the totals are summed in SQL, and a
folio with a page of its lines (or a page of reservations with theirs) costs the same queries
whatever the page sizes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lodging_helpers import CHARGE, MODULES, PAY, TODAY, audit, book, hotel, registry
from strawberry import relay

LINES = """
query($id: ID!, $n: Int, $after: String, $last: Int) {
  node(id: $id) { ... on Reservation {
    folio { total paid balance currency lines(first: $n, after: $after, last: $last) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { id kind amount night } }
    } }
  } }
}
"""
CHECK_IN = """
mutation($i: ReservationCheckInInput!) { reservationCheckIn(input: $i) { errors { code } } }
"""
BALANCE = "query($id: ID!) { node(id: $id) { ... on Reservation { folio { balance } } } }"
RESERVATIONS = """
query($n: Int!, $lines: Int!) {
  reservations(first: $n) { edges { node {
    id folio { total paid balance lines(first: $lines) { totalCount edges { node { amount } } } }
  } } }
}
"""


async def long_stay(h: Any) -> str:
    """A guest in house for 25 nights with a charge and a payment: 52 folio lines."""
    setup = await hotel(h, rooms=1)
    room = setup["rooms"][0]["id"]
    rid: str = (await book(h, room, -24, 1, as_="manager"))["reservation"]["id"]
    checked = await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}})
    assert checked["reservationCheckIn"]["errors"] == []
    await audit(h, setup["site"]["id"], 0)  # the site's first audit posts every night so far
    charge = {"reservationId": rid, "description": "Minibar", "unitAmount": "7.50"}
    assert (await h.ok(CHARGE, {"i": charge}))["folioChargeAdd"]["errors"] == []
    paid = await h.ok(PAY, {"i": {"reservationId": rid, "amount": "500.00"}})
    assert paid["folioPaymentAdd"]["errors"] == []
    return rid


def pk(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)


async def test_folio_lines_page_with_cursors(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        rid = await long_stay(h)
        seen: list[dict[str, Any]] = []
        after = None
        pages = []
        for _ in range(4):  # three pages, never more
            data = await h.ok(LINES, {"id": rid, "n": 20, "after": after}, as_="front_desk")
            folio = data["node"]["folio"]
            page = folio["lines"]
            assert page["totalCount"] == 52
            seen += [edge["node"] for edge in page["edges"]]
            pages.append((len(page["edges"]), page["pageInfo"]["hasNextPage"]))
            assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
            after = page["pageInfo"]["endCursor"]
            if not page["pageInfo"]["hasNextPage"]:
                break
        assert pages == [(20, True), (20, True), (12, False)]
        ids = [pk(line["id"]) for line in seen]
        assert ids == sorted(set(ids)) and len(ids) == 52  # posting order, each line once
        kinds = [line["kind"] for line in seen]
        assert kinds.count("ROOM") == kinds.count("CITY_TAX") == 25
        assert kinds[-2:] == ["EXTRA", "PAYMENT"]
        # 25 nights x 100.00, city tax 25 x 2.00, minibar 7.50; 500.00 paid.
        assert (folio["total"], folio["paid"], folio["balance"]) == ("2557.50", "500.00", "2057.50")

        tail = (await h.ok(LINES, {"id": rid, "last": 2}, as_="front_desk"))["node"]["folio"]
        assert [e["node"]["kind"] for e in tail["lines"]["edges"]] == ["EXTRA", "PAYMENT"]
        assert tail["lines"]["pageInfo"]["hasPreviousPage"] is True


async def test_folio_lines_obey_the_page_cap(sportello_app) -> None:
    async with sportello_app(MODULES, debug=False, graphql={"max_page_size": 30}) as h:
        rid = await long_stay(h)
        result = await h.gql(LINES, {"id": rid, "n": 31}, as_="front_desk")
        error = result["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT" and "30" in error["message"]
        # Without `first`, a page is the cap.
        data = await h.ok(LINES, {"id": rid}, as_="front_desk")
        page = data["node"]["folio"]["lines"]
        assert len(page["edges"]) == 30 and page["pageInfo"]["hasNextPage"] is True


async def test_a_folio_and_its_lines_cost_the_same_queries_at_any_page_size(sportello_app) -> None:
    from sportello.testing import count_queries

    async with sportello_app(MODULES) as h:
        rid = await long_stay(h)
        token = await h.token(roles=["front_desk"])
        await h.ok(LINES, {"id": rid, "n": 1}, token=token)  # warm up (auth caches)
        counts = {}
        for n in (1, 50):
            with count_queries() as statements:
                data = await h.ok(LINES, {"id": rid, "n": n}, token=token)
            assert len(data["node"]["folio"]["lines"]["edges"]) == n
            counts[n] = len(statements)
            folio_queries = [s for s in statements if "lodging_folio_line" in s]
            # The totals (one GROUP BY) and the page (one numbered window): never every line.
            assert len(folio_queries) == 2, folio_queries
            assert sum("GROUP BY" in s for s in folio_queries) == 1
            assert sum("ROW_NUMBER" in s and f"<= {n + 1}" in s for s in folio_queries) == 1
        assert 0 < counts[1] == counts[50], counts

        # Totals alone read no line.
        with count_queries() as statements:
            await h.ok(BALANCE, {"id": rid}, token=token)
        assert [s for s in statements if "lodging_folio_line" in s and "GROUP BY" not in s] == []


async def _bulk_folios(n: int) -> None:
    """``n`` reservations with three folio lines each: rooms at 100 + i, a payment of i."""
    from sportello.parties.models import Party, Site
    from sportello_lodging import models as m

    site = await Site.create(code="BIG", name="Grand Hotel")
    rt = await m.RoomType.create(site=site, code="STD", name="Standard", capacity=2)
    await m.Room.bulk_create([m.Room(site=site, room_type=rt, number=f"{i:03d}") for i in range(n)])
    rooms = await m.Room.filter(site=site).order_by("id")
    guest = await Party.create(display_name="Ospite")
    await m.Reservation.bulk_create(
        [
            m.Reservation(
                site=site,
                room=room,
                room_type=rt,
                guest=guest,
                arrival=TODAY + dt.timedelta(days=i),
                departure=TODAY + dt.timedelta(days=i + 2),
                status="confirmed",
            )
            for i, room in enumerate(rooms)
        ]
    )
    stays = await m.Reservation.filter(site=site).order_by("arrival", "id")
    lines = []
    for i, res in enumerate(stays):
        for night in (res.arrival, res.departure - dt.timedelta(days=1)):
            amount = 100 + i
            lines.append(
                m.FolioLine(
                    reservation=res, kind="room", night=night, unit_amount=amount, amount=amount
                )
            )
        lines.append(m.FolioLine(reservation=res, kind="payment", unit_amount=i, amount=i))
    await m.FolioLine.bulk_create(lines)


async def test_a_page_of_reservations_loads_every_folio_together(sportello_app) -> None:
    from sportello.testing import count_queries

    async with sportello_app(MODULES) as h:
        await _bulk_folios(30)
        token = await h.token(roles=["front_desk"])
        await h.ok(RESERVATIONS, {"n": 1, "lines": 2}, token=token)
        counts = {}
        for n in (1, 30):
            with count_queries() as statements:
                data = await h.ok(RESERVATIONS, {"n": n, "lines": 2}, token=token)
            counts[n] = len(statements)
            edges = data["reservations"]["edges"]
            assert len(edges) == n
            for i, edge in enumerate(edges):  # each folio its own lines, in arrival order
                folio = edge["node"]["folio"]
                rate = f"{100 + i}.00"
                assert folio["lines"]["totalCount"] == 3
                assert [e["node"]["amount"] for e in folio["lines"]["edges"]] == [rate, rate]
                assert folio["total"] == f"{2 * (100 + i)}.00"
                assert folio["paid"] == f"{i}.00"
                assert folio["balance"] == f"{2 * (100 + i) - i}.00"
        assert 0 < counts[1] == counts[30], counts
