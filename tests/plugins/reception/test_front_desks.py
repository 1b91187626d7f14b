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
