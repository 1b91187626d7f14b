"""Lists cost the same SQL at any page size; assets, their history and relations; reports."""

from __future__ import annotations

import datetime as dt

from itsupport_helpers import (
    MODULES,
    PARTY,
    REPLY,
    SET_STATUS,
    category,
    create,
    mutation,
    ok,
    team,
)

from sportello.testing import count_queries

TICKETS = """
query($n: Int!) { supportTickets(first: $n) { totalCount edges { node {
  reference status priority dueAt requesterName requester { id displayName }
  team { id name } category { name } agentId breached assets { tag } children { id }
  messages { body } slaClock { state dueResolutionAt } } } } }
"""
ASSETS = """
query($n: Int!) { assets(first: $n) { edges { node { tag seatsUsed site { id }
  assignments { holderType holderId current } relations { kind target { tag } } } } } }
"""
ASSET = mutation("itAssetCreate", "id tag seats", "itAsset")
ASSIGN = mutation("itAssetAssign", "id holderId current", "itAssetAssignment")
RELEASE = mutation("itAssetRelease", "id current releasedAt", "itAssetAssignment")
RELATE = mutation("itAssetRelate", "id kind source { tag } target { tag }", "itAssetRelation")
REPORT = """
query($f: DateTime!, $t: DateTime!) { supportReport(from: $f, to: $t) {
  backlogByTeam { id open } byAgent { id tickets resolved slaMet }
  total { tickets open resolved slaMet breached avgResponseMinutes avgSatisfaction } } }
"""


async def _statements(h, query: str, n: int, root: str) -> int:
    with count_queries() as statements:
        data = await h.ok(query, {"n": n}, as_="admin")
    assert len(data[root]["edges"]) == n
    return len([s for s in statements if "events_" not in s and "notify_" not in s])


