"""Other offices ask hr through the core's staff hooks, never importing it: with visitors on,
a visit's host must be an employee at the site; with counter on, a clerk off the roster does
not serve at a counter (a manager still does, and puts the clerk on the roster). Without hr
both offices keep their own rules."""

from __future__ import annotations

import datetime as dt

from hr_helpers import hire, pk, town_hall

from sportello.api import encode_id

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
PLAN = """
mutation($i: VisitPlanInput!) {
  visitPlan(input: $i) { visit { id hostName } errors { field code message } }
}
"""
SERVICE = """
mutation($i: CounterServiceCreateInput!) {
  counterServiceCreate(input: $i) { counterService { id } errors { field code message } }
}
"""
COUNTER = """
mutation($i: CounterCreateInput!) { counterCreate(input: $i) { counter { id } errors { code } } }
"""
ISSUE = """
mutation($i: QueueTicketIssueInput!) {
  queueTicketIssue(input: $i) { ticket { id number } errors { field code message } }
}
"""
CALL = """
mutation($i: QueueCallNextInput!) {
  queueCallNext(input: $i) { ticket { id number } errors { field code message } }
}
"""
STATION = """
mutation($i: StationCreateInput!) { stationCreate(input: $i) { station { id } errors { code } } }
"""
ASSIGN = """
mutation($i: ShiftAssignInput!) {
  shiftAssign(input: $i) { shift { id } errors { field code message } }
}
"""
ALL_DAY = {str(d): [["00:00", "24:00"]] for d in range(7)}


def _soon(hours: int = 2) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)).isoformat()


async def test_visit_hosts_must_be_employees_with_hr_on(sportello_app) -> None:
    async with sportello_app(["reception", "visitors", "hr"]) as h:
        place = await town_hall(h)
        guest = await h.ok(PARTY, {"i": {"displayName": "Hotel Guest"}})
        guest_id = guest["partyCreate"]["party"]["id"]
        refused = await h.ok(
            PLAN,
            {
                "i": {
                    "siteId": place["site"],
                    "hostId": guest_id,
                    "visitorName": "Ada",
                    "expectedAt": _soon(),
                }
            },
            as_="front_desk",
        )
        assert refused["visitPlan"]["errors"][0]["code"] == "HOST_NOT_EMPLOYEE", refused
        assert refused["visitPlan"]["errors"][0]["field"] == "hostId"

        clerk = await hire(h, place, "Carla Host")
        from sportello_hr.models import Employee

        host = encode_id("Party", (await Employee.get(id=pk(clerk.id))).party_id)
        planned = await h.ok(
            PLAN,
            {
                "i": {
                    "siteId": place["site"],
                    "hostId": host,
                    "visitorName": "Ada",
                    "expectedAt": _soon(),
                }
            },
            as_="front_desk",
        )
        assert planned["visitPlan"]["errors"] == [], planned
        # An employee of another site is not a host here.
        other = await town_hall(h, "MI1")
        planned = await h.ok(
            PLAN,
            {
                "i": {
                    "siteId": other["site"],
                    "hostId": host,
                    "visitorName": "Bob",
                    "expectedAt": _soon(),
                }
            },
        )
        assert planned["visitPlan"]["errors"][0]["code"] == "HOST_NOT_EMPLOYEE"


async def test_without_hr_any_known_person_hosts(sportello_app) -> None:
    async with sportello_app(["reception", "visitors"]) as h:
        site = await h.ok(
            "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } } }",
            {"i": {"code": "X1", "name": "Lobby"}},
        )
        guest = await h.ok(PARTY, {"i": {"displayName": "Anyone"}})
        planned = await h.ok(
            PLAN,
            {
                "i": {
                    "siteId": site["siteCreate"]["site"]["id"],
                    "hostId": guest["partyCreate"]["party"]["id"],
                    "visitorName": "Ada",
                    "expectedAt": _soon(),
                }
            },
        )
        assert planned["visitPlan"]["errors"] == []


async def test_a_clerk_off_the_roster_does_not_serve(sportello_app) -> None:
    async with sportello_app(["reception", "counter", "hr"]) as h:
        place = await town_hall(h)
        made = await h.ok(
            SERVICE,
            {
                "i": {
                    "siteId": place["site"],
                    "name": "Anagrafe",
                    "prefix": "A",
                    "openingHours": ALL_DAY,
                }
            },
        )
        service = made["counterServiceCreate"]["counterService"]["id"]
        clerk = await hire(h, place, "Carlo Sportello", roles=("front_desk",))
        colleague = await hire(h, place, "Cora Turno", roles=("front_desk",))
        made = await h.ok(
            COUNTER,
            {
                "i": {
                    "siteId": place["site"],
                    "name": "Sportello 1",
                    "serviceIds": [service],
                    "staffUserId": pk(clerk.user_id),
                }
            },
        )
        counter = made["counterCreate"]["counter"]["id"]
        await h.ok(ISSUE, {"i": {"serviceId": service}}, as_="front_desk")

        station = await h.ok(
            STATION, {"i": {"siteId": place["site"], "name": "Sportello 1", "kind": "COUNTER"}}
        )
        station_id = station["stationCreate"]["station"]["id"]
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        # The site keeps a roster: a colleague is on duty, the clerk is not.
        on = await h.ok(
            ASSIGN,
            {
                "i": {
                    "employeeId": colleague.id,
                    "stationId": station_id,
                    "start": (now - dt.timedelta(hours=1)).isoformat(),
                    "end": (now + dt.timedelta(hours=4)).isoformat(),
                }
            },
        )
        assert on["shiftAssign"]["errors"] == []
        refused = await h.ok(CALL, {"i": {"counterId": counter}}, token=clerk.token)
        assert refused["queueCallNext"]["errors"][0]["code"] == "OFF_DUTY", refused
        assert "roster" in refused["queueCallNext"]["errors"][0]["message"]

        # A manager puts the clerk on the roster: now the clerk serves.
        await h.ok(
            ASSIGN,
            {
                "i": {
                    "employeeId": clerk.id,
                    "stationId": station_id,
                    "start": (now - dt.timedelta(minutes=5)).isoformat(),
                    "end": (now + dt.timedelta(hours=4)).isoformat(),
                }
            },
        )
        served = await h.ok(CALL, {"i": {"counterId": counter}}, token=clerk.token)
        assert served["queueCallNext"]["errors"] == [], served
        assert served["queueCallNext"]["ticket"]["number"] == "A001"
