"""The sales pipeline: stages, opportunities with value and currency, won and lost with a
reason, follow-ups with reminders, follow-ups created by other offices' events."""

from __future__ import annotations

import datetime as dt

from crm_helpers import MODULES, codes, ok_payload, party, site

from sportello.testing import count_queries

OPP = """
id title status currency expectedValue version ownerId contactName
stage { id name } party { id } lostReason { name } lostNote
"""
CREATE = f"""
mutation($i: OpportunityCreateInput!) {{
  opportunityCreate(input: $i) {{ opportunity {{ {OPP} }} errors {{ field code message }} }}
}}
"""
UPDATE = f"""
mutation($i: OpportunityUpdateInput!) {{
  opportunityUpdate(input: $i) {{ opportunity {{ {OPP} }} errors {{ field code message }} }}
}}
"""
WIN = f"""
mutation($i: OpportunityWinInput!) {{
  opportunityWin(input: $i) {{ opportunity {{ {OPP} }} errors {{ field code message }} }}
}}
"""
LOSE = f"""
mutation($i: OpportunityLoseInput!) {{
  opportunityLose(input: $i) {{ opportunity {{ {OPP} }} errors {{ field code message }} }}
}}
"""
STAGE = """
mutation($i: PipelineStageCreateInput!) {
  pipelineStageCreate(input: $i) { pipelineStage { id name position } errors { field code } }
}
"""
STAGES = "{ pipelineStages { id name outcome probability } lostReasons { id name } }"
LIST = f"""
query($n: Int, $s: OpportunityStatus) {{
  opportunities(first: $n, status: $s) {{ totalCount edges {{ node {{ {OPP} }} }} }}
}}
"""
ACTIVITY = """
id title kind dueAt remindMinutes done ownerId party { id } opportunity { id }
"""
ACTIVITY_CREATE = f"""
mutation($i: ActivityCreateInput!) {{
  activityCreate(input: $i) {{ activity {{ {ACTIVITY} }} errors {{ field code message }} }}
}}
"""
ACTIVITY_DONE = f"""
mutation($i: ActivityDoneInput!) {{
  activityDone(input: $i) {{ activity {{ {ACTIVITY} }} errors {{ field code }} }}
}}
"""
ACTIVITIES = f"""
query($d: Boolean) {{ activities(first: 20, done: $d) {{ edges {{ node {{ {ACTIVITY} }} }} }} }}
"""
DELIVERIES = """
query($k: String) { notificationDeliveries(first: 20, kind: $k) { edges { node {
  channel status nextAttemptAt userId
} } } }
"""


