"""A reopened case runs its SLA clock again: the time counted before stays counted, the time
it was resolved does not count, and the desk sees a due time again."""

from __future__ import annotations

from crm_helpers import (
    MODULES,
    POLICY,
    REOPEN,
    RESOLVE,
    create_case,
    ok_payload,
    site,
)

CLOCK = """
query($id: ID!) { node(id: $id) { ... on Case {
  status dueAt slaClock { state resolvedAt usedBusinessMinutes }
} } }
"""


async def test_reopening_a_resolved_case_restarts_its_clock(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        await ok_payload(
            h,
            POLICY,
            "slaPolicyCreate",
            {"name": "Desk", "office": "crm", "resolutionMinutes": 480, "deadlineKind": "CALENDAR"},
        )
        case = await create_case(h, siteId=hq, subject="Wrong bill")
        assert case["dueAt"] is not None
        await ok_payload(h, RESOLVE, "caseResolve", {"id": case["id"], "outcome": "Refunded"})
        done = (await h.ok(CLOCK, {"id": case["id"]}))["node"]
        assert done["slaClock"]["state"] == "MET" and done["slaClock"]["resolvedAt"]
        reopened = await ok_payload(h, REOPEN, "caseReopen", {"id": case["id"], "note": "Not yet"})
        assert reopened["case"]["status"] == "OPEN"
        again = (await h.ok(CLOCK, {"id": case["id"]}))["node"]
        assert again["slaClock"]["state"] == "RUNNING"
        assert again["slaClock"]["resolvedAt"] is None
        assert again["dueAt"] is not None
        await ok_payload(h, RESOLVE, "caseResolve", {"id": case["id"], "outcome": "Refunded now"})
        final = (await h.ok(CLOCK, {"id": case["id"]}))["node"]
        assert final["slaClock"]["state"] == "MET"
