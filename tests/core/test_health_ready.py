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
