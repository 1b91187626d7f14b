"""An erasure racing a visit planned for the same visitor, over real HTTP: both serialise on
the visitor's party row, so no visit keeps the name of an erased visitor."""

from __future__ import annotations

import asyncio
import datetime as dt

from test_visitors_visits import MODULES, PARTY, PLAN, lobby

ERASE = """
mutation($i: PartyEraseInput!) { partyErase(input: $i) { reports { plugin } errors { code } } }
"""
ROUNDS = 15


def _pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)


async def test_erasure_racing_a_visit_plan_leaves_no_visitor_name(sportello_app) -> None:
    from sportello_visitors.models import Visit

    async with sportello_app(MODULES, live=True) as h:
        setup = await lobby(h, n=0)
        desk = await h.token(roles=["front_desk"])
        admin = await h.token(roles=["admin"])
        expected = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)).isoformat()
        for n in range(ROUNDS):
            made = await h.ok(PARTY, {"i": {"displayName": f"Visitor {n}"}})
            visitor = made["partyCreate"]["party"]["id"]
            plan = {
                "siteId": setup["site"],
                "hostId": setup["host"],
                "visitorId": visitor,
                "visitorName": f"Visitor {n}",
                "company": "ACME",
                "expectedAt": expected,
            }
            planned, erased = await asyncio.gather(
                h.gql(PLAN, {"i": plan}, token=desk),
                h.gql(ERASE, {"i": {"id": visitor}}, token=admin),
            )
            assert not planned.get("errors") and not erased.get("errors"), (planned, erased)
            assert erased["data"]["partyErase"]["errors"] == [], erased
            rows = await Visit.filter(visitor_id=_pk(visitor)).values_list(
                "visitor_name", "company"
            )
            assert all(row == ("[erased]", "") for row in rows), (rows, planned)
            errors = planned["data"]["visitPlan"]["errors"]
            assert errors in ([], [{"field": "visitorId", "code": "NOT_FOUND"}]), planned
            assert len(rows) == (0 if errors else 1)
