"""Subscriptions as real clients see them: graphql-ws (Apollo, urql, Relay) over a live server.

graphql-ws rejects binary frames ("Message is missing the 'type' property"), browsers hand them
over as Blobs: every graphql-transport-ws message must be a text frame. Python's
``websockets`` accepts both, so the frame type is checked explicitly too.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets
from jsclients import node_script, require_node

MODULES = ["reception", "lodging"]
SUBSCRIPTION = "subscription { roomStatusChanged { room { id number status } } }"
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
ROOM_TYPE = """
mutation($i: RoomTypeCreateInput!) {
  roomTypeCreate(input: $i) { roomType { id } errors { field code message } }
}
"""
ROOM = """
mutation($i: RoomCreateInput!) {
  roomCreate(input: $i) { room { id number status } errors { field code message } }
}
"""
CLEAN = """
mutation($i: RoomCleanlinessSetInput!) {
  roomCleanlinessSet(input: $i) { room { id status cleanliness } errors { code } }
}
"""
WAIT = 30.0  # seconds, for any one step


async def _room(h: Any) -> str:
    """A site, a room type and one room (number 100, vacant and clean), through the API."""
    site = await h.ok(SITE, {"i": {"code": "WS", "name": "Hotel WS", "timezone": "Europe/Rome"}})
    site_id = site["siteCreate"]["site"]["id"]
    room_type = await h.ok(
        ROOM_TYPE,
        {
            "i": {
                "siteId": site_id,
                "code": "DBL",
                "name": "Double",
                "capacity": 2,
                "baseRate": "100.00",
            }
        },
    )
    type_id = room_type["roomTypeCreate"]["roomType"]["id"]
    room = await h.ok(ROOM, {"i": {"roomTypeId": type_id, "number": "100", "floor": 1}})
    assert room["roomCreate"]["room"]["status"] == "VACANT_CLEAN"
    return room["roomCreate"]["room"]["id"]


async def _subscribers(runtime: Any, at_least: int) -> None:
    """Wait until the event broker holds ``at_least`` live subscriptions."""
    broker = runtime.state["events"].broker
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while len(broker.subscribers) < at_least:
        assert loop.time() < deadline, f"no subscription registered within {WAIT}s"
        await asyncio.sleep(0.02)


def _ws_url(h: Any) -> str:
    return h.base_url.replace("http://", "ws://") + "/graphql"


async def test_graphql_ws_client_hears_room_status_changes(sportello_app) -> None:
    require_node()  # before starting a server
    async with sportello_app(MODULES, live=True) as h:
        room_id = await _room(h)
        token = await h.token(roles=["housekeeping"])
        async with node_script("subscribe.mjs", _ws_url(h), token, SUBSCRIPTION, "2") as js:
            assert await js.line(WAIT) == {"event": "connected"}
            await _subscribers(h.runtime, 1)  # registered, not hoped for

            await h.ok(CLEAN, {"i": {"id": room_id, "cleanliness": "DIRTY"}}, token=token)
            first = await js.line(WAIT)
            assert first == {
                "event": "next",
                "payload": {
                    "data": {
                        "roomStatusChanged": {
                            "room": {"id": room_id, "number": "100", "status": "VACANT_DIRTY"}
                        }
                    }
                },
            }, js.lines

            await h.ok(CLEAN, {"i": {"id": room_id, "cleanliness": "CLEAN"}}, token=token)
            second = await js.line(WAIT)
            assert second["event"] == "next", js.lines
            assert second["payload"]["data"]["roomStatusChanged"]["room"]["status"] == (
                "VACANT_CLEAN"
            )
            assert await js.line(WAIT) == {"event": "complete"}
            assert await js.exit_status(WAIT) == 0


async def test_graphql_ws_client_is_refused_a_bad_token(sportello_app) -> None:
    """The server closes with 4403 and the client reports it (not a protocol error)."""
    require_node()
    async with sportello_app(MODULES, live=True) as h:
        async with node_script("subscribe.mjs", _ws_url(h), "not-a-token", SUBSCRIPTION) as js:
            refused = await js.line(WAIT)
            assert refused["event"] == "error", js.lines
            assert refused.get("closeCode") == 4403, js.lines
            assert await js.exit_status(WAIT) == 1


async def test_every_message_is_a_text_frame(sportello_app) -> None:
    """``websockets`` returns str for a text frame and bytes for a binary one."""
    async with sportello_app(MODULES, live=True) as h:
        room_id = await _room(h)
        token = await h.token(roles=["housekeeping"])
        async with websockets.connect(_ws_url(h), subprotocols=["graphql-transport-ws"]) as ws:
            init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
            await ws.send(json.dumps(init))
            ack = await asyncio.wait_for(ws.recv(), WAIT)
            assert isinstance(ack, str), ack
            assert json.loads(ack)["type"] == "connection_ack"

            await ws.send(json.dumps({"type": "ping"}))
            pong = await asyncio.wait_for(ws.recv(), WAIT)
            assert isinstance(pong, str) and json.loads(pong)["type"] == "pong"

            subscribe = {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}
            await ws.send(json.dumps(subscribe))
            await _subscribers(h.runtime, 1)
            await h.ok(CLEAN, {"i": {"id": room_id, "cleanliness": "DIRTY"}}, token=token)
            event = await asyncio.wait_for(ws.recv(), WAIT)
            assert isinstance(event, str), event
            assert json.loads(event)["type"] == "next"

            bad = {"id": "2", "type": "subscribe", "payload": {"query": "subscription { nope }"}}
            await ws.send(json.dumps(bad))
            error = await asyncio.wait_for(ws.recv(), WAIT)
            assert isinstance(error, str), error
            assert json.loads(error)["type"] == "error"
            await ws.send(json.dumps({"id": "1", "type": "complete"}))
