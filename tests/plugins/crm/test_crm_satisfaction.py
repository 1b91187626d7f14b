"""Satisfaction asked on closure: the survey waits a day after the resolution, a reopening
withdraws it, the answer is recorded once."""

from __future__ import annotations

import datetime as dt

from crm_helpers import MODULES, REOPEN, RESOLVE, codes, create_case, ok_payload, party, site

RECORD = """
mutation($i: CaseSatisfactionRecordInput!) {
  caseSatisfactionRecord(input: $i) { case { id satisfaction satisfactionComment }
                                      errors { field code } }
}
"""
SURVEYS = """
{ notificationDeliveries(first: 20, kind: "crm.case_satisfaction") { edges { node {
  channel status nextAttemptAt } } } }
"""


async def _surveys(h) -> list[dict]:
    edges = (await h.ok(SURVEYS))["notificationDeliveries"]["edges"]
    return [e["node"] for e in edges if e["node"]["channel"] == "EMAIL"]


async def test_the_requester_is_asked_a_day_later_and_answers_once(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        maria = await party(h, email="maria@example.org")
        case = await create_case(h, siteId=hq, partyId=maria, subject="Pothole")
        early = (await h.ok(RECORD, {"i": {"id": case["id"], "score": 5}}))[
            "caseSatisfactionRecord"
        ]
        assert codes(early) == [("id", "INVALID_TRANSITION")]
        await ok_payload(h, RESOLVE, "caseResolve", {"id": case["id"], "outcome": "Filled"})
        [survey] = await _surveys(h)
        due = dt.datetime.fromisoformat(survey["nextAttemptAt"].replace("Z", "+00:00"))
        later = due - dt.datetime.now(dt.UTC)
        assert survey["status"] == "QUEUED"
        assert dt.timedelta(hours=23) < later <= dt.timedelta(hours=24)

        await ok_payload(h, REOPEN, "caseReopen", {"id": case["id"]})
        assert [s["status"] for s in await _surveys(h)] == ["CANCELLED"]
        await ok_payload(h, RESOLVE, "caseResolve", {"id": case["id"], "outcome": "Refilled"})

        bad = (await h.ok(RECORD, {"i": {"id": case["id"], "score": 9}}))["caseSatisfactionRecord"]
        assert codes(bad) == [("score", "OUT_OF_RANGE")]
        rated = await ok_payload(
            h,
            RECORD,
            "caseSatisfactionRecord",
            {"id": case["id"], "score": 4, "comment": "Quick"},
            as_="front_desk",
        )
        assert rated["case"]["satisfaction"] == 4
        twice = (await h.ok(RECORD, {"i": {"id": case["id"], "score": 1}}))[
            "caseSatisfactionRecord"
        ]
        assert codes(twice) == [("id", "INVALID_TRANSITION")]
