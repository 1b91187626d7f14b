"""One-shot timers (``api.schedule_at``): written in the caller's transaction, fired once when
due by whichever sweeper claims them, never when cancelled, one per key."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import schedplugin

from sportello import api
from sportello.events.models import OutboxEvent
from sportello.schedule.models import Timer
from sportello.schedule.services import fire_due

MODULES = ["schedtest"]
PLUGINS = [schedplugin]
#: In the future: the scheduler sweeping in the background (on the real clock) never fires what
#: the tests fire themselves at chosen instants.
T0 = dt.datetime(2030, 3, 6, 9, 0, tzinfo=dt.UTC)


def t(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


async def _published() -> list[dict[str, Any]]:
    return [dict(r.payload) for r in await OutboxEvent.filter(name=schedplugin.RANG).order_by("id")]


async def test_a_timer_fires_once_when_due_and_its_handler_runs(
    sportello_app: Callable[..., Any],
) -> None:
    schedplugin.reset()
    async with sportello_app(MODULES, PLUGINS) as h:
        async with api.atomic():
            assert await api.schedule_at("t:1", t(10), schedplugin.RANG, {"what": "bell"})
        assert await fire_due(t(9)) == 0
        assert await _published() == []
        assert await fire_due(t(10)) == 1
        assert await fire_due(t(20)) == 0  # fired once, not again
        assert await _published() == [{"what": "bell"}]
        await h.settle()
        assert schedplugin.HEARD == [{"what": "bell"}]
        # a fired key stays fired: scheduling it again does nothing
        assert not await api.schedule_at("t:1", t(30), schedplugin.RANG, {"what": "again"})
        assert await fire_due(t(40)) == 0
        assert await _published() == [{"what": "bell"}]


async def test_a_timer_is_written_in_the_callers_transaction(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, PLUGINS):
        with pytest.raises(RuntimeError):
            async with api.atomic():
                await api.schedule_at("t:rolled", t(1), schedplugin.RANG, {"what": "no"})
                raise RuntimeError("the change failed")
        assert not await Timer.filter(key="t:rolled").exists()
        assert await fire_due(t(60)) == 0
        # a payload its event type refuses is the caller's error, at once
        with pytest.raises(api.EventPayloadError):
            await api.schedule_at("t:bad", t(1), schedplugin.RANG, {"who": "?"})


async def test_concurrent_sweepers_fire_each_timer_once(
    sportello_app: Callable[..., Any],
) -> None:
    schedplugin.reset()
    async with sportello_app(MODULES, PLUGINS) as h:
        for i in range(30):
            await api.schedule_at(f"t:{i}", t(i % 5), schedplugin.RANG, {"what": str(i)})
        fired = await asyncio.gather(*(fire_due(t(5)) for _ in range(4)))
        assert sum(fired) == 30
        assert sorted(int(p["what"]) for p in await _published()) == list(range(30))
        assert await Timer.filter(fired_at=None).count() == 0
        await h.settle()
        assert len(schedplugin.HEARD) == 30


async def test_a_cancelled_timer_never_fires(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, PLUGINS):
        await api.schedule_at("t:c", t(5), schedplugin.RANG, {"what": "cancelled"})
        await api.schedule_at("t:k", t(5), schedplugin.RANG, {"what": "kept"})
        assert await api.cancel_timer("t:c")
        assert not await api.cancel_timer("t:c")  # nothing left to cancel
        assert not await api.cancel_timer("t:never")
        assert await fire_due(t(10)) == 1
        assert await _published() == [{"what": "kept"}]
        assert not await api.cancel_timer("t:k")  # fired: too late to cancel


async def test_scheduling_twice_with_one_key_keeps_one_timer(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, PLUGINS):
        await api.schedule_at("t:same", t(5), schedplugin.RANG, {"what": "first"})
        # the same key again moves the pending timer (time and payload)
        await api.schedule_at("t:same", t(8), schedplugin.RANG, {"what": "moved"})
        # concurrent schedulers of one key: one row
        await asyncio.gather(
            *(
                api.schedule_at(f"t:raced{n % 2}", t(8), schedplugin.RANG, {"what": f"r{n % 2}"})
                for n in range(6)
            )
        )
        assert await Timer.filter(key="t:same").count() == 1
        assert await Timer.filter(key__startswith="t:raced").count() == 2
        assert await fire_due(t(6)) == 0
        assert await fire_due(t(8)) == 3
        assert sorted(p["what"] for p in await _published()) == ["moved", "r0", "r1"]


async def test_each_server_process_fires_due_timers_by_itself(
    sportello_app: Callable[..., Any],
) -> None:
    schedplugin.reset()
    async with sportello_app(MODULES, PLUGINS, schedule={"sweep_seconds": 0.1}) as h:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        await api.schedule_at("t:now", past, schedplugin.RANG, {"what": "now"})
        for _ in range(100):
            if await Timer.filter(key="t:now", fired_at=None).count() == 0:
                break
            await asyncio.sleep(0.05)
        await h.settle()
        assert schedplugin.HEARD == [{"what": "now"}]
