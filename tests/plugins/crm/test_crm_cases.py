"""A case from the desk to a department and back: triage, transfer with the whole context,
the SLA clock (a legal deadline, paused while waiting on the citizen), resolution, reopening,
the requester told at each step."""

from __future__ import annotations

import datetime as dt

from crm_helpers import (
    CASE,
    CASE_NODE,
    LOG,
    MEMBER,
    MODULES,
    POLICY,
    REOPEN,
    RESOLVE,
    TAKE,
    TRANSFER,
    TRIAGE,
    WAIT,
    codes,
    create_case,
    department,
    ok_payload,
    party,
    site,
)

from sportello.testing import count_queries

ME = "{ me { id } }"
DESK_LIST = f"""
query($s: [CaseStatus!], $d: ID, $n: Int) {{
  cases(status: $s, departmentId: $d, first: $n) {{ totalCount edges {{ node {{ {CASE} }} }} }}
}}
"""
CLOCK = "query($id: ID!) { node(id: $id) { ... on Case { slaClock { state pausedMinutes } } } }"
DELIVERIES = """
query { notificationDeliveries(first: 50) { edges { node { kind partyId userId channel } } } }
"""


def _when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_a_complaint_goes_to_a_department_and_back(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        tributi = await department(h, "Tributi", hq)
        clerk_token = await h.token(roles=["back_office"], email="tributi@test.example")
        clerk = (await h.ok(ME, token=clerk_token))["me"]["id"]
        await ok_payload(
            h, MEMBER, "departmentMemberAdd", {"departmentId": tributi, "userId": clerk}
        )
        # Citizen requests about taxes have a legal deadline of 30 calendar days.
        await ok_payload(
            h,
            POLICY,
            "slaPolicyCreate",
            {
                "name": "Legge 241",
                "office": "crm",
                "category": "taxes",
                "deadlineDays": 30,
                "deadlineKind": "CALENDAR",
            },
            as_="manager",
        )
        maria = await party(h, "Maria Rossi", email="maria@test.example", preferredLanguage="it")
        call = await ok_payload(
            h,
            LOG,
            "interactionLog",
            {
                "siteId": hq,
                "partyId": maria,
                "channel": "PHONE",
                "filterNote": "Angry about a double tax bill",
            },
            as_="front_desk",
        )
        interaction = call["interaction"]["id"]

        case = await create_case(
            h,
            siteId=hq,
            partyId=maria,
            subject="Double tax bill",
            description="Billed twice for the waste tax",
            channel="PHONE",
            kind="COMPLAINT",
            interactionIds=[interaction],
            links=[{"objectId": hq}],
        )
        assert case["status"] == "OPEN" and case["reference"].startswith("C-")
        assert case["interactions"] == [{"id": interaction, "channel": "PHONE", "subject": ""}]
        assert case["dueAt"] is None  # no category yet: no policy applies
        triaged = await ok_payload(
            h,
            TRIAGE,
            "caseTriage",
            {"id": case["id"], "category": "taxes", "priority": "HIGH"},
            as_="front_desk",
        )
        due = _when(triaged["case"]["dueAt"])
        assert dt.timedelta(days=29) < due - dt.datetime.now(dt.UTC) <= dt.timedelta(days=30)

        moved = await ok_payload(
            h,
            TRANSFER,
            "caseTransfer",
            {"id": case["id"], "departmentId": tributi, "note": "Check the 2026 roll"},
            as_="front_desk",
        )
        assert moved["case"]["status"] == "TRANSFERRED"
        assert moved["case"]["department"] == {"id": tributi, "name": "Tributi"}

        # The department sees the whole context; so does the desk, while it works.
        queue = (await h.ok(DESK_LIST, {"d": tributi, "n": 10}, token=clerk_token))["cases"]
        [seen] = [e["node"] for e in queue["edges"]]
        assert seen["party"] == {"id": maria} and seen["links"] == [
            {"objectType": "Site", "objectId": hq}
        ]
        assert seen["interactions"][0]["id"] == interaction
        assert seen["history"][-1]["note"] == "Check the 2026 roll"

        ours = "{ cases(first: 10, myDepartments: true) { edges { node { id } } } }"
        mine = (await h.ok(ours, token=clerk_token))["cases"]["edges"]
        assert [e["node"]["id"] for e in mine] == [case["id"]]
        assert (await h.ok(ours, as_="front_desk"))["cases"]["edges"] == []
        taken = await ok_payload(h, TAKE, "caseTake", {"id": case["id"]}, token=clerk_token)
        assert taken["case"]["assigneeId"] == clerk
        waiting = await ok_payload(
            h,
            WAIT,
            "caseWait",
            {"id": case["id"], "note": "Asked for the receipts"},
            token=clerk_token,
        )
        assert waiting["case"]["status"] == "WAITING" and waiting["case"]["dueAt"] is None
        clock = (await h.ok(CLOCK, {"id": case["id"]}))["node"]["slaClock"]
        assert clock["state"] == "PAUSED"

        # Maria brings the receipts: the case goes back to Tributi, the clock runs again.
        await ok_payload(
            h,
            LOG,
            "interactionLog",
            {
                "siteId": hq,
                "partyId": maria,
                "channel": "COUNTER",
                "caseId": case["id"],
                "subject": "Receipts",
            },
            as_="front_desk",
        )
        node = (await h.ok(CASE_NODE, {"id": case["id"]}, as_="front_desk"))["node"]
        assert node["status"] == "TRANSFERRED" and _when(node["dueAt"]) >= due
        assert (await h.ok(CLOCK, {"id": case["id"]}))["node"]["slaClock"]["state"] == "RUNNING"

        resolved = await ok_payload(
            h,
            RESOLVE,
            "caseResolve",
            {"id": case["id"], "outcome": "The second bill was cancelled"},
            token=clerk_token,
        )
        assert resolved["case"]["status"] == "RESOLVED"
        assert resolved["case"]["outcome"] == "The second bill was cancelled"
        assert (await h.ok(CLOCK, {"id": case["id"]}))["node"]["slaClock"]["state"] == "MET"

        history = resolved["case"]["history"]
        assert [(e["action"], e["toStatus"]) for e in history] == [
            ("created", "OPEN"),
            ("triaged", "OPEN"),
            ("transferred", "TRANSFERRED"),
            ("taken", "TRANSFERRED"),
            ("waiting", "WAITING"),
            ("party_answered", "TRANSFERRED"),
            ("resolved", "RESOLVED"),
        ]
        assert history[2]["departmentId"] == tributi and history[3]["userId"] == clerk

        # Maria was told at creation, on the transfer and on resolution; Tributi's clerk
        # heard of the transfer.
        log = [e["node"] for e in (await h.ok(DELIVERIES))["notificationDeliveries"]["edges"]]
        kinds = {(d["kind"], d["userId"] is None) for d in log}
        assert {
            ("crm.case_received", True),
            ("crm.case_transferred", True),
            ("crm.case_resolved", True),
            ("crm.case_assigned", False),
        } <= kinds

        # She writes again: the case is reopened, back at Tributi.
        await ok_payload(
            h,
            LOG,
            "interactionLog",
            {
                "siteId": hq,
                "partyId": maria,
                "channel": "EMAIL",
                "caseId": case["id"],
                "subject": "Still billed twice",
            },
        )
        node = (await h.ok(CASE_NODE, {"id": case["id"]}))["node"]
        assert node["status"] == "TRANSFERRED" and node["reopenedCount"] == 1
        assert node["history"][-1]["action"] == "reopened"


async def test_answered_at_once_and_the_rules_of_each_step(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        case = await create_case(h, siteId=hq, subject="Opening hours?", kind="INFORMATION")
        done = await ok_payload(
            h,
            RESOLVE,
            "caseResolve",
            {"id": case["id"], "outcome": "9-13 every weekday"},
            as_="front_desk",
        )
        assert done["case"]["status"] == "RESOLVED" and done["case"]["department"] is None
        again = (await h.ok(RESOLVE, {"i": {"id": case["id"], "outcome": "x"}}))["caseResolve"]
        assert codes(again) == [("id", "INVALID_TRANSITION")]
        empty = (await h.ok(RESOLVE, {"i": {"id": case["id"], "outcome": " "}}))["caseResolve"]
        assert codes(empty) == [("outcome", "REQUIRED")]
        reopened = await ok_payload(h, REOPEN, "caseReopen", {"id": case["id"], "note": "More"})
        assert reopened["case"]["status"] == "OPEN"
        stale = (await h.ok(TRIAGE, {"i": {"id": case["id"], "priority": "LOW", "version": 1}}))[
            "caseTriage"
        ]
        assert codes(stale) == [("version", "CONFLICT")]
        other = await site(h, "B2")
        elsewhere = await department(h, "Anagrafe B2", other)
        refused = (await h.ok(TRANSFER, {"i": {"id": case["id"], "departmentId": elsewhere}}))[
            "caseTransfer"
        ]
        assert codes(refused) == [("departmentId", "NOT_FOUND")]
        # A clerk of another site does not see the case at all.
        outsider = await h.token(roles=["front_desk"], sites=[int(_pk(other))])
        hidden = (await h.ok(RESOLVE, {"i": {"id": case["id"], "outcome": "x"}}, token=outsider))[
            "caseResolve"
        ]
        assert codes(hidden) == [("id", "NOT_FOUND")]
        # An auditor only reads.
        denied = await h.gql(RESOLVE, {"i": {"id": case["id"], "outcome": "x"}}, as_="auditor")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def _pk(global_id: str) -> int:
    from crm_helpers import pk

    return pk(global_id)


async def test_case_list_costs_the_same_sql_at_page_sizes_1_and_50(sportello_app) -> None:
    # Every nested list selected on 50 cases is over the default cost limit.
    async with sportello_app(MODULES, graphql={"max_cost": 200_000}) as h:
        hq = await site(h)
        tributi = await department(h, "Tributi", hq)
        maria = await party(h)
        for n in range(50):
            case = await create_case(
                h, siteId=hq, partyId=maria, subject=f"Request {n}", links=[{"objectId": hq}]
            )
            await ok_payload(
                h,
                TRANSFER,
                "caseTransfer",
                {"id": case["id"], "departmentId": tributi, "note": "n"},
            )
        token = await h.token(roles=["front_desk"])
        await h.settle()
        await h.ok(DESK_LIST, {"n": 1}, token=token)
        counts = []
        for size in (1, 50):
            with count_queries() as statements:
                data = await h.ok(DESK_LIST, {"n": size, "d": tributi}, token=token)
            assert len(data["cases"]["edges"]) == size
            counts.append(len(statements))
        assert counts[0] == counts[1], counts


async def test_the_case_list_reads_due_times_in_its_own_statement(sportello_app) -> None:
    """``dueAt`` on a page of cases comes with the page's one SQL statement, and says what the
    case itself says: its clock's due time, null without a policy or while waiting."""
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        await ok_payload(
            h,
            POLICY,
            "slaPolicyCreate",
            {
                "name": "Legge 241",
                "office": "crm",
                "category": "taxes",
                "deadlineDays": 30,
                "deadlineKind": "CALENDAR",
            },
            as_="manager",
        )
        maria = await party(h)
        taxes = [
            await create_case(h, siteId=hq, partyId=maria, subject=f"Tax {n}", category="taxes")
            for n in range(3)
        ]
        other = await create_case(h, siteId=hq, partyId=maria, subject="Opening hours")
        await ok_payload(h, WAIT, "caseWait", {"id": taxes[1]["id"], "note": "doc"})
        token = await h.token(roles=["front_desk"])
        await h.ok(DESK_LIST, {"n": 10}, token=token)
        with count_queries() as statements:
            page = await h.ok(DESK_LIST, {"n": 10}, token=token)
        # The page and its total count; no statement for the clocks.
        assert not [s for s in statements if "sla_clock" in s and "crm_case" not in s]
        listed = {e["node"]["id"]: e["node"]["dueAt"] for e in page["cases"]["edges"]}
        for case in [*taxes, other]:
            alone = (await h.ok(CASE_NODE, {"id": case["id"]}))["node"]["dueAt"]
            assert listed[case["id"]] == alone
        assert listed[taxes[0]["id"]] is not None and listed[taxes[2]["id"]] is not None
        assert listed[taxes[1]["id"]] is None  # waiting on the citizen: the clock is paused
        assert listed[other["id"]] is None  # no policy applies
