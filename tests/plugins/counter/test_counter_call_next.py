from __future__ import annotations

import asyncio
import datetime as dt

from counter_helpers import CALL, MODULES, call, issue, office, pk, ticket_mutation

TRANSFER = ticket_mutation("queueTicketTransfer")
START = ticket_mutation("queueTicketServiceStart")
FINISH = ticket_mutation("queueTicketServiceFinish")
NO_SHOW = ticket_mutation("queueTicketNoShow")
RECALL = ticket_mutation("queueTicketRecall")


async def test_two_clerks_never_get_the_same_ticket(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h, counters=(("A",), ("A",)))
        service = setup["services"]["A"]
        c1, c2 = setup["counters"]
        token = await h.token(roles=["front_desk"])
        seen: list[str] = []
        for _round in range(6):
            for _ in range(3):
                await issue(h, service)

            async def clerk(counter_id: str) -> dict:
                result = await h.gql(CALL, {"i": {"counterId": counter_id}}, token=token)
                assert not result.get("errors"), result
                return result["data"]["queueCallNext"]

            got = await asyncio.gather(clerk(c1), clerk(c2), clerk(c1), clerk(c2))
            called = [g["ticket"]["id"] for g in got if g["ticket"]]
            empty = [g for g in got if not g["ticket"]]
            assert len(called) == 3 and len(set(called)) == 3, got
            assert [e["errors"][0]["code"] for e in empty] == ["QUEUE_EMPTY"]
            seen.extend(called)
        assert len(seen) == len(set(seen)) == 18


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
        p2 = (await issue(h, a, "PRIORITY", "PREGNANT"))["ticket"]["number"]
        bad = await issue(h, a, "PRIORITY")
        assert bad["errors"][0]["code"] == "PRIORITY_REASON_REQUIRED"
        order = [(await call(h, setup["counters"][0]))["ticket"]["number"] for _ in range(4)]
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
        assert (await call(h, desk_b))["ticket"]["number"] == "A001"
        assert (await call(h, desk_b))["ticket"]["number"] == "B001"


async def test_service_lifecycle_and_invalid_transitions(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        t1 = (await issue(h, a))["ticket"]["id"]
        t2 = (await issue(h, a))["ticket"]["id"]
        early = await h.ok(FINISH, {"i": {"ticketId": t1}}, as_="front_desk")
        assert early["queueTicketServiceFinish"]["errors"][0]["code"] == "INVALID_TRANSITION"
        await call(h, desk)
        recalled = await h.ok(RECALL, {"i": {"ticketId": t1}}, as_="front_desk")
        assert recalled["queueTicketRecall"]["ticket"]["status"] == "CALLED"
        await h.ok(START, {"i": {"ticketId": t1}}, as_="front_desk")
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
