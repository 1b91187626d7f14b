"""SIGTERM to a serving process: /ready turns 503 while it drains, subscribers get 1001 "going
away" (Python's ``websockets`` and graphql-ws, the reference JavaScript client, under Node), a
running request still gets its answer, and the process exits cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import lcslow
import websockets
from jsclients import node_script, require_node

from sportello.testing import drop_database, free_port, prepare_database

HERE = Path(__file__).parent


async def _until_ready(client: httpx.AsyncClient, proc: asyncio.subprocess.Process) -> None:
    for _ in range(300):
        assert proc.returncode is None, "the server exited while starting"
        try:
            if (await client.get("/ready")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError("the server did not become ready")


async def test_sigterm_drains_then_stops(backend: str, tmp_path: Path) -> None:
    require_node()
    url = await prepare_database(backend, ["lcslow"], [lcslow], tmp_path)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(HERE / "serve_slow.py"),
            url,
            str(port),
            "0.6",
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        async with (
            contextlib.AsyncExitStack() as stack,
            httpx.AsyncClient(base_url=base, timeout=10) as client,
        ):
            await _until_ready(client, proc)
            ws = await websockets.connect(
                f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"]
            )
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(
                json.dumps(
                    {"id": "1", "type": "subscribe", "payload": {"query": "subscription { ticks }"}}
                )
            )
            assert json.loads(await asyncio.wait_for(ws.recv(), 5))["type"] == "next"
            # graphql-ws under Node, anonymous (the subscription is public), asking for more
            # ticks than the server sends before it stops.
            node = await stack.enter_async_context(
                node_script(
                    "subscribe.mjs",
                    f"ws://127.0.0.1:{port}/graphql",
                    "",
                    "subscription { ticks }",
                    "100000",
                )
            )
            assert (await node.line(30)) == {"event": "connected"}
            assert (await node.line(30))["event"] == "next"

            # A long request on its own connection, running when the signal arrives.
            async with httpx.AsyncClient(base_url=base, timeout=10) as slow_client:
                slow = asyncio.create_task(
                    slow_client.post("/graphql", json={"query": "{ nap(seconds: 1.5) }"})
                )
                await asyncio.sleep(0.3)
                proc.send_signal(signal.SIGTERM)

                # Draining: still serving for the delay, but not ready.
                await asyncio.sleep(0.1)
                ready = await client.get("/ready")
                assert ready.status_code == 503 and ready.json() == {"status": "draining"}

                # The subscriber is told the server goes away.
                try:
                    while True:
                        await asyncio.wait_for(ws.recv(), 5)
                except websockets.ConnectionClosed as closed:
                    assert closed.rcvd is not None and closed.rcvd.code == 1001, closed
                    assert closed.rcvd.reason == "going away"
                line = await node.line(15)  # ticks, then graphql-ws reports the close
                while line["event"] == "next":
                    line = await node.line(15)
                assert line == {"event": "error", "closeCode": 1001, "reason": "going away"}
                assert await node.exit_status(15) == 1

                response = await asyncio.wait_for(slow, 10)
                assert response.status_code == 200, response.text
                assert response.json() == {"data": {"nap": "slept 1.5s"}}

        returncode = await asyncio.wait_for(proc.wait(), 15)
        stderr = log.read_text()
        # uvicorn re-raises the signal it handled once it has finished: killed by SIGTERM.
        assert returncode in (0, -signal.SIGTERM), stderr
        assert "Application shutdown complete" in stderr, stderr
        assert "Traceback" not in stderr, stderr
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await drop_database(url)
