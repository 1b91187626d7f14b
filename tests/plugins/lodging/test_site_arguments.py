"""Lists and the site: a malformed ``siteId`` is a typed INVALID_ID error; a user bound to one site
sees that site's rows, with or without ``siteId``, and nothing of another hotel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from lodging_helpers import MODULES, TODAY, book, hotel
from strawberry import relay

LISTS = {
    "reservations": "reservations(siteId: $s, first: 10) { edges { node { id } } }",
    "rooms": "rooms(siteId: $s, first: 10) { edges { node { id } } }",
    "roomTypes": "roomTypes(siteId: $s, first: 10) { edges { node { id } } }",
    "lodgingArrivals": "lodgingArrivals(day: $d, siteId: $s, first: 10) { edges { node { id } } }",
    "lodgingDepartures": (
        "lodgingDepartures(day: $d, siteId: $s, first: 10) { edges { node { id } } }"
    ),
    "lodgingInHouse": "lodgingInHouse(siteId: $s, first: 10) { edges { node { id } } }",
    "roomAvailability": (
        "roomAvailability(siteId: $s, arrival: $d, departure: $e) { available rooms { id } }"
    ),
    "roomRack": "roomRack(siteId: $s, from: $d, days: 2, first: 10) { edges { node { room { id } } } }",
}


def _query(field: str) -> str:
    """The list alone, declaring the variables it uses (``$s`` is required where it is)."""
    text = LISTS[field]
    site = "ID!" if field in ("roomAvailability", "roomRack") else "ID"
    declared = [f"$s: {site}"] + [f"${v}: Date!" for v in "de" if f"${v}" in text]
    return f"query({', '.join(declared)}) {{ {text} }}"


def _vars(field: str, site: str | None) -> dict[str, Any]:
    days = {"d": TODAY, "e": TODAY + dt.timedelta(days=1)}
    return {"s": site, **{v: d.isoformat() for v, d in days.items() if f"${v}" in LISTS[field]}}


def _pk(global_id: str) -> int:
    return int(relay.GlobalID.from_id(global_id).node_id)


@pytest.mark.parametrize("field", sorted(LISTS))
async def test_a_malformed_site_id_is_an_invalid_id_error(sportello_app, field: str) -> None:
    async with sportello_app(MODULES) as h:
        await hotel(h, rooms=1)
        for bad in ("bad", "UGFydHk6MQ=="):  # not an ID at all; a Party's ID
            result = await h.gql(_query(field), _vars(field, bad), as_="manager")
            assert result["data"] is None, result
            (error,) = result["errors"]
            assert error["path"] == [field]
            assert error["extensions"]["code"] == "INVALID_ID", error
            assert error["extensions"]["field"] == "siteId"


async def test_lists_show_a_site_bound_user_only_their_hotel(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        rome = await hotel(h, rooms=1, code="ROM")
        athens = await hotel(h, rooms=1, code="ATH", timezone="Europe/Athens")
        mine = (await book(h, rome["rooms"][0]["id"], 0, 2))["reservation"]["id"]
        other = (await book(h, athens["rooms"][0]["id"], 0, 2))["reservation"]["id"]
        token = await h.token(roles=["manager"], sites=[_pk(rome["site"]["id"])])
        variables = {"d": TODAY.isoformat()}
        query = """
        query($d: Date!, $s: ID) {
          reservations(siteId: $s, first: 10) { edges { node { id } } }
          rooms(siteId: $s, first: 10) { edges { node { id } } }
          lodgingArrivals(day: $d, siteId: $s, first: 10) { edges { node { id } } }
        }
        """

        def ids(data: dict[str, Any], field: str) -> list[str]:
            return [e["node"]["id"] for e in data[field]["edges"]]

        for site in (None, rome["site"]["id"]):
            data = await h.ok(query, {**variables, "s": site}, token=token)
            assert ids(data, "reservations") == ids(data, "lodgingArrivals") == [mine]
            assert ids(data, "rooms") == [rome["rooms"][0]["id"]]
        elsewhere = await h.ok(query, {**variables, "s": athens["site"]["id"]}, token=token)
        assert all(ids(elsewhere, f) == [] for f in ("reservations", "rooms", "lodgingArrivals"))
        rack = await h.ok(_query("roomRack"), _vars("roomRack", athens["site"]["id"]), token=token)
        assert rack["roomRack"]["edges"] == []
        seen = await h.ok(
            "query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }",
            {"a": mine, "b": other},
            token=token,
        )
        assert seen == {"a": {"id": mine}, "b": None}
