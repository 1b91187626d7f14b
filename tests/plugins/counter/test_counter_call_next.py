from __future__ import annotations

import asyncio
import datetime as dt

from counter_helpers import (
    CALL,
    ISSUE,
    MODULES,
    call,
    call_free,
    issue,
    office,
    pk,
    release,
    staff,
    ticket_mutation,
)

TRANSFER = ticket_mutation("queueTicketTransfer")
START = ticket_mutation("queueTicketServiceStart")
FINISH = ticket_mutation("queueTicketServiceFinish")
NO_SHOW = ticket_mutation("queueTicketNoShow")
RECALL = ticket_mutation("queueTicketRecall")
CANCEL = ticket_mutation("queueTicketCancel")


async def test_two_clerks_never_get_the_same_ticket(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h, counters=(("A",), ("A",), ("A",)), staff=None)
        service = setup["services"]["A"]
        desks = setup["counters"]
        tokens = [
            await h.token(roles=["front_desk"], email=f"clerk{n}@test.example") for n in "123"
        ]
        for desk, token in zip(desks, tokens, strict=True):
            await staff(h, desk, token)
        seen: list[str] = []
        for _round in range(6):
            for _ in range(2):
                await issue(h, service)

            async def clerk(n: int) -> dict:
                result = await h.gql(CALL, {"i": {"counterId": desks[n]}}, token=tokens[n])
                assert not result.get("errors"), result
                return result["data"]["queueCallNext"]

            # Three counters race for two tickets, each clerk clicking twice.
            got = await asyncio.gather(*(clerk(n) for n in (0, 1, 2, 0, 1, 2)))
            ids = [g["ticket"]["id"] for g in got if g["ticket"]]
            assert len(ids) == 2 and len(set(ids)) == 2, got
            codes = sorted(g["errors"][0]["code"] for g in got if not g["ticket"])
            # The clerk who got a ticket clicked again: busy. The third: nothing left.
            assert codes == ["COUNTER_BUSY", "COUNTER_BUSY", "QUEUE_EMPTY", "QUEUE_EMPTY"], got
            for ticket_id in ids:
                await release(h, ticket_id, as_="manager")
            seen.extend(ids)
        assert len(seen) == len(set(seen)) == 12


async def test_one_counter_never_holds_two_tickets(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h)
        service, desk = setup["services"]["A"], setup["counters"][0]
        for _ in range(5):
            await issue(h, service)
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(h.gql(CALL, {"i": {"counterId": desk}}, token=token) for _ in range(6))
        )
        payloads = [r["data"]["queueCallNext"] for r in results]
        won = [p for p in payloads if p["ticket"]]
        assert len(won) == 1, payloads
        assert [p["errors"][0]["code"] for p in payloads if not p["ticket"]] == ["COUNTER_BUSY"] * 5
        from sportello_counter.models import Ticket

        assert await Ticket.filter(status__in=("called", "in_service")).count() == 1
        # Once served, the counter calls the next one.
        await release(h, won[0]["ticket"]["id"], as_="front_desk")
        assert (await call(h, desk))["ticket"]["number"] == "A002"


async def test_only_the_counter_staff_or_a_manager_calls(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, counters=(("A",), ("A",)), staff=None)
        service, (c1, c2) = setup["services"]["A"], setup["counters"]
        for _ in range(3):
            await issue(h, service)
        alice = await h.token(roles=["front_desk"], email="alice@test.example")
        bob = await h.token(roles=["front_desk"], email="bob@test.example")
        refused = await call(h, c1, token=alice)
        assert refused["ticket"] is None
        assert refused["errors"][0] == {
            "field": "counterId",
            "code": "FORBIDDEN",
            "message": "Only the staff of this counter or a manager may do this.",
        }
        await staff(h, c1, alice)
        mine = await call(h, c1, token=alice)
        assert mine["ticket"]["number"] == "A001"
        assert (await call(h, c1, token=bob))["errors"][0]["code"] == "FORBIDDEN"
        # Bob cannot serve, recall or no-show the ticket called at Alice's counter.
        for op in (START, RECALL, NO_SHOW):
            name = op.split("{ ")[1].split("(")[0]
            got = await h.ok(op, {"i": {"ticketId": mine["ticket"]["id"]}}, token=bob)
            assert got[name]["errors"][0]["code"] == "FORBIDDEN", got
        # A manager works at any counter.
        managers = await call(h, c2, as_="manager")
        assert managers["ticket"]["number"] == "A002"
        # By user id too: the counter's staffUserId.
        me = (await h.ok("{ me { id } }", token=bob))["me"]
        update = """mutation($i: CounterUpdateInput!) { counterUpdate(input: $i) {
            counter { id } errors { code } } }"""
        await h.ok(update, {"i": {"id": c2, "staffId": None, "staffUserId": pk(me["id"])}})
        assert (await call(h, c2, token=bob))["errors"][0]["code"] == "COUNTER_BUSY"
        await release(h, managers["ticket"]["id"], token=bob)  # now Bob's counter
        assert (await call(h, c2, token=bob))["ticket"]["number"] == "A003"


