"""PostgreSQL: a lost LISTEN connection is reopened; leadership and subscriptions come back."""

from __future__ import annotations

import os

import evplugin
import pytest
from evhelpers import emit, eventually, fast, subscribers, ws_ack, ws_connect, ws_next, ws_subscribe

from sportello.events.models import EventDelivery
from sportello.testing import BACKENDS_ENV, _pg_exec

PLUGINS = [evplugin]


@pytest.mark.skipif(not os.environ.get(BACKENDS_ENV), reason="needs PostgreSQL")
async def test_listener_killed_by_the_server_reconnects_and_leads_again(sportello_app, backend):
    if backend != "postgres":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        core = fast(h.runtime)
        core.config.reconnect_min = 0.05
        assert core.leader and core.listener_connects == 1
        ws = await ws_connect(h.base_url, await h.token(roles=["auditor"]))
        try:
            await ws_ack(ws)
            await ws_subscribe(ws, ["evtest.thing.happened"])
            await subscribers(h.runtime, 1)

            pid = core.listener.get_server_pid()
            await _pg_exec(f"SELECT pg_terminate_backend({pid})")

            async def back():
                return core.listener_connects >= 2 and core.leader and core._listening()

            await eventually(back)
            assert core.listener.get_server_pid() != pid

            event = await emit("evtest.thing.happened", {"n": 1}, "thing:1")
            assert (await ws_next(ws))["payload"] == {"n": 1}  # fed by the new LISTEN

            async def delivered():
                d = await EventDelivery.get_or_none(handler="evtest.steady", event_id=event.id)
                return d is not None and d.status == "delivered"

            await eventually(delivered)  # dispatched by the process that leads again
        finally:
            await ws.close()
