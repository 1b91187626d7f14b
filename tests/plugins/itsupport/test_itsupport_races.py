"""Concurrency over real HTTP: round robin spreads concurrent tickets evenly with unique,
gapless numbers; a licence is never assigned more seats than it has."""

from __future__ import annotations

import asyncio
from collections import Counter

from itsupport_helpers import CREATE, MODULES, category, mutation, team

ASSET = mutation("itAssetCreate", "id seats seatsUsed", "itAsset")
ASSIGN = mutation("itAssetAssign", "id current", "itAssetAssignment")
PARTY = (
    "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }"
)


async def test_round_robin_spreads_30_concurrent_tickets_10_10_10(sportello_app) -> None:
    from sportello_itsupport.models import Ticket

    async with sportello_app(MODULES, live=True) as h:
        desk = await team(h, agents=3)
        cat = await category(h, "PMS", desk["id"])
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(
                h.gql(
                    CREATE,
                    {"i": {"subject": f"Issue {n}", "description": "x", "categoryId": cat}},
                    token=token,
                )
                for n in range(30)
            )
        )
        agents: Counter[str] = Counter()
        for result in results:
            assert not result.get("errors"), result
            payload = result["data"]["supportTicketCreate"]
            assert payload["errors"] == [], payload
            agents[payload["supportTicket"]["agentId"]] += 1
        assert sorted(agents.values()) == [10, 10, 10]
        assert set(agents) == set(desk["agents"])
        numbers = sorted(await Ticket.all().values_list("number", flat=True))
        assert numbers == list(range(1, 31))


async def test_a_five_seat_licence_is_never_assigned_a_sixth_time(sportello_app) -> None:
    from sportello_itsupport.models import Asset, AssetAssignment

    async with sportello_app(MODULES, live=True) as h:
        made = await h.ok(
            ASSET,
            {"i": {"tag": "LIC-OFFICE", "name": "Office suite", "kind": "SOFTWARE", "seats": 5}},
            as_="back_office",
        )
        licence = made["itAssetCreate"]["itAsset"]["id"]
        people = []
        for n in range(9):
            p = await h.ok(PARTY, {"i": {"kind": "PERSON", "displayName": f"Employee {n}"}})
            people.append(p["partyCreate"]["party"]["id"])
        agent = await h.token(roles=["back_office"])
        results = await asyncio.gather(
            *(
                h.gql(ASSIGN, {"i": {"assetId": licence, "holderId": p}}, token=agent)
                for p in people[:8]
            )
        )
        outcomes = Counter()
        for result in results:
            assert not result.get("errors"), result
            errors = result["data"]["itAssetAssign"]["errors"]
            outcomes[errors[0]["code"] if errors else "OK"] += 1
        assert outcomes == {"OK": 5, "NO_SEATS": 3}
        row = await Asset.get(tag="LIC-OFFICE")
        assert row.seats_used == 5
        assert await AssetAssignment.filter(asset_id=row.id, released_at=None).count() == 5
        sixth = await h.ok(
            ASSIGN, {"i": {"assetId": licence, "holderId": people[8]}}, as_="back_office"
        )
        assert [e["code"] for e in sixth["itAssetAssign"]["errors"]] == ["NO_SEATS"]


async def test_least_loaded_spreads_concurrent_tickets_evenly(sportello_app) -> None:
    """Twelve tickets at once over three idle agents: the team's row lock makes each choice
    see the previous one, so each agent gets four."""
    async with sportello_app(MODULES, live=True) as h:
        desk = await team(h, agents=3)
        mode = await h.ok(
            mutation("supportTeamConfigure", "assignment", "supportTeamQueue"),
            {"i": {"teamId": desk["id"], "assignment": "LEAST_LOADED"}},
            as_="manager",
        )
        assert mode["supportTeamConfigure"]["errors"] == []
        cat = await category(h, "Network", desk["id"])
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(
                h.gql(
                    CREATE,
                    {"i": {"subject": f"Wi-Fi {n}", "description": "x", "categoryId": cat}},
                    token=token,
                )
                for n in range(12)
            )
        )
        agents: Counter[str] = Counter(
            r["data"]["supportTicketCreate"]["supportTicket"]["agentId"] for r in results
        )
        assert sorted(agents.values()) == [4, 4, 4]
