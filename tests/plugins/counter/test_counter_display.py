from __future__ import annotations

import asyncio
import json

import websockets
from counter_helpers import MODULES, call, issue, office, ticket_mutation

TICKET_CANCEL = ticket_mutation("queueTicketCancel")

TOKEN = """
mutation($i: DisplayTokenCreateInput!) {
  displayTokenCreate(input: $i) { token displayToken { id } errors { field code } }
}
"""
HALL = """subscription($t: String!) {
  hallDisplay(displayToken: $t) {
    kind ticketNumber counterName waiting { prefix name waiting }
  }
}"""


async def _open(h, display_token: str, query: str = HALL):
    ws = await websockets.connect(
        h.base_url.replace("http://", "ws://") + "/graphql", subprotocols=["graphql-transport-ws"]
    )
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))  # no user at all
    ack = json.loads(await asyncio.wait_for(ws.recv(), 10))
    assert ack["type"] == "connection_ack", ack
    await ws.send(
        json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": query, "variables": {"t": display_token}},
            }
        )
    )
    return ws


async def _next(ws) -> dict:
    msg = json.loads(await asyncio.wait_for(ws.recv(), 15))
    assert msg["type"] == "next", msg
    assert not msg["payload"].get("errors"), msg
    return msg["payload"]["data"]["hallDisplay"]


def _waiting(update: dict) -> dict[str, int]:
    return {w["prefix"]: w["waiting"] for w in update["waiting"]}


