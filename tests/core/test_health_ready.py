"""/health says the process is alive; /ready says the database is migrated for the enabled offices."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

from sportello.app import create_app
from sportello.settings import Settings
from sportello.testing import _pg_exec, _with_db, drop_database


async def test_health_and_ready_after_migrations(sportello_app) -> None:
    async with sportello_app(["reception"]) as h:
        health = await h.client.get("/health")
        assert health.status_code == 200 and health.json() == {"status": "ok"}
        ready = await h.client.get("/ready")
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready"
        assert "reception" in ready.json()["plugins"]


@contextlib.asynccontextmanager
async def empty_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    if backend == "sqlite":
        yield f"sqlite://{tmp_path}/empty.sqlite3"
        return
    name = f"sportello_empty_{os.getpid()}"
    await _pg_exec(f'DROP DATABASE IF EXISTS "{name}"')
    await _pg_exec(f'CREATE DATABASE "{name}"')
    url = _with_db(os.environ["SPORTELLO_TEST_POSTGRES_URL"], name)
    try:
        yield url
    finally:
        await drop_database(url)


async def test_ready_lists_pending_migrations_on_an_unmigrated_database(
    backend: str, tmp_path: Path
) -> None:
    async with empty_database(backend, tmp_path) as url:
        settings = Settings(database_url=url, modules={"reception": {}})
        app = create_app(settings)
        runtime = app.state.runtime
        try:
            await runtime.start()
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                health = await client.get("/health")
                assert health.status_code == 200
                ready = await client.get("/ready")
        finally:
            await runtime.stop()
    assert ready.status_code == 503, ready.text
    body = ready.json()
    assert body["status"] == "migrations pending"
    assert "reception.0001_initial" in body["pending"]
    assert "parties.0001_initial" in body["pending"]


async def test_ready_finishes_the_deferred_startup_once_migrations_are_applied(
    backend: str, tmp_path: Path
) -> None:
    """Started on an empty database, the process is not ready; after `sportello migrate`
    (another process) the next /ready completes the startup: the dispatcher runs."""
    import asyncio
    import subprocess
    import sys

    from sportello.events import publish
    from sportello.events.models import OutboxEvent
    from sportello.services import atomic

    async with empty_database(backend, tmp_path) as url:
        settings = Settings(database_url=url, modules={"reception": {}})
        app = create_app(settings)
        runtime = app.state.runtime
        try:
            await runtime.start()
            assert not runtime.started and "events" not in runtime.state
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                before = await client.get("/ready")
                assert before.status_code == 503
                assert before.json()["status"] == "migrations pending"
                assert not runtime.started

                config = tmp_path / "migrate.toml"
                config.write_text(f'database_url = "{url}"\n[modules.reception]\n')
                cli = str(Path(sys.executable).parent / "sportello")
                done = await asyncio.to_thread(
                    subprocess.run,
                    [cli, "--config", str(config), "migrate"],
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                assert done.returncode == 0, done.stderr

                after = await client.get("/ready")
                assert after.status_code == 200, after.text
                assert after.json()["status"] == "ready"
                assert runtime.started and "events" in runtime.state

                async with atomic():
                    event = await publish("test.ready", {}, aggregate="ready:1")

                async def dispatched() -> bool:
                    row = await OutboxEvent.get(id=event.id)
                    return row.dispatched_at is not None

                for _ in range(400):  # the dispatcher picks it up
                    if await dispatched():
                        break
                    await asyncio.sleep(0.05)
                assert await dispatched()
        finally:
            await runtime.stop()


async def test_the_server_starts_by_itself_once_migrated(backend: str, tmp_path: Path) -> None:
    """Nobody polls /ready: the watcher the app's lifespan starts finishes the startup."""
    import asyncio

    from sportello.db import migrate

    async with empty_database(backend, tmp_path) as url:
        settings = Settings(database_url=url, modules={"reception": {}})
        app = create_app(settings)
        runtime = app.state.runtime
        runtime.startup_retry_interval = 0.05
        async with app.router.lifespan_context(app):
            assert not runtime.started
            await migrate(runtime.db_config)  # as `sportello migrate` would, from here
            for _ in range(1200):
                if runtime.started:
                    break
                await asyncio.sleep(0.05)
            assert runtime.started and "events" in runtime.state
        assert not runtime.started
