"""The core's connections: a page in a fixed number of queries, honest cursors, bounded pages.

Lists are the hot path of every screen, so these tests pin the design down: a page whose
selection is columns and foreign keys is ONE joined query; relations a resolver reads are
loaded once per page; ``last`` never loads the whole table; a client's paging mistake is a
typed error, not a masked server error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from graphql import GraphQLError, parse, validate

from sportello.graphql.limits import cost_error, list_size
from sportello.testing import count_queries, sent_queries

MODULES = ["reception", "lodging"]
DAY = dt.date(2031, 3, 1)

ARRIVALS = """
query($d: Date!, $n: Int, $after: String) {
  lodgingArrivals(day: $d, first: $n, after: $after) {
    totalCount
    edges { cursor node { id status arrival guest { id displayName } room { number roomType { name } } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


async def _hotel(n: int) -> None:
    from sportello.parties.models import Party, Site
    from sportello_lodging import models as m

    site = await Site.create(code="CX", name="Connection Hotel")
    rt = await m.RoomType.create(site=site, code="STD", name="Standard", capacity=2, base_rate=90)
    await m.Room.bulk_create(
        [m.Room(site=site, room_type=rt, number=f"{i:03d}", floor=1) for i in range(n)]
    )
    rooms = await m.Room.filter(site=site).order_by("id")
    await Party.bulk_create([Party(display_name=f"Guest {i:03d}") for i in range(n)])
    guests = await Party.filter(display_name__startswith="Guest ").order_by("id")
    await m.Reservation.bulk_create(
        [
            m.Reservation(
                site=site,
                room=room,
                room_type=rt,
                guest=guest,
                arrival=DAY,
                departure=DAY + dt.timedelta(days=2),
                status=m.CONFIRMED,
            )
            for room, guest in zip(rooms, guests, strict=True)
        ]
    )


def _selects(statements: list[str], table: str) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith("SELECT") and table in s]


async def test_a_page_of_columns_and_foreign_keys_is_one_joined_query(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _hotel(30)
        await h.token()
        for size in (1, 30):
            with count_queries() as statements:
                data = await h.ok(ARRIVALS.replace("totalCount", ""), {"d": str(DAY), "n": size})
            edges = data["lodgingArrivals"]["edges"]
            assert len(edges) == size
            assert edges[0]["node"]["guest"]["displayName"].startswith("Guest ")
            assert edges[0]["node"]["room"]["roomType"]["name"] == "Standard"
            page_queries = _selects(statements, "lodging_reservation")
            assert len(page_queries) == 1, page_queries
            assert "JOIN" in page_queries[0].upper()
            # guests, rooms and room types came with the page: no query of their own
            assert not [s for s in statements if s.lstrip().upper().startswith("SELECT")
                        and "parties_party" in s and "lodging_reservation" not in s]  # fmt: skip


async def test_cursors_total_count_and_last(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _hotel(7)
        first = (await h.ok(ARRIVALS, {"d": str(DAY), "n": 3}))["lodgingArrivals"]
        assert first["totalCount"] == 7
        assert first["pageInfo"] == {
            "hasNextPage": True,
            "hasPreviousPage": False,
            "endCursor": first["edges"][-1]["cursor"],
        }
        second = (
            await h.ok(ARRIVALS, {"d": str(DAY), "n": 3, "after": first["pageInfo"]["endCursor"]})
        )["lodgingArrivals"]
        ids = [e["node"]["id"] for e in first["edges"] + second["edges"]]
        assert len(set(ids)) == 6
        assert second["pageInfo"]["hasPreviousPage"] is True

        last = """query($d: Date!) { lodgingArrivals(day: $d, last: 2) {
            edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }"""
        with count_queries() as statements:
            tail = (await h.ok(last, {"d": str(DAY)}))["lodgingArrivals"]
        everything = (await h.ok(ARRIVALS, {"d": str(DAY), "n": 7}))["lodgingArrivals"]
        assert [e["node"]["id"] for e in tail["edges"]] == [
            e["node"]["id"] for e in everything["edges"][-2:]
        ]
        assert tail["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}
        page = [s for s in _selects(statements, "lodging_reservation") if "COUNT" not in s.upper()]
        assert len(page) == 1 and "LIMIT" in page[0].upper(), page


async def test_paging_mistakes_are_typed_errors_in_production(sportello_app) -> None:
    async with sportello_app(MODULES, debug=False) as h:
        await _hotel(2)
        cap = h.runtime.settings.graphql.max_page_size
        result = await h.gql(ARRIVALS, {"d": str(DAY), "n": cap + 1})
        error = result["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert str(cap) in error["message"]
        bad_cursor = await h.gql(ARRIVALS, {"d": str(DAY), "n": 1, "after": "bm9wZQ=="})
        assert bad_cursor["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_node_ids_are_relay_global_ids(sportello_app) -> None:
    from strawberry.relay import GlobalID

    async with sportello_app(MODULES) as h:
        await _hotel(1)
        edge = (await h.ok(ARRIVALS, {"d": str(DAY), "n": 1}))["lodgingArrivals"]["edges"][0]
        gid = GlobalID.from_id(edge["node"]["id"])
        assert gid.type_name == "Reservation"
        same = await h.ok(
            "query($id: ID!) { node(id: $id) { id ... on Reservation { guest { id } } } }",
            {"id": edge["node"]["id"]},
        )
        assert same["node"]["id"] == edge["node"]["id"]
        assert same["node"]["guest"]["id"] == edge["node"]["guest"]["id"]


@strawberry.type
class Cell:
    day: int


@strawberry.type
class Row:
    name: str
    bounded: list[Cell] = strawberry.field(metadata=list_size(3))
    unbounded: list[Cell] = strawberry.field(default_factory=list)


@strawberry.type
class CostQuery:
    rows: list[Row]


def test_declared_list_size_bounds_the_cost_estimate() -> None:
    schema = strawberry.Schema(CostQuery)._schema

    def cost(query: str, variables: dict[str, int] | None = None) -> GraphQLError | None:
        document = parse(query)
        assert validate(schema, document) == []
        return cost_error(schema, document, None, variables, max_cost=100, page=10)

    # rows x (name + bounded x day): 1 + 10 * (1 + 1 + 3 * 1) = 51
    assert cost("{ rows { name bounded { day } } }") is None
    # the unbounded list counts a full page: 1 + 10 * (1 + 10 * 1) = 111 > 100
    refused = cost("{ rows { unbounded { day } } }")
    assert refused is not None and refused.extensions["code"] == "QUERY_TOO_COMPLEX"


async def test_cost_reads_page_sizes_from_variables(sportello_app) -> None:
    """``first: $n`` costs what n asks for, not a full page; over the limit nothing runs."""
    query = "query($n: Int!) { parties(first: $n) { edges { node { id displayName } } } }"
    async with sportello_app([], graphql={"max_cost": 50}) as h:
        assert len((await h.ok(query, {"n": 10}))["parties"]["edges"]) == 1  # the admin
        refused = await h.gql(query, {"n": 60})
        assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        assert refused.get("data") is None


async def test_an_unknown_global_id_is_null_a_malformed_one_bad_input(sportello_app) -> None:
    """Relay: ``node(id:)`` is null when there is no such object (an unknown type, a row
    that does not exist); an ID that is not a global ID at all is the client's to fix."""
    from strawberry.relay import to_base64

    async with sportello_app([], debug=False) as h:
        for gid in (to_base64("Nope", 1), to_base64("Site", 999999), to_base64("Site", "x")):
            result = await h.gql("query($id: ID!) { node(id: $id) { id } }", {"id": gid})
            assert result == {"data": {"node": None}}, result
        many = await h.gql(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [to_base64("Nope", 1)]}
        )
        assert many == {"data": {"nodes": [None]}}, many
        result = await h.gql("query($id: ID!) { node(id: $id) { id } }", {"id": "not-base64!"})
        error = result["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert error["message"] != "Unexpected error."


async def test_a_node_reached_through_another_needs_its_own_permission(sportello_app) -> None:
    """Seeing reservations does not show the guests' contact details without parties.view,
    whichever way the party is reached."""
    query = """query($d: Date!) { lodgingArrivals(day: $d, first: 2) {
        edges { node { id guestName guest { email } } } } }"""
    async with sportello_app(MODULES, roles={"peek": ["lodging.view"]}) as h:
        await _hotel(2)
        peek = await h.token(roles=["peek"])
        refused = await h.gql(query, {"d": str(DAY)}, token=peek)
        assert refused["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        assert refused["errors"][0]["path"][-1] == "guest"
        names = await h.ok(query.replace(" guest { email }", ""), {"d": str(DAY)}, token=peek)
        assert [e["node"]["guestName"] for e in names["lodgingArrivals"]["edges"]] == [
            "Guest 000",
            "Guest 001",
        ]
        allowed = await h.ok(query, {"d": str(DAY)}, as_="front_desk")
        assert len(allowed["lodgingArrivals"]["edges"]) == 2


def _pages(sent: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The page statements of the reservations (not their count) with their parameters."""
    return [(sql, values) for sql, values in sent
            if "lodging_reservation" in sql and "COUNT" not in sql.upper()]  # fmt: skip


async def test_one_row_past_the_page_is_read_only_for_has_next_page(sportello_app) -> None:
    """The row after the page tells whether there is a next one: read only when the client
    selects ``hasNextPage`` (keeping one row more costs a sorted list a few per cent)."""
    plain = """query($d: Date!, $n: Int) { lodgingArrivals(day: $d, first: $n) {
        edges { cursor node { id } } pageInfo { endCursor hasPreviousPage } } }"""
    asks = """query($d: Date!, $n: Int) { lodgingArrivals(day: $d, first: $n) {
        edges { node { id } } ...on ReservationConnection { pageInfo { hasNextPage } } } }"""
    async with sportello_app(MODULES) as h:
        await _hotel(5)
        await h.token()
        with sent_queries() as sent:
            page = (await h.ok(plain, {"d": str(DAY), "n": 2}))["lodgingArrivals"]
        assert len(page["edges"]) == 2 and page["pageInfo"]["hasPreviousPage"] is False
        ((sql, values),) = _pages(sent)
        assert "LIMIT" in sql.upper() and values[-1] == 2, (sql, values)
        # through a fragment too; the last page has no next one
        for n, more in ((2, True), (5, False), (4, True)):
            with sent_queries() as sent:
                page = (await h.ok(asks, {"d": str(DAY), "n": n}))["lodgingArrivals"]
            assert len(page["edges"]) == n and page["pageInfo"]["hasNextPage"] is more
            ((sql, values),) = _pages(sent)
            assert values[-1] == n + 1, (sql, values)