async def test_the_tickets_list_costs_the_same_at_page_size_1_and_50(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        desk = await team(h, agents=2)
        cat = await category(h, "Printers", desk["id"])
        made = await h.ok(
            ASSET, {"i": {"tag": "PRN-1", "name": "Printer", "kind": "HARDWARE"}}, as_="back_office"
        )
        asset = made["itAssetCreate"]["itAsset"]["id"]
        for n in range(50):
            ticket = (await create(h, categoryId=cat, assetIds=[asset]))["supportTicket"]
            if n % 10 == 0:
                await ok(h, REPLY, {"id": ticket["id"], "body": "On it."})
        await h.settle()
        await h.ok(TICKETS, {"n": 1}, as_="admin")  # warm up
        counts = {n: await _statements(h, TICKETS, n, "supportTickets") for n in (1, 50)}
        assert 0 < counts[1] == counts[50], counts


async def test_assets_history_relations_and_their_list(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        kiosk = (await ok(h, ASSET, {"tag": "KIOSK-1", "name": "Kiosk", "kind": "HARDWARE"}))[
            "itAsset"
        ]
        printer = (await ok(h, ASSET, {"tag": "PRN-1", "name": "Printer", "kind": "HARDWARE"}))[
            "itAsset"
        ]
        taken = await h.ok(
            ASSET, {"i": {"tag": "PRN-1", "name": "x", "kind": "HARDWARE"}}, as_="back_office"
        )
        assert [e["code"] for e in taken["itAssetCreate"]["errors"]] == ["CONFLICT"]
        bad = await h.ok(
            ASSET,
            {"i": {"tag": "X-1", "name": "x", "kind": "HARDWARE", "seats": 3}},
            as_="back_office",
        )
        assert [(e["field"], e["code"]) for e in bad["itAssetCreate"]["errors"]] == [
            ("seats", "INVALID")
        ]
        rel = await ok(
            h, RELATE, {"sourceId": kiosk["id"], "targetId": printer["id"], "kind": "DEPENDS_ON"}
        )
        assert rel["itAssetRelation"]["target"] == {"tag": "PRN-1"}
        people = []
        for name in ("Anna", "Bruno"):
            p = await h.ok(PARTY, {"i": {"kind": "PERSON", "displayName": name}})
            people.append(p["partyCreate"]["party"]["id"])
        first = await ok(h, ASSIGN, {"assetId": kiosk["id"], "holderId": people[0]})
        await ok(h, ASSIGN, {"assetId": kiosk["id"], "holderId": people[1]})
        unknown = await h.ok(
            ASSIGN, {"i": {"assetId": kiosk["id"], "holderId": "UGFydHk6OTk5"}}, as_="back_office"
        )
        assert [e["code"] for e in unknown["itAssetAssign"]["errors"]] == ["NOT_FOUND"]
        wrong = await h.ok(
            ASSIGN, {"i": {"assetId": kiosk["id"], "holderId": kiosk["id"]}}, as_="back_office"
        )
        assert [e["code"] for e in wrong["itAssetAssign"]["errors"]] == ["INVALID_ID"]
        data = await h.ok(ASSETS, {"n": 10}, as_="front_desk")
        node = next(e["node"] for e in data["assets"]["edges"] if e["node"]["tag"] == "KIOSK-1")
        assert [(a["holderId"], a["current"]) for a in node["assignments"]] == [
            (people[0], False),
            (people[1], True),
        ]
        assert node["relations"] == [{"kind": "DEPENDS_ON", "target": {"tag": "PRN-1"}}]
        again = await h.ok(
            RELEASE, {"i": {"assignmentId": first["itAssetAssignment"]["id"]}}, as_="back_office"
        )
        assert [e["code"] for e in again["itAssetRelease"]["errors"]] == ["INVALID_TRANSITION"]
        for n in range(20):
            await ok(h, ASSET, {"tag": f"LAP-{n:02d}", "name": f"Laptop {n}", "kind": "HARDWARE"})
        await h.ok(ASSETS, {"n": 1}, as_="admin")
        counts = {n: await _statements(h, ASSETS, n, "assets") for n in (1, 20)}
        assert 0 < counts[1] == counts[20], counts


async def test_report_backlog_times_sla_met_and_per_agent(sportello_app, clock) -> None:
    async with sportello_app(MODULES) as h:
        desk = await team(h, agents=2)
        cat = await category(h, "Accounts", desk["id"])
        start = clock.now()
        tickets = [(await create(h, categoryId=cat))["supportTicket"] for _ in range(4)]
        clock.set(start + dt.timedelta(minutes=30))
        await ok(h, REPLY, {"id": tickets[0]["id"], "body": "Done for you."})
        await ok(h, SET_STATUS, {"id": tickets[0]["id"], "status": "CLOSED", "satisfaction": 4})
        await ok(h, SET_STATUS, {"id": tickets[1]["id"], "status": "RESOLVED"})
        period = {
            "f": (start - dt.timedelta(hours=1)).isoformat(),
            "t": (start + dt.timedelta(days=1)).isoformat(),
        }
        report = (await h.ok(REPORT, period, as_="manager"))["supportReport"]
        assert report["backlogByTeam"] == [{"id": desk["id"], "open": 2}]
        total = report["total"]
        assert (total["tickets"], total["open"], total["resolved"], total["slaMet"]) == (4, 2, 2, 2)
        assert total["breached"] == 0 and total["avgSatisfaction"] == 4.0
        assert total["avgResponseMinutes"] is not None
        per_agent = {r["id"]: r for r in report["byAgent"]}
        assert set(per_agent) == set(desk["agents"])
        assert sum(r["resolved"] for r in per_agent.values()) == 2


async def test_the_tickets_about_an_asset(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        encoder = (await ok(h, ASSET, {"tag": "ENC-01", "name": "Encoder", "kind": "HARDWARE"}))[
            "itAsset"
        ]["id"]
        about = (await create(h, subject="Cards not written", assetIds=[encoder]))["supportTicket"]
        await create(h, subject="Something else")
        query = "query($a: ID) { supportTickets(first: 10, assetId: $a) { edges { node { id } } } }"
        data = await h.ok(query, {"a": encoder}, as_="front_desk")
        assert [e["node"]["id"] for e in data["supportTickets"]["edges"]] == [about["id"]]
