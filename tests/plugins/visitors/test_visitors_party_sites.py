"""Hosts and visitors are parties known at the sites of their visits: a desk bound to one site
plans for the hosts known there, not for another site's people (whose data it would then read
through the visit)."""

from __future__ import annotations

from strawberry import relay
from test_visitors_visits import MODULES, PARTY, PLAN, SITE, now

PARTIES = "{ parties(first: 50) { edges { node { id displayName } } } }"


def _pk(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)


async def test_a_site_desk_plans_only_for_hosts_known_at_its_site(sportello_app) -> None:
    from sportello_visitors import models as m

    async with sportello_app(MODULES) as h:
        sites = {}
        for code in ("HQ", "LAB"):
            made = await h.ok(SITE, {"i": {"code": code, "name": code, "timezone": "UTC"}})
            sites[code] = made["siteCreate"]["site"]["id"]
        hosts = {}
        for name, code in (("Giulia Bianchi", "HQ"), ("Marco Neri", "LAB")):
            made = await h.ok(PARTY, {"i": {"displayName": name, "siteIds": [sites[code]]}})
            hosts[name] = made["partyCreate"]["party"]["id"]
        desk_hq = await h.token(roles=["front_desk"], sites=[_pk(sites["HQ"])])

        def plan(host: str) -> dict:
            return {
                "i": {
                    "siteId": sites["HQ"],
                    "hostId": hosts[host],
                    "visitorName": "Anna Schmidt",
                    "expectedAt": now(),
                }
            }

        refused = await h.ok(PLAN, plan("Marco Neri"), token=desk_hq)
        assert refused["visitPlan"] == {
            "visit": None,
            "errors": [{"field": "hostId", "code": "NOT_FOUND"}],
        }
        assert await m.Visit.all().count() == 0
        done = await h.ok(PLAN, plan("Giulia Bianchi"), token=desk_hq)
        assert done["visitPlan"]["errors"] == []
        listed = await h.ok(PARTIES, token=desk_hq)
        assert [e["node"]["displayName"] for e in listed["parties"]["edges"]] == ["Giulia Bianchi"]
        # The headquarters desk may plan for Marco once a visit at HQ names him (planned by
        # someone with every site): from then on he is known at HQ.
        chain = await h.ok(PLAN, plan("Marco Neri"), as_="front_desk")
        assert chain["visitPlan"]["errors"] == []
        again = await h.ok(PLAN, plan("Marco Neri"), token=desk_hq)
        assert again["visitPlan"]["errors"] == []
