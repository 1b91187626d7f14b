"""Tickets through GraphQL: the contract, the priority matrix, routing, the conversation,
statuses, merge, parent and child, satisfaction; bad input leaves nothing written."""

from __future__ import annotations

from itsupport_helpers import (
    ASSIGN,
    MERGE,
    MODULES,
    RATE,
    REPLY,
    SET_PARENT,
    SET_STATUS,
    TEAM_MODE,
    UPDATE,
    category,
    codes,
    create,
    ok,
    team,
    user,
)

CONTRACT = """
mutation($i: SupportTicketCreateInput!) {
  supportTicketCreate(input: $i) {
    supportTicket { id number status priority dueAt }
    errors { field code message }
  }
}
"""


async def test_the_create_contract_and_the_priority_matrix(sportello_app) -> None:
    from sportello_itsupport.models import Ticket

    async with sportello_app(MODULES) as h:
        data = await h.ok(
            CONTRACT,
            {
                "i": {
                    "subject": "PMS workstation frozen",
                    "description": "The front desk cannot check guests in.",
                    "impact": "HIGH",
                    "urgency": "HIGH",
                }
            },
            as_="front_desk",
        )
        payload = data["supportTicketCreate"]
        assert payload["errors"] == []
        ticket = payload["supportTicket"]
        assert (ticket["number"], ticket["status"], ticket["priority"]) == (1, "NEW", "CRITICAL")
        assert ticket["dueAt"] is not None  # the office's own targets without a policy
        grid = {
            ("HIGH", "LOW"): "MEDIUM",
            ("MEDIUM", "MEDIUM"): "MEDIUM",
            ("MEDIUM", "HIGH"): "HIGH",
            ("LOW", "LOW"): "LOW",
        }
        for (impact, urgency), priority in grid.items():
            made = await create(h, impact=impact, urgency=urgency)
            assert made["supportTicket"]["priority"] == priority, (impact, urgency)
        assert await Ticket.all().count() == 5


async def test_a_configured_matrix_changes_the_priority(sportello_app) -> None:
    from sportello_itsupport.services import _common
    from sportello_itsupport.settings import ItSupportSettings

    async with sportello_app(MODULES) as h:
        matrix = ItSupportSettings().priority_matrix
        matrix["low"]["low"] = "critical"
        _common.configure(ItSupportSettings(priority_matrix=matrix))
        made = await create(h, impact="LOW", urgency="LOW")
        assert made["supportTicket"]["priority"] == "CRITICAL"


async def test_bad_input_is_typed_and_writes_nothing(sportello_app) -> None:
    from sportello_itsupport.models import Ticket, TicketCounter

    async with sportello_app(MODULES) as h:
        blank = await create(h, subject="   ")
        assert codes(blank) == [("subject", "REQUIRED")]
        unknown = await create(h, categoryId="U3VwcG9ydENhdGVnb3J5Ojk5OQ==")
        assert codes(unknown) == [("categoryId", "NOT_FOUND")]
        wrong = await create(h, requesterId="U2l0ZTox")
        assert codes(wrong) == [("requesterId", "INVALID_ID")]
        missing = await create(h, assetIds=["SXRBc3NldDo0Mg=="])
        assert codes(missing) == [("assetIds", "NOT_FOUND")]
        assert await Ticket.all().count() == 0
        counter = await TicketCounter.first()
        assert counter is None or counter.last_number == 0
        denied = await h.gql(CONTRACT, {"i": {"subject": "x", "description": "y"}}, as_=None)
        assert denied["errors"]


