"""Upgrading an installation whose payment reminders ran on SLA clocks (before migration
0006): each pending reminder clock becomes the timer of its invoice and level, due when the
clock was, and every reminder clock goes (``slaClocks`` lists none); other offices' clocks stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sales_setup import MODULES

DUE = dt.datetime(2030, 5, 2, 7, 0, tzinfo=dt.UTC)


async def test_pending_reminder_clocks_become_timers(backend: str, tmp_path: Path) -> None:
    from tortoise.migrations.api import migrate as tortoise_migrate

    from sportello.db import close_orm, init_orm, migrate
    from sportello.runtime import Runtime
    from sportello.schedule.models import Timer
    from sportello.settings import Settings
    from sportello.sla.models import SlaClock, SlaClockPause
    from sportello.testing import drop_database, prepare_database

    if backend == "sqlite":
        # Going back to 0005 on SQLite keeps the refund's cash session column that sales 0007
        # added (tortoise's SQLite rollback of an added foreign key), so 0007 cannot run again;
        # the data migration itself is plain ORM code, the same on both databases.
        pytest.skip("migrating back past sales 0007 is PostgreSQL's")
    url = await prepare_database(backend, MODULES, (), tmp_path)
    try:
        config = Runtime(Settings(database_url=url, modules={n: {} for n in MODULES})).db_config
        await tortoise_migrate(
            config=config, app_labels=list(config["apps"]), target="sales.0005_counter_fees"
        )
        await close_orm()
        await init_orm(config)
        start = DUE - dt.timedelta(days=30)
        common = {"started_at": start, "counted_from": start, "resolution_target": 60}
        await SlaClock.create(
            office="sales", item_type="reminder_2", item_id=41, due_resolution_at=DUE, **common
        )
        met = await SlaClock.create(
            office="sales",
            item_type="reminder_1",
            item_id=41,
            due_resolution_at=start,
            resolution_breached_at=start,
            **common,
        )
        await SlaClockPause.create(clock=met, started_at=start, reason="on_hold")
        await SlaClock.create(
            office="sales", item_type="reminder_1", item_id=7, state="met", **common
        )
        await SlaClock.create(
            office="counter", item_type="ticket", item_id=41, due_resolution_at=DUE, **common
        )
        await close_orm()

        await migrate(config)
        await init_orm(config)
        timers = await Timer.all().values("key", "event", "payload", "due_at", "fired_at")
        assert timers == [
            {
                "key": "sales.reminder:41:2",
                "event": "sales.payment_reminder.due",
                "payload": {"invoice_id": 41, "level": 2},
                "due_at": DUE,
                "fired_at": None,
            }
        ]
        left = await SlaClock.all().values_list("office", flat=True)
        assert left == ["counter"]
        assert await SlaClockPause.all().count() == 0
        await close_orm()
    finally:
        await drop_database(url)
