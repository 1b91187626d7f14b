from __future__ import annotations

import asyncio
import json

import evplugin
import pytest
import websockets
from evhelpers import (
    emit,
    eventually,
    fast,
    subscribers,
    ws_ack,
    ws_connect,
    ws_next,
    ws_subscribe,
)

PLUGINS = [evplugin]


async def test_subscriber_gets_events_in_order(sportello_app):
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        fast(h.runtime)
        ws = await ws_connect(h.base_url, await h.token(roles=["auditor"]))
        try:
            await ws_ack(ws)
            await ws_subscribe(ws, ["evtest.thing.happened"])
            await subscribers(h.runtime, 1)  # registered before anything is published
            for n in range(5):
                await emit("evtest.thing.happened", {"n": n}, f"thing:{n % 2}")
            await emit("evtest.doomed", {"n": "other"}, "doom:1")  # not subscribed
            got = [await ws_next(ws) for _ in range(5)]
            assert [g["payload"]["n"] for g in got] == [0, 1, 2, 3, 4]
            assert all(g["name"] == "evtest.thing.happened" for g in got)
        finally:
            await ws.close()


async def test_subscriber_sees_only_its_sites(sportello_app):
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        fast(h.runtime)
        ws = await ws_connect(h.base_url, await h.token(roles=["auditor"], sites=[1]))
        try:
            await ws_ack(ws)
            await ws_subscribe(ws, ["evtest.thing.happened"])
            await subscribers(h.runtime, 1)
            await emit("evtest.thing.happened", {"n": "site2"}, "thing:a", site_id=2)
            await emit("evtest.thing.happened", {"n": "no site"}, "thing:c")
            await emit("evtest.thing.happened", {"n": "site1"}, "thing:b", site_id=1)
            got = await ws_next(ws)
            assert got["payload"] == {"n": "site1"}
        finally:
            await ws.close()


async def test_subscriber_without_the_event_permission_gets_none_of_those(sportello_app):
    """evtest.secret needs evtest.secret.view: the auditor's stream skips it, the keeper's not."""
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        fast(h.runtime)
        auditor = await ws_connect(h.base_url, await h.token(roles=["auditor"]))
        keeper = await ws_connect(h.base_url, await h.token(roles=["auditor", "secret_keeper"]))
        try:
            for ws in (auditor, keeper):
                await ws_ack(ws)
                await ws_subscribe(ws, ["evtest.secret", "evtest.thing.happened"])
            await subscribers(h.runtime, 2)
            await emit("evtest.secret", {"n": "hush"}, "secret:1")
            await emit("evtest.thing.happened", {"n": "open"}, "thing:1")
            assert (await ws_next(auditor))["payload"] == {"n": "open"}
            assert (await ws_next(keeper))["payload"] == {"n": "hush"}
            assert (await ws_next(keeper))["payload"] == {"n": "open"}
        finally:
            await auditor.close()
            await keeper.close()


async def test_subscription_is_closed_when_its_token_is_revoked(sportello_app):
    """The token is checked again while streaming: revoked, the socket closes with 4403."""
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        core = fast(h.runtime)
        core.config.token_recheck = 0.1
        token = await h.token(roles=["auditor"])
        ws = await ws_connect(h.base_url, token)
        try:
            await ws_ack(ws)
            await ws_subscribe(ws, ["evtest.thing.happened"])
            await subscribers(h.runtime, 1)
            await emit("evtest.thing.happened", {"n": 1}, "thing:1")
            assert (await ws_next(ws))["payload"] == {"n": 1}

            revoked = await h.ok(
                "mutation { tokenRevokeAll { errors { code } } }", token=token, as_=None
            )
            assert revoked == {"tokenRevokeAll": {"errors": []}}
            with pytest.raises(websockets.ConnectionClosed) as caught:
                while True:  # events published meanwhile may still arrive before the close
                    await emit("evtest.thing.happened", {"n": 2}, "thing:1")
                    await asyncio.wait_for(ws.recv(), 15)
            assert caught.value.rcvd.code == 4403
            await eventually(lambda: _async(not core.broker.subscribers))
        finally:
            await ws.close()


async def _async(value):
    return value


@pytest.mark.parametrize("token", ["not-a-token", "Bearer-garbage.xyz"])
async def test_bad_token_is_refused_with_4403(sportello_app, token):
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        ws = await ws_connect(h.base_url, token)
        with pytest.raises(websockets.ConnectionClosed) as caught:
            await asyncio.wait_for(ws.recv(), 10)
        assert caught.value.rcvd.code == 4403


@pytest.mark.parametrize("role", ["front_desk", None])
async def test_subscription_needs_permission(sportello_app, role):
    """A user without events.view, or an anonymous connection, is refused the stream."""
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        ws = await ws_connect(h.base_url, await h.token(roles=[role]) if role else None)
        try:
            await ws_ack(ws)
            await ws_subscribe(ws, ["evtest.thing.happened"])
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert msg["type"] in ("error", "next"), msg
            errors = msg["payload"] if msg["type"] == "error" else msg["payload"]["errors"]
            assert errors[0]["extensions"]["code"] == "PERMISSION_DENIED"
        finally:
            await ws.close()
