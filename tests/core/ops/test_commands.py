"""``sportello check`` and ``sportello events stats``, run as an operator runs them."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from sportello.cli import main
from sportello.db import close_orm, init_orm
from sportello.events.models import DeliveryAttempt, EventDelivery, OutboxEvent, WebhookEndpoint
from sportello.runtime import Runtime
from sportello.settings import load_settings
from sportello.testing import drop_database, free_port, prepare_database

MODULES = ["reception"]


@pytest.fixture
def config(backend: str, tmp_path: Path) -> Any:
    """A configuration file naming a freshly migrated database (reception on)."""
    url = asyncio.run(prepare_database(backend, MODULES, [], tmp_path))
    path = tmp_path / "check.toml"
    path.write_text(f'database_url = "{url}"\n[modules.reception]\n')
    yield path
    asyncio.run(drop_database(url))


def _in_db(config: Path, fn: Any) -> Any:
    runtime = Runtime(load_settings(config))

    async def run() -> Any:
        await init_orm(runtime.db_config)
        try:
            return await fn()
        finally:
            await close_orm()

    return asyncio.run(run())


def _check(config: Path, capsys: Any) -> tuple[int, str]:
    status = main(["--config", str(config), "check"])
    return status, capsys.readouterr().out


def test_check_passes_on_a_migrated_database(config: Path, capsys) -> None:
    status, out = _check(config, capsys)
    assert status == 0, out
    assert "FAIL" not in out and out.rstrip().endswith("ready to serve")
    for line in ("configuration", "offices and their requirements: reception", "migrations"):
        assert line in out


def test_check_reports_an_unapplied_migration(config: Path, capsys) -> None:
    newest: list[str] = []

    async def forget() -> None:
        from tortoise import connections

        db = connections.get("default")
        _, rows = await db.execute_query(
            "SELECT name FROM tortoise_migrations WHERE app = 'events' ORDER BY name DESC"
        )
        newest.append(rows[0]["name"])  # the leaf: an earlier one would hide behind it
        await db.execute_query(
            f"DELETE FROM tortoise_migrations WHERE app = 'events' AND name = '{newest[0]}'"
        )

    _in_db(config, forget)
    status, out = _check(config, capsys)
    assert status == 1
    assert f"FAIL  migrations: 1 not applied (events.{newest[0]})" in out
    assert "sportello migrate" in out and out.rstrip().endswith("1 problem")


def test_check_reports_an_unreachable_database_and_a_broken_configuration(
    tmp_path: Path, capsys
) -> None:
    port = free_port()  # nothing listens there
    path = tmp_path / "away.toml"
    path.write_text(f'database_url = "postgres://ops:s3cret@127.0.0.1:{port}/gone"\n')
    status, out = _check(path, capsys)
    assert status == 1
    assert f"FAIL  database reachable: postgres://127.0.0.1:{port}/gone" in out
    assert "s3cret" not in out

    path.write_text('database_url = "sqlite://x.sqlite3"\n[modules.lodging]\n')
    status, out = _check(path, capsys)
    assert status == 1 and "FAIL  office lodging" in out and "reception" in out

    path.write_text("[server]\nport = 0\n")
    status, out = _check(path, capsys)
    assert status == 1 and "FAIL  configuration" in out and "server.port" in out


def test_check_reports_webhook_targets_no_longer_allowed(config: Path, capsys) -> None:
    async def register() -> None:
        await WebhookEndpoint.create(url="https://10.1.2.3/hook?key=abc", events=["*"], secret="s")

    _in_db(config, register)
    status, out = _check(config, capsys)
    assert status == 1
    assert "FAIL  webhook endpoint 1 https://10.1.2.3/hook: BLOCKED_ADDRESS" in out
    assert "key=abc" not in out


def test_events_stats_prints_the_figures(config: Path, capsys) -> None:
    async def history() -> None:
        now = dt.datetime.now(dt.UTC)
        first = await OutboxEvent.create(name="a.b", aggregate="x:1", dispatched_at=now)
        await OutboxEvent.filter(id=first.id).update(occurred_at=now - dt.timedelta(minutes=3))
        await OutboxEvent.create(name="a.b", aggregate="x:2")  # not dispatched yet
        await EventDelivery.create(event_id=first.id, handler="office.handler", aggregate="x:1")
        hook = await EventDelivery.create(
            event_id=first.id, handler="webhook:7", aggregate="x:1", status="parked", attempts=2
        )
        for number, error in ((1, "HTTP_5XX"), (2, "TIMEOUT")):
            await DeliveryAttempt.create(
                delivery_id=hook.id,
                number=number,
                started_at=now,
                latency_ms=5,
                ok=False,
                error=error,
            )

    _in_db(config, history)
    assert main(["--config", str(config), "events", "stats"]) == 0
    out = capsys.readouterr().out
    assert "not dispatched yet     1" in out
    assert "pending deliveries     1" in out and "parked deliveries      1" in out
    assert "oldest pending event   3m" in out
    assert "office.handler" in out and "webhook:7" in out
    assert "HTTP_5XX" in out and "TIMEOUT" in out

    assert main(["--config", str(config), "events", "stats", "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["outbox"]["undispatched"] == 1
    assert 170 < figures["outbox"]["oldestPendingAgeSeconds"] < 600
    assert figures["deliveries"]["webhook:7"] == {"pending": 0, "delivered": 0, "parked": 1}
    assert figures["webhookAttempts"] == {"HTTP_5XX": 1, "TIMEOUT": 1}
