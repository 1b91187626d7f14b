"""Opening a counter against the roster (hr and counter on): a clerk off duty is refused
(OFF_DUTY) and cannot override; a clerk on duty opens it; a manager opens it for the clerk
off duty only by overriding, and the override is in the audit trail. Without hr a clerk
opens as before."""

from __future__ import annotations

import datetime as dt

from hr_helpers import hire, pk, town_hall
from test_hr_integration import ALL_DAY, ASSIGN, CALL, COUNTER, ISSUE, SERVICE, STATION

OPEN = """
mutation($i: CounterOpenInput!) {
  counterOpen(input: $i) { counter { id active staffUserId } errors { field code message } }
}
"""
AUDIT = """
query($o: ID!) { auditEntries(object: $o, operation: "counterOpen", first: 10) {
  edges { node { operation changes actorId } } } }
"""
COUNTERS = "query($s: ID!) { counters(siteId: $s) { edges { node { id active staffUserId } } } }"


async def _counter(h, site: str, name: str = "Sportello 1") -> str:
    counter, _ = await _counter_and_service(h, site, name)
    return counter


async def _counter_and_service(h, site: str, name: str = "Sportello 1") -> tuple[str, str]:
    made = await h.ok(
        SERVICE,
        {"i": {"siteId": site, "name": "Anagrafe", "prefix": "A", "openingHours": ALL_DAY}},
    )
    service: str = made["counterServiceCreate"]["counterService"]["id"]
    made = await h.ok(COUNTER, {"i": {"siteId": site, "name": name, "serviceIds": [service]}})
    counter: str = made["counterCreate"]["counter"]["id"]
    return counter, service


async def test_a_clerk_off_duty_cannot_open_a_counter_unless_a_manager_overrides(
    sportello_app,
) -> None:
    async with sportello_app(["reception", "counter", "hr"]) as h:
        place = await town_hall(h)
        counter, service = await _counter_and_service(h, place["site"])
        clerk = await hire(h, place, "Carlo Apertura", roles=("front_desk",))
        colleague = await hire(h, place, "Cora Presente", roles=("front_desk",))
        station = await h.ok(
            STATION, {"i": {"siteId": place["site"], "name": "Sportello 1", "kind": "COUNTER"}}
        )
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        on = await h.ok(
            ASSIGN,
            {
                "i": {
                    "employeeId": colleague.id,
                    "stationId": station["stationCreate"]["station"]["id"],
                    "start": (now - dt.timedelta(hours=1)).isoformat(),
                    "end": (now + dt.timedelta(hours=4)).isoformat(),
                }
            },
        )
        assert on["shiftAssign"]["errors"] == []

        refused = await h.ok(OPEN, {"i": {"id": counter}}, token=clerk.token)
        error = refused["counterOpen"]["errors"][0]
        assert error["code"] == "OFF_DUTY" and "roster" in error["message"], refused
        # A clerk may not override the roster.
        refused = await h.ok(OPEN, {"i": {"id": counter, "override": True}}, token=clerk.token)
        assert refused["counterOpen"]["errors"][0] == {
            "field": "override",
            "code": "FORBIDDEN",
            "message": refused["counterOpen"]["errors"][0]["message"],
        }
        # Nor open it for somebody else.
        refused = await h.ok(
            OPEN, {"i": {"id": counter, "staffUserId": pk(colleague.user_id)}}, token=clerk.token
        )
        assert refused["counterOpen"]["errors"][0]["code"] == "FORBIDDEN"
        listed = await h.ok(COUNTERS, {"s": place["site"]})
        assert listed["counters"]["edges"][0]["node"]["staffUserId"] is None  # nothing written

        # The colleague on duty opens it; the clerk cannot take it from them.
        opened = await h.ok(OPEN, {"i": {"id": counter}}, token=colleague.token)
        assert opened["counterOpen"]["errors"] == [], opened
        assert opened["counterOpen"]["counter"]["staffUserId"] == pk(colleague.user_id)
        refused = await h.ok(OPEN, {"i": {"id": counter}}, token=clerk.token)
        assert refused["counterOpen"]["errors"][0]["code"] == "OFF_DUTY"

        # A manager opens it for the clerk: refused without the override, allowed with it.
        for_clerk = {"id": counter, "staffUserId": pk(clerk.user_id)}
        refused = await h.ok(OPEN, {"i": for_clerk}, as_="manager")
        assert refused["counterOpen"]["errors"][0]["code"] == "OFF_DUTY"
        opened = await h.ok(OPEN, {"i": {**for_clerk, "override": True}}, as_="manager")
        assert opened["counterOpen"]["errors"] == [], opened
        assert opened["counterOpen"]["counter"]["staffUserId"] == pk(clerk.user_id)
        assert opened["counterOpen"]["counter"]["active"] is True
        trail = await h.ok(AUDIT, {"o": counter})
        rosters = [e["node"]["changes"]["after"]["roster"] for e in trail["auditEntries"]["edges"]]
        assert rosters == ["overridden", "on_duty"], trail

        # The override holds for the clerk at this counter: they call the next ticket.
        await h.ok(ISSUE, {"i": {"serviceId": service}}, as_="front_desk")
        served = await h.ok(CALL, {"i": {"counterId": counter}}, token=clerk.token)
        assert served["queueCallNext"]["errors"] == [], served
        assert served["queueCallNext"]["ticket"]["number"] == "A001"


async def test_without_hr_a_clerk_opens_a_counter(sportello_app) -> None:
    async with sportello_app(["reception", "counter"]) as h:
        site = await h.ok(
            "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } } }",
            {"i": {"code": "NOHR", "name": "Municipio"}},
        )
        site_id = site["siteCreate"]["site"]["id"]
        counter = await _counter(h, site_id)
        clerk = await h.token(roles=["front_desk"], sites=[pk(site_id)])
        opened = await h.ok(OPEN, {"i": {"id": counter}}, token=clerk)
        assert opened["counterOpen"]["errors"] == [], opened
        trail = await h.ok(AUDIT, {"o": counter})
        assert (
            trail["auditEntries"]["edges"][0]["node"]["changes"]["after"]["roster"] == "no_roster"
        )
