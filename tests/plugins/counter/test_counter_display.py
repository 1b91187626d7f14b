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


async def _open(h, display_token: str):
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
                "payload": {"query": HALL, "variables": {"t": display_token}},
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
