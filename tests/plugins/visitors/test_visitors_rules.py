"""Badges under concurrency, employees planning their own visitors, cancel, GDPR, local days."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

from test_visitors_visits import CHECK_IN, MODULES, PARTY, PLAN, SITE, lobby

CANCEL = """
mutation($i: VisitCancelInput!) {
  visitCancel(input: $i) { visit { id status } errors { field code message } }
}
"""
ME = "{ me { partyId } }"
PLAN_MIN = """
mutation($i: VisitPlanInput!) {
  visitPlan(input: $i) { visit { id hostName status } errors { field code message } }
}
"""


def _when(hours: int = 0) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)).isoformat()


async def test_one_badge_one_visitor_under_concurrency(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await lobby(h, n=8)
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(
                h.gql(CHECK_IN, {"i": {"id": v["id"], "badgeNumber": "B-42"}}, token=token)
                for v in setup["visits"]
            )
        )
        payloads = [r["data"]["visitCheckIn"] for r in results]
        won = [p for p in payloads if p["visit"]]
        assert len(won) == 1, payloads
        assert {p["errors"][0]["code"] for p in payloads if not p["visit"]} == {"BADGE_IN_USE"}
        from sportello_visitors.models import Visit

        assert await Visit.filter(status="checked_in", badge_number="B-42").count() == 1


async def test_the_index_enforces_badges_when_the_check_is_raced(
    sportello_app, monkeypatch
) -> None:
    """The service's early check loses the race (simulated): the unique index still refuses
    the second badge and the API answers BADGE_IN_USE, on SQLite and PostgreSQL."""
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=3)
        first, second, third = setup["visits"]
        await h.ok(CHECK_IN, {"i": {"id": first["id"], "badgeNumber": "B1"}}, as_="front_desk")
        from sportello_visitors import services

        async def never_taken(*args: object) -> bool:
            return False

        monkeypatch.setattr(services, "badge_taken", never_taken)
        clash = await h.ok(
            CHECK_IN, {"i": {"id": second["id"], "badgeNumber": "B1"}}, as_="front_desk"
        )
        assert clash["visitCheckIn"]["visit"] is None
        assert clash["visitCheckIn"]["errors"] == [{"field": "badgeNumber", "code": "BADGE_IN_USE"}]
        # Another badge is fine, and so is B1 again once its wearer left.
        ok = await h.ok(CHECK_IN, {"i": {"id": third["id"], "badgeNumber": "B2"}}, as_="front_desk")
        assert ok["visitCheckIn"]["errors"] == []
        checkout = (
            "mutation($i: VisitCheckOutInput!) { visitCheckOut(input: $i) { errors { code } } }"
        )
        await h.ok(checkout, {"i": {"id": first["id"]}}, as_="front_desk")
        again = await h.ok(
            CHECK_IN, {"i": {"id": second["id"], "badgeNumber": "B1"}}, as_="front_desk"
        )
        assert again["visitCheckIn"]["visit"]["status"] == "CHECKED_IN"


async def test_badge_numbers_are_normalised(sportello_app) -> None:
    """Regression: " v-01 " checked in while "V-01" was worn. Case and spaces do not make
    another badge: it is stored as printed on it, and refused while worn."""
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=3)
        first, second, third = setup["visits"]
        worn = await h.ok(
            CHECK_IN, {"i": {"id": first["id"], "badgeNumber": "V-01"}}, as_="front_desk"
        )
        assert worn["visitCheckIn"]["visit"]["badgeNumber"] == "V-01"
        for variant in (" v-01 ", "v-01", "V -01", "\tv- 0 1"):
            clash = await h.ok(
                CHECK_IN, {"i": {"id": second["id"], "badgeNumber": variant}}, as_="front_desk"
            )
            assert clash["visitCheckIn"]["visit"] is None, variant
            assert clash["visitCheckIn"]["errors"] == [
                {"field": "badgeNumber", "code": "BADGE_IN_USE"}
            ]
        lower = await h.ok(
            CHECK_IN, {"i": {"id": third["id"], "badgeNumber": " v-02 "}}, as_="front_desk"
        )
        assert lower["visitCheckIn"]["visit"]["badgeNumber"] == "V-02"
        blank = await h.ok(
            CHECK_IN, {"i": {"id": second["id"], "badgeNumber": "  "}}, as_="front_desk"
        )
        assert blank["visitCheckIn"]["errors"] == [{"field": "badgeNumber", "code": "REQUIRED"}]


async def test_employees_plan_their_own_visitors(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=0)
        employee = await h.token(roles=["back_office"], email="giulia@test.example")
        colleague = await h.token(roles=["back_office"], email="marco@test.example")
        mine = (await h.ok(ME, token=employee))["me"]["partyId"]
        base = {"siteId": setup["site"], "visitorName": "Anna Schmidt", "expectedAt": _when(1)}

        planned = (await h.ok(PLAN_MIN, {"i": base}, token=employee))["visitPlan"]
        assert planned["errors"] == [] and planned["visit"]["status"] == "PLANNED"
        assert planned["visit"]["hostName"] == "giulia@test.example"  # the caller's own party
        explicit = await h.ok(PLAN_MIN, {"i": {**base, "hostId": mine}}, token=employee)
        assert explicit["visitPlan"]["errors"] == []
        for_other = await h.ok(PLAN_MIN, {"i": {**base, "hostId": setup["host"]}}, token=employee)
        assert for_other["visitPlan"]["visit"] is None
        assert for_other["visitPlan"]["errors"][0]["field"] == "hostId"
        assert for_other["visitPlan"]["errors"][0]["code"] == "FORBIDDEN"
        # The desk plans for any host.
        desk = await h.ok(PLAN_MIN, {"i": {**base, "hostId": setup["host"]}}, as_="front_desk")
        assert desk["visitPlan"]["visit"]["hostName"] == "Giulia Bianchi"
        # An employee does not check visitors in, and an auditor does not plan.
        visit_id = planned["visit"]["id"]
        denied = await h.gql(CHECK_IN, {"i": {"id": visit_id, "badgeNumber": "B1"}}, token=employee)
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        auditor = await h.gql(PLAN_MIN, {"i": base}, as_="auditor")
        assert auditor["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

        # visitCancel: the host cancels their own; a colleague cannot; the desk can.
        other = await h.ok(CANCEL, {"i": {"id": visit_id}}, token=colleague)
        assert other["visitCancel"]["errors"][0]["code"] == "FORBIDDEN"
        gone = await h.ok(CANCEL, {"i": {"id": visit_id}}, token=employee)
        assert gone["visitCancel"]["visit"]["status"] == "CANCELLED"
        twice = await h.ok(CANCEL, {"i": {"id": visit_id}}, token=employee)
        assert twice["visitCancel"]["errors"][0]["code"] == "INVALID_TRANSITION"
        desk_visit = desk["visitPlan"]["visit"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": desk_visit, "badgeNumber": "B9"}}, as_="front_desk")
        arrived = await h.ok(CANCEL, {"i": {"id": desk_visit}}, as_="front_desk")
        assert arrived["visitCancel"]["errors"][0]["code"] == "INVALID_TRANSITION"

        # The day the visits are expected (the lobby is in UTC): an hour from now may be tomorrow.
        day = dt.datetime.fromisoformat(base["expectedAt"]).date().isoformat()
        kinds = await h.ok("query($d: Date!) { arrivals(day: $d) { partyName } }", {"d": day})
        assert len(kinds["arrivals"]) == 2  # the cancelled visit is not expected

        from sportello.identity.models import AuditEntry

        assert await AuditEntry.filter(operation="visitCancel").count() == 1
        assert await AuditEntry.filter(operation="visitPlan").count() == 3


async def test_export_includes_the_visitor_name_and_erasure_blanks_it(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await lobby(h, n=0)
        person = await h.ok(PARTY, {"i": {"displayName": "Anna Schmidt"}})
        visitor = person["partyCreate"]["party"]["id"]
        plan = {
            "siteId": setup["site"],
            "hostId": setup["host"],
            "visitorId": visitor,
            "visitorName": "Anna Schmidt",
            "company": "Schmidt GmbH",
            "expectedAt": _when(),
        }
        visit = (await h.ok(PLAN, {"i": plan}, as_="front_desk"))["visitPlan"]["visit"]
        await h.ok(CHECK_IN, {"i": {"id": visit["id"], "badgeNumber": "V-1"}}, as_="front_desk")

        query = "query($id: ID!) { partyDataExport(id: $id) }"
        exported = (await h.ok(query, {"id": visitor}))["partyDataExport"]
        [row] = exported["offices"]["visitors"]["visits"]
        assert row["visitor_name"] == "Anna Schmidt" and row["company"] == "Schmidt GmbH"
        assert row["badge_number"] == "V-1"

        erase = """mutation($i: PartyEraseInput!) { partyErase(input: $i) {
            reports { plugin erased } errors { code } } }"""
        reports = (await h.ok(erase, {"i": {"id": visitor}}))["partyErase"]["reports"]
        mine = next(r for r in reports if r["plugin"] == "visitors")
        assert "visitors_visit.visitor_name" in mine["erased"]
        again = (await h.ok(query, {"id": visitor}))["partyDataExport"]
        assert "Anna Schmidt" not in json.dumps(again["offices"]["visitors"])


async def test_arrivals_use_the_site_local_day(sportello_app) -> None:
    """Rome is UTC+1 in March: 23:30 UTC on the 4th is the 5th there."""
    async with sportello_app(MODULES) as h:
        site = {"code": "ROMA", "name": "Roma", "timezone": "Europe/Rome"}
        site_id = (await h.ok(SITE, {"i": site}))["siteCreate"]["site"]["id"]
        for name, when in (
            ("Late", "2026-03-04T23:30:00+00:00"),
            ("Early", "2026-03-04T22:30:00+00:00"),
        ):
            plan = {"siteId": site_id, "visitorName": name, "expectedAt": when}
            assert (await h.ok(PLAN_MIN, {"i": plan}))["visitPlan"]["errors"] == []
        query = "query($d: Date!) { arrivals(day: $d) { partyName expectedAt } }"
        fourth = (await h.ok(query, {"d": "2026-03-04"}))["arrivals"]
        fifth = (await h.ok(query, {"d": "2026-03-05"}))["arrivals"]
        assert [a["partyName"] for a in fourth] == ["Early"]
        assert [a["partyName"] for a in fifth] == ["Late"]
