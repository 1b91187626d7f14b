from __future__ import annotations

import asyncio
import json

import evplugin
import pytest
import websockets
from evhelpers import emit, fast

PLUGINS = [evplugin]
STREAM = """subscription($names: [String!]!) {
  eventStream(names: $names) { id name aggregate payload siteId idempotencyKey }
}"""


async def _connect(base_url: str, token: str | None):
    ws = await websockets.connect(
        base_url.replace("http://", "ws://") + "/graphql", subprotocols=["graphql-transport-ws"]
    )
    payload = {"authorization": f"Bearer {token}"} if token else {}
    await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
    return ws


async def _ack(ws) -> None:
    msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
    assert msg["type"] == "connection_ack", msg


async def _subscribe(ws, names: list[str], op: str = "1") -> None:
    await ws.send(
        json.dumps(
            {
                "id": op,
                "type": "subscribe",
                "payload": {"query": STREAM, "variables": {"names": names}},
            }
        )
    )


async def _next(ws) -> dict:
    msg = json.loads(await asyncio.wait_for(ws.recv(), 15))
    assert msg["type"] == "next", msg
    assert not msg["payload"].get("errors"), msg
    return msg["payload"]["data"]["eventStream"]


async def test_subscriber_gets_events_in_order(sportello_app):
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        fast(h.runtime)
        ws = await _connect(h.base_url, await h.token(roles=["auditor"]))
        try:
            await _ack(ws)
            await _subscribe(ws, ["evtest.thing.happened"])
            await asyncio.sleep(0.2)  # let the subscription register before publishing
            for n in range(5):
                await emit("evtest.thing.happened", {"n": n}, f"thing:{n % 2}")
            await emit("evtest.doomed", {"n": "other"}, "doom:1")  # not subscribed
            got = [await _next(ws) for _ in range(5)]
            assert [g["payload"]["n"] for g in got] == [0, 1, 2, 3, 4]
            assert all(g["name"] == "evtest.thing.happened" for g in got)
        finally:
            await ws.close()


async def test_subscriber_sees_only_its_sites(sportello_app):
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        fast(h.runtime)
        ws = await _connect(h.base_url, await h.token(roles=["auditor"], sites=[1]))
        try:
            await _ack(ws)
            await _subscribe(ws, ["evtest.thing.happened"])
            await asyncio.sleep(0.2)
            await emit("evtest.thing.happened", {"n": "site2"}, "thing:a", site_id=2)
            await emit("evtest.thing.happened", {"n": "site1"}, "thing:b", site_id=1)
            got = await _next(ws)
            assert got["payload"] == {"n": "site1"}
        finally:
            await ws.close()


@pytest.mark.parametrize("token", ["not-a-token", "Bearer-garbage.xyz"])
async def test_bad_token_is_refused_with_4403(sportello_app, token):
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        ws = await _connect(h.base_url, token)
        with pytest.raises(websockets.ConnectionClosed) as caught:
            await asyncio.wait_for(ws.recv(), 10)
        assert caught.value.rcvd.code == 4403


@pytest.mark.parametrize("role", ["front_desk", None])
async def test_subscription_needs_permission(sportello_app, role):
    """A user without events.view, or an anonymous connection, is refused the stream."""
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        ws = await _connect(h.base_url, await h.token(roles=[role]) if role else None)
        try:
            await _ack(ws)
            await _subscribe(ws, ["evtest.thing.happened"])
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert msg["type"] in ("error", "next"), msg
            errors = msg["payload"] if msg["type"] == "error" else msg["payload"]["errors"]
            assert errors[0]["extensions"]["code"] == "PERMISSION_DENIED"
        finally:
            await ws.close()