async def test_hall_display_streams_calls_of_its_site_only(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        h.runtime.state["events"].config.poll_interval = 0.05
        mine = await office(h, services=("A", "B"), counters=(("A", "B"),))
        other = await office(h, code="ALTRO")
        denied = await h.gql(TOKEN, {"i": {"siteId": mine["site"]}}, as_="front_desk")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        created = await h.ok(TOKEN, {"i": {"siteId": mine["site"]}}, as_="manager")
        token = created["displayTokenCreate"]["token"]
        assert token

        ws = await _open(h, token)
        try:
            snapshot = await _next(ws)
            assert snapshot["kind"] == "snapshot"
            assert _waiting(snapshot) == {"A": 0, "B": 0}

            await issue(h, other["services"]["A"])  # another site: never shown
            await issue(h, mine["services"]["A"])
            issued = await _next(ws)
            assert issued["kind"] == "issued" and issued["ticketNumber"] == "A001"
            assert _waiting(issued) == {"A": 1, "B": 0}

            await issue(h, mine["services"]["B"])
            assert _waiting(await _next(ws)) == {"A": 1, "B": 1}

            await call(h, mine["counters"][0])
            called = await _next(ws)
            assert called["kind"] == "called"
            assert (called["ticketNumber"], called["counterName"]) == ("A001", "Counter 1")
            assert _waiting(called) == {"A": 0, "B": 1}
        finally:
            await ws.close()


async def test_hall_display_refuses_a_bad_token(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        await office(h)
        ws = await _open(h, "disp_not-a-token")
        try:
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert msg["type"] in ("error", "next"), msg
            errors = msg["payload"] if msg["type"] == "error" else msg["payload"]["errors"]
            assert "Invalid display token" in json.dumps(errors)
        finally:
            await ws.close()


REVOKE = """
mutation($i: DisplayTokenRevokeInput!) {
  displayTokenRevoke(input: $i) { displayToken { id revoked } errors { field code } }
}
"""


async def test_revoking_a_token_stops_its_displays(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        h.runtime.state["events"].config.poll_interval = 0.05
        mine = await office(h)
        created = []
        for label in ("hall", "lobby"):
            data = await h.ok(TOKEN, {"i": {"siteId": mine["site"], "label": label}}, as_="manager")
            created.append(data["displayTokenCreate"])
        hall = await _open(h, created[0]["token"])
        lobby = await _open(h, created[1]["token"])
        try:
            for ws in (hall, lobby):
                assert (await _next(ws))["kind"] == "snapshot"
            await issue(h, mine["services"]["A"])
            assert (await _next(hall))["kind"] == "issued"
            assert (await _next(lobby))["kind"] == "issued"

            denied = await h.gql(
                REVOKE, {"i": {"id": created[0]["displayToken"]["id"]}}, as_="front_desk"
            )
            assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
            revoked = await h.ok(
                REVOKE, {"i": {"id": created[0]["displayToken"]["id"]}}, as_="manager"
            )
            assert revoked["displayTokenRevoke"]["displayToken"]["revoked"] is True
            again = await h.ok(
                REVOKE, {"i": {"id": created[0]["displayToken"]["id"]}}, as_="manager"
            )
            assert again["displayTokenRevoke"]["errors"][0]["code"] == "INVALID_TRANSITION"

            # The hall display gets a last update and the stream completes.
            last = await _next(hall)
            assert last["kind"] == "revoked"
            done = json.loads(await asyncio.wait_for(hall.recv(), 15))
            assert done == {"id": "1", "type": "complete"}
            # The other display goes on: a cancelled ticket updates its waiting counts.
            waiting = await h.ok("{ queueTickets(first: 1) { edges { node { id } } } }")
            ticket_id = waiting["queueTickets"]["edges"][0]["node"]["id"]
            await h.ok(TICKET_CANCEL, {"i": {"ticketId": ticket_id}}, as_="front_desk")
            cancelled = await _next(lobby)
            assert cancelled["kind"] == "cancelled" and _waiting(cancelled) == {"A": 0}
        finally:
            await hall.close()
            await lobby.close()
        # The revoked token cannot open a new display.
        ws = await _open(h, created[0]["token"])
        try:
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert "Invalid display token" in json.dumps(msg["payload"])
        finally:
            await ws.close()


async def test_event_payloads_keep_their_keys(sportello_app) -> None:
    """Typed payloads publish what the ticket and token events always carried."""
    from counter_helpers import pk

    from sportello.events.models import OutboxEvent

    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"))
        a = setup["services"]["A"]
        first = (await issue(h, a))["ticket"]
        await issue(h, setup["services"]["B"])
        called = await call(h, setup["counters"][0])
        assert called["ticket"]["id"] == first["id"]
        [issued] = await OutboxEvent.filter(name="counter.ticket.issued").order_by("id").limit(1)
        assert issued.payload == {
            "ticket_id": pk(first["id"]),
            "number": "A001",
            "service_id": pk(a),
            "status": "waiting",
            "counter_id": None,
            "counter_name": None,
            "waiting": {str(pk(a)): 1},
        }
        [call_event] = await OutboxEvent.filter(name="counter.ticket.called")
        assert call_event.payload == {
            "ticket_id": pk(first["id"]),
            "number": "A001",
            "service_id": pk(a),
            "status": "called",
            "counter_id": pk(setup["counters"][0]),
            "counter_name": "Counter 1",
            "waiting": {str(pk(setup["services"]["B"])): 1},
        }
        created = await h.ok(TOKEN, {"i": {"siteId": setup["site"]}}, as_="manager")
        token_id = created["displayTokenCreate"]["displayToken"]["id"]
        revoke = """
        mutation($i: DisplayTokenRevokeInput!) { displayTokenRevoke(input: $i) { errors { code } } }
        """
        done = await h.ok(revoke, {"i": {"id": token_id}}, as_="manager")
        assert done["displayTokenRevoke"]["errors"] == []
        [revoked] = await OutboxEvent.filter(name="counter.display_token.revoked")
        assert revoked.payload == {"token_id": pk(token_id)}


HALL_RECENT = """subscription($t: String!) {
  hallDisplay(displayToken: $t) {
    kind ticketNumber chime recent { ticketNumber counterName calledAt }
  }
}"""
RECALL = ticket_mutation("queueTicketRecall")


async def test_the_display_lists_the_last_calls_and_chimes(sportello_app) -> None:
    """Every update carries the last calls (newest first, display_recent_calls of them) and a
    chime cue on calls and recalls only; a display opened later starts from today's calls."""
    from counter_helpers import release

    from sportello_counter import services
    from sportello_counter.settings import CounterSettings

    async with sportello_app(MODULES, live=True) as h:
        h.runtime.state["events"].config.poll_interval = 0.05
        services.configure(CounterSettings(display_recent_calls=2))
        mine = await office(h, counters=(("A",), ("A",)))
        a, (desk1, desk2) = mine["services"]["A"], mine["counters"]
        token = (await h.ok(TOKEN, {"i": {"siteId": mine["site"]}}, as_="manager"))[
            "displayTokenCreate"
        ]["token"]
        ws = await _open(h, token, HALL_RECENT)
        try:
            snapshot = await _next(ws)
            assert (snapshot["recent"], snapshot["chime"]) == ([], False)
            tickets = [(await issue(h, a))["ticket"]["id"] for _ in range(3)]
            for _ in tickets:
                assert (await _next(ws))["chime"] is False  # issued: no chime

            def calls(update: dict) -> list[tuple[str, str]]:
                return [(c["ticketNumber"], c["counterName"]) for c in update["recent"]]

            await call(h, desk1)
            first = await _next(ws)
            assert (first["kind"], first["chime"]) == ("called", True)
            assert calls(first) == [("A001", "Counter 1")]
            await call(h, desk2)
            second = await _next(ws)
            assert calls(second) == [("A002", "Counter 2"), ("A001", "Counter 1")]
            # A recall chimes and moves its number to the top.
            await h.ok(RECALL, {"i": {"ticketId": tickets[0]}}, as_="front_desk")
            recalled = await _next(ws)
            assert recalled["chime"] is True
            assert calls(recalled) == [("A001", "Counter 1"), ("A002", "Counter 2")]
            await release(h, tickets[0], as_="front_desk")
            for _ in range(2):  # service started, finished: no chime, same list
                update = await _next(ws)
                assert update["chime"] is False and calls(update) == calls(recalled)
            await call(h, desk1)
            third = await _next(ws)
            assert calls(third) == [("A003", "Counter 1"), ("A001", "Counter 1")]  # two kept
        finally:
            await ws.close()
        later = await _open(h, token, HALL_RECENT)
        try:
            snapshot = await _next(later)
            assert [c["ticketNumber"] for c in snapshot["recent"]] == ["A003", "A002"]
            assert all(c["calledAt"] for c in snapshot["recent"])
        finally:
            await later.close()
