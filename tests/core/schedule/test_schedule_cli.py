"""``sportello schedule``: the jobs listed, and one run from cron firing the due timers and
running the due jobs (what an installation with ``[schedule] jobs = false`` does)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
import schedplugin

from sportello import cli, plugins
from sportello.testing import drop_database, prepare_database


async def _timer(url: str) -> None:
    from tortoise import Tortoise

    from sportello.schedule.models import Timer

    await Tortoise.init(db_url=url, modules={"schedule": ["sportello.schedule.models"]})
    try:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        await Timer.create(key="cli:1", event=schedplugin.RANG, payload={"what": "x"}, due_at=past)
    finally:
        await Tortoise.close_connections()


async def _fired(url: str) -> tuple[bool, int]:
    from tortoise import Tortoise

    from sportello.schedule.models import JobRun, Timer

    await Tortoise.init(db_url=url, modules={"schedule": ["sportello.schedule.models"]})
    try:
        timer = await Timer.get(key="cli:1")
        return timer.fired_at is not None, await JobRun.filter(job="schedtest.hourly").count()
    finally:
        await Tortoise.close_connections()


def test_schedule_command_lists_and_runs(
    backend: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    discover = plugins.discover
    monkeypatch.setattr(plugins, "discover", lambda explicit=(): discover([*explicit, schedplugin]))
    url = asyncio.run(prepare_database(backend, ["schedtest"], [schedplugin], tmp_path))
    try:
        config = tmp_path / "sched.toml"
        config.write_text(f'database_url = "{url}"\n\n[modules.schedtest]\n')
        assert cli.main(["--config", str(config), "schedule", "jobs"]) == 0
        listed = capsys.readouterr().out
        assert "schedtest.daily: daily at 07:00 in Europe/Rome" in listed
        assert "schedtest.sites: daily at 02:00 per site" in listed
        asyncio.run(_timer(url))
        assert cli.main(["--config", str(config), "schedule", "run"]) == 0
        out = capsys.readouterr().out
        assert "1 timer(s) fired" in out and "schedtest.hourly *" in out
        assert cli.main(["--config", str(config), "schedule", "run"]) == 0  # nothing twice
        assert "0 timer(s) fired" in capsys.readouterr().out
        assert asyncio.run(_fired(url)) == (True, 1)
    finally:
        asyncio.run(drop_database(url))