async def test_api_contract_priority_without_reason(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a = setup["services"]["A"]
        # Exactly the fields of the contract: {serviceId, priority}.
        got = await h.ok(ISSUE, {"i": {"serviceId": a, "priority": "PRIORITY"}}, as_="front_desk")
        ticket = got["queueTicketIssue"]
        assert ticket["errors"] == [] and ticket["ticket"]["number"] == "A001"
        assert ticket["ticket"]["status"] == "WAITING"
        with_reason = await issue(h, a, "PRIORITY", "ELDERLY")
        plain = await issue(h, a, "NORMAL", "ELDERLY")  # a reason on a normal ticket: dropped
        query = "{ queueTickets(first: 5) { edges { node { number priority priorityReason } } } }"
        nodes = [e["node"] for e in (await h.ok(query))["queueTickets"]["edges"]]
        assert nodes == [
            {"number": "A001", "priority": "PRIORITY", "priorityReason": None},
            {"number": "A002", "priority": "PRIORITY", "priorityReason": "elderly"},
            {"number": "A003", "priority": "NORMAL", "priorityReason": None},
        ]
        assert with_reason["errors"] == plain["errors"] == []


async def test_empty_queue(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        got = await call(h, setup["counters"][0])
        assert got["ticket"] is None
        assert got["errors"][0]["code"] == "QUEUE_EMPTY"
        assert got["errors"][0]["field"] == "counterId"


async def test_priority_before_normal_each_by_issue_time(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a = setup["services"]["A"]
        n1 = (await issue(h, a))["ticket"]["number"]
        p1 = (await issue(h, a, "PRIORITY", "ELDERLY"))["ticket"]["number"]
        n2 = (await issue(h, a))["ticket"]["number"]
        p2 = (await issue(h, a, "PRIORITY"))["ticket"]["number"]
        order = [await call_free(h, setup["counters"][0]) for _ in range(4)]
        assert order == [p1, p2, n1, n2]


async def test_counter_only_calls_its_services(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"), counters=(("B",), ("A", "B")))
        await issue(h, setup["services"]["A"])
        only_b = await call(h, setup["counters"][0])
        assert only_b["errors"][0]["code"] == "QUEUE_EMPTY"
        both = await call(h, setup["counters"][1])
        assert both["ticket"]["number"] == "A001"


async def test_transfer_keeps_the_original_place(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"), counters=(("A",), ("B",)))
        a, b = setup["services"]["A"], setup["services"]["B"]
        desk_a, desk_b = setup["counters"]
        first = (await issue(h, a))["ticket"]  # A001, issued before B001
        await issue(h, b)  # B001
        assert (await call(h, desk_a))["ticket"]["id"] == first["id"]
        await h.ok(START, {"i": {"ticketId": first["id"]}}, as_="front_desk")
        moved = await h.ok(
            TRANSFER, {"i": {"ticketId": first["id"], "serviceId": b}}, as_="front_desk"
        )
        ticket = moved["queueTicketTransfer"]["ticket"]
        assert ticket["status"] == "WAITING"
        assert ticket["number"] == "A001" and ticket["service"]["prefix"] == "B"
        # Issued before B001, so it keeps its place ahead of it at the B counter.
        assert await call_free(h, desk_b) == "A001"
        assert await call_free(h, desk_b) == "B001"
        # The transfer freed the A counter.
        assert (await call(h, desk_a))["errors"][0]["code"] == "QUEUE_EMPTY"


async def test_service_lifecycle_and_invalid_transitions(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        t1 = (await issue(h, a))["ticket"]["id"]
        t2 = (await issue(h, a))["ticket"]["id"]
        early = await h.ok(FINISH, {"i": {"ticketId": t1}}, as_="front_desk")
        assert early["queueTicketServiceFinish"]["errors"][0]["code"] == "INVALID_TRANSITION"
        await call(h, desk)
        assert (await call(h, desk))["errors"][0]["code"] == "COUNTER_BUSY"
        recalled = await h.ok(RECALL, {"i": {"ticketId": t1}}, as_="front_desk")
        assert recalled["queueTicketRecall"]["ticket"]["status"] == "CALLED"
        await h.ok(START, {"i": {"ticketId": t1}}, as_="front_desk")
        assert (await call(h, desk))["errors"][0]["code"] == "COUNTER_BUSY"  # in service
        done = await h.ok(
            FINISH,
            {"i": {"ticketId": t1, "outcome": "Certificate issued", "resolved": True}},
            as_="front_desk",
        )
        ticket = done["queueTicketServiceFinish"]["ticket"]
        assert ticket["status"] == "DONE"
        assert ticket["outcome"] == "Certificate issued" and ticket["resolved"] is True
        await call(h, desk)
        gone = await h.ok(NO_SHOW, {"i": {"ticketId": t2}}, as_="front_desk")
        assert gone["queueTicketNoShow"]["ticket"]["status"] == "NO_SHOW"
        viewer = await h.gql(RECALL, {"i": {"ticketId": t2}}, as_="back_office")
        assert viewer["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

        from sportello_counter.models import Ticket

        row = await Ticket.get(id=pk(t1))
        assert row.recalls == 1 and row.called_at is not None
        assert row.finished_at >= row.service_started_at >= row.called_at
        assert isinstance(row.day, dt.date)


async def test_cancel_a_waiting_ticket(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        t1 = (await issue(h, a))["ticket"]["id"]
        t2 = (await issue(h, a))["ticket"]["id"]
        denied = await h.gql(CANCEL, {"i": {"ticketId": t2}}, as_="back_office")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        gone = await h.ok(CANCEL, {"i": {"ticketId": t1}}, as_="front_desk")
        assert gone["queueTicketCancel"]["ticket"]["status"] == "CANCELLED"
        again = await h.ok(CANCEL, {"i": {"ticketId": t1}}, as_="front_desk")
        assert again["queueTicketCancel"]["errors"][0]["code"] == "INVALID_TRANSITION"
        # The cancelled ticket is never called.
        assert (await call(h, desk))["ticket"]["id"] == t2
        called = await h.ok(CANCEL, {"i": {"ticketId": t2}}, as_="front_desk")
        assert called["queueTicketCancel"]["errors"][0]["code"] == "INVALID_TRANSITION"

        from sportello.identity.models import AuditEntry

        assert await AuditEntry.filter(operation="queueTicketCancel").count() == 1
