from __future__ import annotations

import asyncio
import datetime as dt

from sportello.testing import count_queries

MODULES = ["reception", "visitors"]
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
VISIT = "visit { id status badgeNumber visitorName hostName arrivalKind arrivalStatus }"
PLAN = f"""
mutation($i: VisitPlanInput!) {{ visitPlan(input: $i) {{ {VISIT} errors {{ field code }} }} }}
"""
CHECK_IN = f"""
mutation($i: VisitCheckInInput!) {{ visitCheckIn(input: $i) {{ {VISIT} errors {{ field code }} }} }}
"""
CHECK_OUT = f"""
mutation($i: VisitCheckOutInput!) {{ visitCheckOut(input: $i) {{ {VISIT} errors {{ field code }} }} }}
"""
PRESENT = """
query($s: ID) { visitorsPresent(siteId: $s) { visitorName badgeNumber hostName } }
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


async def lobby(h, n: int = 2) -> dict:
    site = {"code": "HQ", "name": "Headquarters", "timezone": "UTC"}
    site = (await h.ok(SITE, {"i": site}))["siteCreate"]
    site_id = site["site"]["id"]
    party = await h.ok(PARTY, {"i": {"displayName": "Giulia Bianchi"}})
    host = party["partyCreate"]["party"]["id"]
    visits = []
    for i in range(n):
        data = await h.ok(
            PLAN,
            {
                "i": {
                    "siteId": site_id,
                    "hostId": host,
                    "visitorName": f"Visitor {i}",
                    "company": "ACME",
                    "expectedAt": now(),
                }
            },
            as_="front_desk",
        )
        assert data["visitPlan"]["errors"] == [], data
        visits.append(data["visitPlan"]["visit"])
    return {"site": site_id, "host": host, "visits": visits}


async def test_plan_check_in_out_and_present_list(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await lobby(h)
        first, second = setup["visits"]
        assert first["status"] == "PLANNED" and first["hostName"] == "Giulia Bianchi"
        assert first["arrivalKind"] == "visit" and first["arrivalStatus"] == "expected"

        got = await h.ok(
            CHECK_IN, {"i": {"id": first["id"], "badgeNumber": "B1"}}, as_="front_desk"
        )
        visit = got["visitCheckIn"]["visit"]
        assert visit["status"] == "CHECKED_IN" and visit["badgeNumber"] == "B1"
        clash = await h.ok(
            CHECK_IN, {"i": {"id": second["id"], "badgeNumber": "B1"}}, as_="front_desk"
        )
        assert clash["visitCheckIn"]["errors"][0]["code"] == "BADGE_IN_USE"
        await h.ok(CHECK_IN, {"i": {"id": second["id"], "badgeNumber": "B2"}}, as_="front_desk")

        present = await h.ok(PRESENT, {"s": setup["site"]}, as_="back_office")
        names = [p["visitorName"] for p in present["visitorsPresent"]]
        assert names == ["Visitor 0", "Visitor 1"]

        out = await h.ok(CHECK_OUT, {"i": {"id": first["id"]}}, as_="front_desk")
        assert out["visitCheckOut"]["visit"]["status"] == "CHECKED_OUT"
        again = await h.ok(CHECK_OUT, {"i": {"id": first["id"]}}, as_="front_desk")
        assert again["visitCheckOut"]["errors"][0]["code"] == "INVALID_TRANSITION"
        present = await h.ok(PRESENT, {"s": setup["site"]}, as_="back_office")
        assert [p["badgeNumber"] for p in present["visitorsPresent"]] == ["B2"]
        assert present["visitorsPresent"][0]["hostName"] == "Giulia Bianchi"

        # Reception's shared list covers visitors.
        here = await h.ok("{ presentNow { arrivalKind partyName arrivalStatus } }")
        assert here["presentNow"] == [
            {"arrivalKind": "visit", "partyName": "Visitor 1", "arrivalStatus": "arrived"}
        ]
        day = dt.datetime.now(dt.UTC).date().isoformat()
        expected = await h.ok("query($d: Date!) { arrivals(day: $d) { arrivalKind } }", {"d": day})
        assert [a["arrivalKind"] for a in expected["arrivals"]] == ["visit", "visit"]
        denied = await h.gql(CHECK_OUT, {"i": {"id": second["id"]}}, as_="back_office")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_check_in_publishes_arrival_for_the_host(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=1)
        visit = setup["visits"][0]
        await h.ok(CHECK_IN, {"i": {"id": visit["id"], "badgeNumber": "B7"}}, as_="front_desk")
        from strawberry import relay

        from sportello.events.models import OutboxEvent

        events = await OutboxEvent.filter(name="visitors.visitor.arrived")
        assert len(events) == 1
        payload = events[0].payload
        assert set(payload) == {
            "visit_id",
            "host_party_id",
            "visitor_name",
            "company",
            "badge_number",
            "arrived_at",
        }
        assert payload["badge_number"] == "B7" and payload["visitor_name"] == "Visitor 0"
        assert payload["host_party_id"] == int(relay.GlobalID.from_id(setup["host"]).node_id)
        assert payload["visit_id"] == int(relay.GlobalID.from_id(visit["id"]).node_id)
        # The check-in time as Python's isoformat, as published before payloads were typed.
        arrived = dt.datetime.fromisoformat(payload["arrived_at"])
        assert payload["arrived_at"] == arrived.isoformat() and arrived.utcoffset() == dt.timedelta(
            0
        )

        await h.ok(CHECK_OUT, {"i": {"id": visit["id"]}}, as_="front_desk")
        [left] = await OutboxEvent.filter(name="visitors.visitor.left")
        assert left.payload == {
            "visit_id": payload["visit_id"],
            "host_party_id": payload["host_party_id"],
            "badge_number": "B7",
        }


async def test_purge_respects_retention(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=3)
        from strawberry import relay

        from sportello_visitors import services
        from sportello_visitors.models import Visit

        ids = [int(relay.GlobalID.from_id(v["id"]).node_id) for v in setup["visits"]]
        old = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
        await Visit.filter(id=ids[0]).update(
            status="checked_out", checked_in_at=old, checked_out_at=old, expected_at=old
        )
        await Visit.filter(id=ids[1]).update(
            status="checked_in", checked_in_at=old, expected_at=old
        )
        assert services.settings().retention_days == 90
        assert await services.purge() == 1
        assert sorted(await Visit.all().values_list("id", flat=True)) == ids[1:]
        assert await services.purge(retention_days=1) == 0


async def test_visits_list_query_count_is_constant(sportello_app) -> None:
    query = "{ visits(first: %d) { edges { node { visitorName hostName host { displayName } } } } }"
    async with sportello_app(MODULES) as h:
        await lobby(h, n=6)
        await h.token()  # create the admin token before counting
        with count_queries() as small:
            one = await h.ok(query % 1)
        with count_queries() as big:
            many = await h.ok(query % 6)
        assert len(one["visits"]["edges"]) == 1 and len(many["visits"]["edges"]) == 6
        # The event dispatcher polls in the background: count this request's queries only.
        small = [q for q in small if "events_" not in q]
        big = [q for q in big if "events_" not in q]
        assert 0 < len(big) == len(small), (small, big)


async def test_concurrent_check_ins_of_one_visit(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await lobby(h, n=1)
        visit = setup["visits"][0]
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(
                h.gql(CHECK_IN, {"i": {"id": visit["id"], "badgeNumber": f"B{i}"}}, token=token)
                for i in range(5)
            )
        )
        won = [r for r in results if r["data"]["visitCheckIn"]["visit"]]
        assert len(won) == 1


async def test_present_list_query_count_is_constant(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=6)
        token = await h.token(roles=["back_office"])
        await h.ok(PRESENT, {"s": setup["site"]}, token=token)  # warm up (token lookup cache)
        counts = []
        for n, visit in enumerate(setup["visits"]):
            await h.ok(CHECK_IN, {"i": {"id": visit["id"], "badgeNumber": f"B{n}"}})
            if n in (0, 5):
                with count_queries() as statements:
                    data = await h.ok(PRESENT, {"s": setup["site"]}, token=token)
                assert len(data["visitorsPresent"]) == n + 1
                counts.append(len([s for s in statements if "events_" not in s]))
        assert 0 < counts[0] == counts[1], counts


async def test_a_malformed_site_id_is_a_typed_error(sportello_app) -> None:
    """The visitor lists refuse a malformed siteId with INVALID_ID (not an empty list)."""
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=2)
        visits = "query($s: ID) { visits(siteId: $s, first: 10) { edges { node { id } } } }"
        listed = await h.ok(visits, {"s": setup["site"]}, as_="back_office")
        assert len(listed["visits"]["edges"]) == 2
        bad = await h.gql('{ visits(siteId: "bad") { totalCount } }', as_="back_office")
        assert bad["data"] is None
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_ID"
        for name, query in (("visits", visits), ("visitorsPresent", PRESENT)):
            for wrong in ("bad", setup["host"]):  # not an ID; the ID of a Party, not a Site
                result = await h.gql(query, {"s": wrong}, as_="back_office")
                assert result["data"] is None, (name, result)
                [error] = result["errors"]
                assert error["path"] == [name]
                assert error["extensions"]["code"] == "INVALID_ID", (name, error)
                assert error["extensions"]["field"] == "siteId"