async def test_routing_by_category_and_manual_assignment(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        desk = await team(h, agents=2)
        cat = await category(h, "Printers", desk["id"])
        first = (await create(h, categoryId=cat))["supportTicket"]
        assert first["team"]["id"] == desk["id"]
        assert first["agentId"] == desk["agents"][0]
        assert first["status"] == "OPEN"
        mode = await ok(h, TEAM_MODE, {"teamId": desk["id"], "assignment": "MANUAL"}, as_="manager")
        assert mode["supportTeamQueue"]["assignment"] == "MANUAL"
        second = (await create(h, categoryId=cat))["supportTicket"]
        assert (second["agentId"], second["status"]) == (None, "NEW")
        given = await ok(h, ASSIGN, {"id": second["id"], "agentId": desk["agents"][1]})
        assert given["supportTicket"]["agentId"] == desk["agents"][1]
        assert given["supportTicket"]["status"] == "OPEN"
        _, outsider = await user(h, ["back_office"])
        refused = (
            await h.ok(ASSIGN, {"i": {"id": second["id"], "agentId": outsider}}, as_="back_office")
        )["supportTicketAssign"]
        assert codes(refused) == [("agentId", "NOT_IN_TEAM")]
        clerk = await h.gql(
            ASSIGN, {"i": {"id": second["id"], "agentId": desk["agents"][0]}}, as_="front_desk"
        )
        assert clerk["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_least_loaded_gives_the_next_ticket_to_the_idlest_agent(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        desk = await team(h, agents=3)
        await ok(h, TEAM_MODE, {"teamId": desk["id"], "assignment": "LEAST_LOADED"}, as_="manager")
        cat = await category(h, "Accounts", desk["id"])
        agents = [(await create(h, categoryId=cat))["supportTicket"]["agentId"] for _ in range(3)]
        assert sorted(agents) == sorted(desk["agents"])  # one each
        # The second agent's ticket is resolved: the next ticket goes to them.
        tickets = await h.ok(
            "{ supportTickets(first: 10) { edges { node { id agentId } } } }", as_="back_office"
        )
        theirs = [
            e["node"]["id"]
            for e in tickets["supportTickets"]["edges"]
            if e["node"]["agentId"] == agents[1]
        ]
        await ok(h, SET_STATUS, {"id": theirs[0], "status": "RESOLVED"})
        nxt = (await create(h, categoryId=cat))["supportTicket"]
        assert nxt["agentId"] == agents[1]


async def test_replies_notes_pauses_and_reopen_on_reply(sportello_app) -> None:
    from sportello.notify.models import Delivery

    async with sportello_app(MODULES) as h:
        requester = await h.token(roles=["front_desk"], email="maria@hotel.example")
        me = await h.ok("{ me { partyId } }", token=requester)
        assert me["me"]["partyId"]
        ticket = (await create(h, token=requester))["supportTicket"]
        tid = ticket["id"]
        note = await ok(h, REPLY, {"id": tid, "body": "Probably the fuser.", "internal": True})
        assert note["supportTicket"]["status"] == "NEW"
        answer = await ok(h, REPLY, {"id": tid, "body": "Please switch it off and on."})
        assert answer["supportTicket"]["status"] == "OPEN"
        waiting = await ok(h, SET_STATUS, {"id": tid, "status": "WAITING_REQUESTER"})
        assert waiting["supportTicket"]["dueAt"] is None  # paused
        # The requester sees no internal note, and may not write one.
        seen = await ok(h, REPLY, {"id": tid, "body": "Done, still jammed."}, token=requester)
        messages = seen["supportTicket"]["messages"]
        assert [m["body"] for m in messages] == [
            "Please switch it off and on.",
            "Done, still jammed.",
        ]
        assert seen["supportTicket"]["status"] == "OPEN"  # the wait on them ended
        assert seen["supportTicket"]["dueAt"] is not None
        sneaky = (
            await h.ok(REPLY, {"i": {"id": tid, "body": "x", "internal": True}}, token=requester)
        )["supportTicketReply"]
        assert codes(sneaky) == [("internal", "FORBIDDEN")]
        await ok(h, SET_STATUS, {"id": tid, "status": "RESOLVED"})
        reopened = await ok(h, REPLY, {"id": tid, "body": "It jammed again."}, token=requester)
        assert (reopened["supportTicket"]["status"], reopened["supportTicket"]["reopened"]) == (
            "OPEN",
            1,
        )
        kinds = set(await Delivery.all().values_list("kind", flat=True))
        assert {
            "itsupport.ticket_received",
            "itsupport.ticket_reply",
            "itsupport.ticket_resolved",
        } <= kinds
        subjects = await Delivery.filter(kind="itsupport.ticket_reply").values_list(
            "subject", flat=True
        )
        assert all(s.startswith("[IT-000001]") for s in subjects), subjects


async def test_merge_parent_child_and_satisfaction(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        first = (await create(h, subject="Hall display dark"))["supportTicket"]
        dup = (await create(h, subject="Lobby screen off"))["supportTicket"]
        merged = await ok(h, MERGE, {"id": dup["id"], "intoId": first["id"]})
        assert merged["supportTicket"]["id"] == first["id"]
        assert any(
            m["internal"] and "IT-000002" in m["body"] for m in merged["supportTicket"]["messages"]
        )
        again = (
            await h.ok(MERGE, {"i": {"id": dup["id"], "intoId": first["id"]}}, as_="back_office")
        )["supportTicketMerge"]
        assert codes(again) == [("id", "INVALID_TRANSITION")]
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on SupportTicket { status mergedInto { id } } } }",
            {"id": dup["id"]},
            as_="back_office",
        )
        assert node["node"] == {"status": "MERGED", "mergedInto": {"id": first["id"]}}

        child = (await create(h, subject="Display cable"))["supportTicket"]
        linked = await ok(h, SET_PARENT, {"id": child["id"], "parentId": first["id"]})
        assert linked["supportTicket"]["parent"] == {"id": first["id"]}
        loop = (
            await h.ok(
                SET_PARENT, {"i": {"id": first["id"], "parentId": child["id"]}}, as_="back_office"
            )
        )["supportTicketSetParent"]
        assert codes(loop) == [("parentId", "CYCLE")]
        blocked = (
            await h.ok(
                SET_STATUS, {"i": {"id": first["id"], "status": "RESOLVED"}}, as_="back_office"
            )
        )["supportTicketSetStatus"]
        assert codes(blocked) == [("status", "CHILDREN_OPEN")]
        await ok(h, SET_STATUS, {"id": child["id"], "status": "RESOLVED"})
        closed = await ok(h, SET_STATUS, {"id": first["id"], "status": "CLOSED", "satisfaction": 4})
        assert (closed["supportTicket"]["status"], closed["supportTicket"]["satisfaction"]) == (
            "CLOSED",
            4,
        )
        bad = (await h.ok(RATE, {"i": {"id": child["id"], "score": 9}}, as_="back_office"))[
            "supportTicketRate"
        ]
        assert codes(bad) == [("satisfaction", "INVALID")]
        rated = await ok(h, RATE, {"id": child["id"], "score": 5, "comment": "Quick"})
        assert rated["supportTicket"]["satisfaction"] == 5


async def test_update_reprioritises(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        ticket = (await create(h))["supportTicket"]
        assert ticket["priority"] == "MEDIUM"
        changed = await ok(h, UPDATE, {"id": ticket["id"], "impact": "HIGH", "urgency": "HIGH"})
        assert changed["supportTicket"]["priority"] == "CRITICAL"