async def test_an_opportunity_through_the_pipeline(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        acme = await party(h, "ACME Srl")
        catalogue = await h.ok(STAGES, as_="back_office")
        names = [s["name"] for s in catalogue["pipelineStages"]]
        assert names == ["New", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]
        added = await ok_payload(
            h, STAGE, "pipelineStageCreate", {"name": "Demo", "position": 25}, as_="manager"
        )
        assert added["pipelineStage"]["position"] == 25

        made = await ok_payload(
            h,
            CREATE,
            "opportunityCreate",
            {
                "siteId": hq,
                "title": "Yearly maintenance",
                "partyId": acme,
                "expectedValue": "1200.50",
                "currency": "eur",
            },
            as_="back_office",
        )
        opp = made["opportunity"]
        assert (opp["stage"]["name"], opp["status"], opp["currency"]) == ("New", "OPEN", "EUR")
        assert opp["expectedValue"] == "1200.50" and opp["ownerId"] is not None
        stages = {s["name"]: s["id"] for s in catalogue["pipelineStages"]}
        moved = await ok_payload(
            h,
            UPDATE,
            "opportunityUpdate",
            {"id": opp["id"], "stageId": stages["Proposal"], "version": opp["version"]},
            as_="back_office",
        )
        assert moved["opportunity"]["stage"]["name"] == "Proposal"
        stale = (
            await h.ok(
                UPDATE,
                {"i": {"id": opp["id"], "stageId": stages["New"], "version": opp["version"]}},
            )
        )["opportunityUpdate"]
        assert codes(stale) == [("version", "CONFLICT")]
        closed_stage = (await h.ok(UPDATE, {"i": {"id": opp["id"], "stageId": stages["Won"]}}))[
            "opportunityUpdate"
        ]
        assert codes(closed_stage) == [("stageId", "INVALID")]
        won = await ok_payload(h, WIN, "opportunityWin", {"id": opp["id"]}, as_="back_office")
        assert (won["opportunity"]["status"], won["opportunity"]["stage"]["name"]) == ("WON", "Won")
        again = (await h.ok(WIN, {"i": {"id": opp["id"]}}))["opportunityWin"]
        assert codes(again) == [("id", "INVALID_TRANSITION")]

        lead = await ok_payload(
            h,
            CREATE,
            "opportunityCreate",
            {
                "siteId": hq,
                "title": "Fair contact",
                "contactName": "Eva Novak",
                "contactEmail": "Eva@Example.org",
                "source": "fair",
            },
        )
        price = next(r["id"] for r in catalogue["lostReasons"] if r["name"] == "Price")
        lost = await ok_payload(
            h,
            LOSE,
            "opportunityLose",
            {"id": lead["opportunity"]["id"], "lostReasonId": price, "note": "Too dear"},
        )
        assert lost["opportunity"]["lostReason"] == {"name": "Price"}
        assert lost["opportunity"]["status"] == "LOST"

        open_ones = (await h.ok(LIST, {"n": 10, "s": "OPEN"}))["opportunities"]
        assert open_ones["totalCount"] == 0
        assert (await h.ok(LIST, {"n": 10}))["opportunities"]["totalCount"] == 2


async def test_bad_pipeline_input_is_typed(sportello_app) -> None:
    from sportello_crm.models import Opportunity

    async with sportello_app(MODULES) as h:
        hq = await site(h)
        cases = [
            ({"title": "x", "contactName": "A", "currency": "XYZ"}, ("currency", "INVALID")),
            (
                {"title": "x", "contactName": "A", "expectedValue": "-1"},
                ("expectedValue", "INVALID"),
            ),
            ({"title": "x"}, ("partyId", "REQUIRED")),
            ({"title": " ", "contactName": "A"}, ("title", "REQUIRED")),
            (
                {"title": "x", "contactName": "A", "expectedValue": "10000000000000"},
                ("expectedValue", "OUT_OF_RANGE"),
            ),
        ]
        for given, expected in cases:
            result = (await h.ok(CREATE, {"i": {"siteId": hq, **given}}))["opportunityCreate"]
            assert codes(result) == [expected], (given, result)
        assert await Opportunity.all().count() == 0
        # Setting up the pipeline is for managers of every site.
        boss = await h.token(roles=["manager"], sites=[1])
        refused = (await h.ok(STAGE, {"i": {"name": "Mine"}}, token=boss))["pipelineStageCreate"]
        assert codes(refused) == [("id", "FORBIDDEN")]
        taken = (await h.ok(STAGE, {"i": {"name": "Won"}}))["pipelineStageCreate"]
        assert codes(taken) == [("name", "CONFLICT")]


async def test_list_costs_the_same_sql_at_page_sizes_1_and_50(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        acme = await party(h, "ACME Srl")
        for n in range(50):
            await ok_payload(
                h,
                CREATE,
                "opportunityCreate",
                {"siteId": hq, "title": f"Deal {n}", "partyId": acme},
            )
        token = await h.token(roles=["back_office"])
        await h.settle()
        await h.ok(LIST, {"n": 1}, token=token)
        counts = []
        for size in (1, 50):
            with count_queries() as statements:
                await h.ok(LIST, {"n": size}, token=token)
            counts.append(len(statements))
        assert counts[0] == counts[1], counts


async def test_a_follow_up_reminds_its_owner_and_done_withdraws_it(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        maria = await party(h)
        due = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
        made = await ok_payload(
            h,
            ACTIVITY_CREATE,
            "activityCreate",
            {
                "siteId": hq,
                "partyId": maria,
                "title": "Call back about the offer",
                "dueAt": due.isoformat(),
                "remindMinutes": 60,
            },
            as_="front_desk",
        )
        activity = made["activity"]
        assert activity["done"] is False and activity["remindMinutes"] == 60
        log = [
            e["node"]
            for e in (await h.ok(DELIVERIES, {"k": "crm.follow_up_due"}))["notificationDeliveries"][
                "edges"
            ]
        ]
        assert [(d["channel"], d["status"]) for d in log] == [("EMAIL", "QUEUED")]
        when = dt.datetime.fromisoformat(log[0]["nextAttemptAt"].replace("Z", "+00:00"))
        assert abs(when - (due - dt.timedelta(minutes=60))) < dt.timedelta(seconds=1)

        done = await ok_payload(h, ACTIVITY_DONE, "activityDone", {"id": activity["id"]})
        assert done["activity"]["done"] is True
        log = [
            e["node"]
            for e in (await h.ok(DELIVERIES, {"k": "crm.follow_up_due"}))["notificationDeliveries"][
                "edges"
            ]
        ]
        assert [d["status"] for d in log] == ["CANCELLED"]
        again = (await h.ok(ACTIVITY_DONE, {"i": {"id": activity["id"]}}))["activityDone"]
        assert codes(again) == [("id", "INVALID_TRANSITION")]
        no_due = (
            await h.ok(ACTIVITY_CREATE, {"i": {"siteId": hq, "title": "x", "remindMinutes": 5}})
        )["activityCreate"]
        assert codes(no_due) == [("dueAt", "REQUIRED")]


async def test_a_stay_checked_out_brings_one_follow_up_per_event(sportello_app) -> None:
    from sportello import api
    from sportello_crm.models import Activity
    from sportello_crm.services import follow_ups

    async with sportello_app(["reception", "lodging", "crm"]) as h:
        hq = await site(h)
        guest = await party(h, "Hans Müller", consents=[{"purpose": "marketing", "granted": True}])
        payload = {"reservation_id": 7, "room_id": 3, "guest_party_id": _pk(guest)}
        async with api.atomic():
            event = await api.publish(
                "lodging.reservation.checked_out",
                payload,
                aggregate="reservation:7",
                site_id=_pk(hq),
            )
        await h.settle()
        open_ = [e["node"] for e in (await h.ok(ACTIVITIES, {"d": False}))["activities"]["edges"]]
        assert [(a["title"], a["kind"], a["party"]) for a in open_] == [
            ("Ask how the stay went", "FOLLOW_UP", {"id": guest})
        ]
        # Delivered again (at least once): still one follow-up.
        [handler] = follow_ups.handlers(lambda office: office == "lodging")
        try:
            await handler.handle(event)
        except api.AlreadyApplied:
            pass
        assert await Activity.all().count() == 1


async def test_without_lodging_no_follow_up_handler_is_registered(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        names = set(h.runtime.state["events"].handlers)
        assert not any(n.startswith("crm.follow_up.") for n in names)


def _pk(global_id: str) -> int:
    from crm_helpers import pk

    return pk(global_id)
