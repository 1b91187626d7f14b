from __future__ import annotations

import datetime as dt

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
DESK = """
mutation($i: FrontDeskCreateInput!) {
  frontDeskCreate(input: $i) { frontDesk { id code name } errors { field code message } }
}
"""


async def test_front_desk_lifecycle_and_empty_arrivals(sportello_app) -> None:
    async with sportello_app(["reception"]) as h:
        site = (await h.ok(SITE, {"i": {"code": "HQ", "name": "Head office"}}))["siteCreate"][
            "site"
        ]
        made = await h.ok(DESK, {"i": {"siteId": site["id"], "code": "lobby", "name": "Lobby"}})
        assert made["frontDeskCreate"]["frontDesk"]["code"] == "LOBBY"
        again = await h.ok(DESK, {"i": {"siteId": site["id"], "code": "LOBBY", "name": "Lobby 2"}})
        assert again["frontDeskCreate"]["errors"][0]["code"] == "CONFLICT"
        bad = await h.ok(DESK, {"i": {"siteId": "nonsense", "code": "X", "name": "X"}})
        assert bad["frontDeskCreate"]["errors"][0] == {
            "field": "siteId",
            "code": "INVALID_ID",
            "message": "Not a valid ID of a Site.",
        }
        desks = await h.ok(
            "{ frontDesks(first: 10) { edges { node { code } } } }", as_="front_desk"
        )
        assert [e["node"]["code"] for e in desks["frontDesks"]["edges"]] == ["LOBBY"]
        day = dt.date.today().isoformat()
        arrivals = await h.ok("query($d: Date!) { arrivals(day: $d) { arrivalKind } }", {"d": day})
        assert arrivals["arrivals"] == []
        denied = await h.gql("{ frontDesks(first: 1) { edges { node { id } } } }", as_=None)
        assert denied["errors"] and denied["data"] is None


async def test_a_malformed_site_id_is_a_typed_error(sportello_app) -> None:
    """Lists filtered by siteId refuse a malformed one with INVALID_ID (not an empty list)."""
    async with sportello_app(["reception"]) as h:
        site = (await h.ok(SITE, {"i": {"code": "HQ", "name": "Head office"}}))["siteCreate"]
        site_id = site["site"]["id"]
        desk = await h.ok(DESK, {"i": {"siteId": site_id, "code": "lobby", "name": "Lobby"}})
        desk_id = desk["frontDeskCreate"]["frontDesk"]["id"]
        desks = "query($s: ID) { frontDesks(siteId: $s, first: 10) { edges { node { code } } } }"
        mine = await h.ok(desks, {"s": site_id}, as_="front_desk")
        assert [e["node"]["code"] for e in mine["frontDesks"]["edges"]] == ["LOBBY"]
        bad = await h.gql('{ frontDesks(siteId: "bad") { totalCount } }', as_="front_desk")
        assert bad["data"] is None
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_ID"
        assert bad["errors"][0]["message"] == "Not a valid ID of a Site."
        day = dt.date.today().isoformat()
        lists = {
            "frontDesks": (desks, {}),
            "arrivals": (
                "query($s: ID, $d: Date!) { arrivals(day: $d, siteId: $s) { partyName } }",
                {"d": day},
            ),
            "presentNow": ("query($s: ID) { presentNow(siteId: $s) { partyName } }", {}),
        }
        for name, (query, variables) in lists.items():
            for bad in ("bad", desk_id):  # not an ID; the ID of something else than a Site
                result = await h.gql(query, {**variables, "s": bad}, as_="front_desk")
                assert result["data"] is None, (name, result)
                [error] = result["errors"]
                assert error["path"] == [name]
                assert error["extensions"]["code"] == "INVALID_ID", (name, error)
                assert error["extensions"]["field"] == "siteId"
