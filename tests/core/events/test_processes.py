"""Real server processes on PostgreSQL: cross-process subscriptions, restart after a kill."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import evplugin
import httpx
import pytest
import websockets

from sportello.testing import BACKENDS_ENV, drop_database, free_port, prepare_database

HERE = Path(__file__).parent
PLUGINS = [evplugin]
needs_pg = pytest.mark.skipif(not os.environ.get(BACKENDS_ENV), reason="needs PostgreSQL")


def _serve(config: Path, port: int, **extra_env: str) -> subprocess.Popen:
    env = {
        **os.environ,
        **extra_env,
        "SPORTELLO_CONFIG": str(config),
        "SPORTELLO_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("SPORTELLO_DATABASE_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "evapp:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=str(HERE),
    )


async def _wait_up(port: int, proc: subprocess.Popen) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            assert proc.poll() is None, "server process exited"
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"http://127.0.0.1:{port}/health")).status_code == 200:
                    return
            await asyncio.sleep(0.05)
    raise AssertionError("server did not start")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def _token(url: str) -> str:
    from sportello.identity import services, tokens
    from sportello.runtime import Runtime
    from sportello.services import SYSTEM
    from sportello.settings import Settings

    runtime = Runtime(Settings(database_url=url, modules={"evtest": {}}), PLUGINS)
    from sportello.db import close_orm, init_orm

    await init_orm(runtime.db_config)
    try:
        user = await services.create_user(
            SYSTEM,
            "watcher@test.example",
            None,
            roles=["auditor"],
            all_sites=True,
            site_ids=[],
            is_superuser=False,
        )
        raw, _ = await tokens.issue(user, "access", None)
        return raw
    finally:
        await close_orm()


async def _until(check, within: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def _all_delivered(url: str, event_id: int) -> bool:
    """Read the deliveries' status straight from the database the servers use."""
    if url.startswith("sqlite://"):
        import sqlite3

        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite://"))) as db:
            rows = db.execute(
                "SELECT status FROM events_delivery WHERE event_id = ?", (event_id,)
            ).fetchall()
        statuses = [r[0] for r in rows]
    else:
        import asyncpg

        conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            rows = await conn.fetch(
                "SELECT status FROM events_delivery WHERE event_id = $1", event_id
            )
        finally:
            await conn.close()
        statuses = [r["status"] for r in rows]
    return len(statuses) == 2 and set(statuses) == {"delivered"}


@needs_pg
async def test_subscriber_on_one_process_gets_event_published_on_another(tmp_path):
    url = await prepare_database("postgres", ["evtest"], PLUGINS, tmp_path)
    config = tmp_path / "sportello.toml"
    config.write_text(f'database_url = "{url}"\n\n[modules.evtest]\n')
    procs = []
    try:
        token = await _token(url)
        ports = [free_port(), free_port()]
        procs = [_serve(config, p) for p in ports]
        for port, proc in zip(ports, procs, strict=True):
            await _wait_up(port, proc)
        async with websockets.connect(
            f"ws://127.0.0.1:{ports[0]}/graphql", subprotocols=["graphql-transport-ws"]
        ) as ws:
            init = {"authorization": f"Bearer {token}"}
            await ws.send(json.dumps({"type": "connection_init", "payload": init}))
            assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
            query = (
                'subscription { eventStream(names: ["evtest.thing.happened"]) '
                "{ name payload aggregate } }"
            )
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))

            async def publish(n: object) -> None:
                r = await client.post(f"http://127.0.0.1:{ports[1]}/evtest/publish", json={"n": n})
                assert r.status_code == 200, r.text

            async def receive(within: float) -> dict:
                msg = json.loads(await asyncio.wait_for(ws.recv(), within))
                assert msg["type"] == "next", msg
                return msg["payload"]["data"]["eventStream"]["payload"]

            async with httpx.AsyncClient() as client:
                # The subscription lives in another process: publish probes until one arrives.
                for _ in range(100):
                    await publish("probe")
                    with contextlib.suppress(TimeoutError):
                        await receive(0.2)
                        break
                else:
                    raise AssertionError("the subscription never received a probe")
                for n in range(3):
                    await publish(n)
            got = []
            while len(got) < 3:
                payload = await receive(15)
                if payload["n"] != "probe":  # a late probe, published before event 0
                    got.append(payload)
            assert [g["n"] for g in got] == [0, 1, 2]
            assert {g["pid"] for g in got} == {procs[1].pid}
    finally:
        for proc in procs:
            _stop(proc)
        await drop_database(url)


async def test_server_killed_after_commit_before_delivery_delivers_after_restart(backend, tmp_path):
    url = await prepare_database(backend, ["evtest"], PLUGINS, tmp_path)
    config = tmp_path / "sportello.toml"
    config.write_text(f'database_url = "{url}"\n\n[modules.evtest]\n')
    effects = tmp_path / "effects.txt"
    effects.write_text("")
    first = second = None
    try:
        port = free_port()
        entered = tmp_path / "entered.txt"
        entered.write_text("")
        first = _serve(
            config,
            port,
            EVTEST_HANG="1",
            EVTEST_EFFECTS_FILE=str(effects),
            EVTEST_ENTERED_FILE=str(entered),
        )
        await _wait_up(port, first)
        async with httpx.AsyncClient() as client:
            r = await client.post(f"http://127.0.0.1:{port}/evtest/publish", json={"n": 7})
            assert r.status_code == 200, r.text
            event_id = r.json()["id"]
        await _until(lambda: entered.read_text() != "")  # committed; the handler is stuck
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert effects.read_text() == ""

        port = free_port()
        second = _serve(config, port, EVTEST_EFFECTS_FILE=str(effects))
        await _wait_up(port, second)
        # Delivered (marked in the database) for both handlers: no run can follow.
        await _until(lambda: _all_delivered(url, event_id))
        assert effects.read_text().splitlines() == [f"event:{event_id} 7"]
    finally:
        for proc in (first, second):
            if proc is not None:
                _stop(proc)
        await drop_database(url)
