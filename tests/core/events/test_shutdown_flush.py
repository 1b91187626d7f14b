"""Stopping flushes the dispatcher: an event committed just before the stop is delivered by
this process, not left for the next one; an idle dispatcher stops at once, and the shutdown
timeout bounds only a real backlog (what is left stays pending for the next start)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import evplugin
import pytest
from evhelpers import emit, eventually

from sportello.app import create_app
from sportello.events.models import EventDelivery
from sportello.settings import Settings
from sportello.testing import drop_database, prepare_database


@asynccontextmanager
async def _started(backend: str, tmp_path: Path, shutdown_timeout: float) -> AsyncIterator[Any]:
    evplugin.reset()
    url = await prepare_database(backend, ["evtest"], [evplugin], tmp_path)
    settings = Settings(
        database_url=url,
        modules={"evtest": {}},
        server={"shutdown_timeout": shutdown_timeout},
    )
    runtime = create_app(settings, [evplugin]).state.runtime
    try:
        await runtime.start()
        yield runtime
    finally:
        try:
            await runtime.stop()  # idempotent: a test may have stopped it already
        finally:
            await drop_database(url)


async def test_stop_delivers_what_the_last_request_committed(backend, tmp_path) -> None:
    async with _started(backend, tmp_path, 10) as runtime:
        core = runtime.state["events"]
        core._loop_task.cancel()  # the loop does not come round again before the stop
        await emit("evtest.thing.happened", {"n": 7}, "thing:7")
        assert evplugin.EFFECTS["steady"] == []
        await runtime.stop()
        assert evplugin.EFFECTS["steady"] == [7]


async def test_stop_runs_a_queue_of_one_aggregate_to_its_end(backend, tmp_path) -> None:
    """Only the head of a (handler, aggregate) runs at a time: the flush goes round again
    for the one behind it."""
    async with _started(backend, tmp_path, 10) as runtime:
        core = runtime.state.pop("events")  # stopped here, as the shutdown hook does
        core._loop_task.cancel()
        for n in (1, 2, 3):
            await emit("evtest.thing.happened", {"n": n}, "thing:queue")
        await core.flush(runtime.settings.server.shutdown_timeout)
        await core.stop()
        assert evplugin.EFFECTS["steady"] == [1, 2, 3]
        statuses = await EventDelivery.filter(handler="evtest.steady").values_list(
            "status", flat=True
        )
        assert statuses == ["delivered"] * 3


async def _delivered_one() -> bool:
    return evplugin.EFFECTS["steady"] == [1]


async def test_idle_dispatcher_stops_without_sitting_out_the_timeout(backend, tmp_path) -> None:
    """The flush waits for deliveries, not for the LISTEN connection's loops (PostgreSQL),
    which only ``stop`` ends: with nothing to deliver it returns long before its bound."""
    async with _started(backend, tmp_path, 5) as runtime:
        core = runtime.state["events"]
        await emit("evtest.thing.happened", {"n": 1}, "thing:idle")
        await eventually(_delivered_one)  # by the running loop
        # A hang guard, not a speed measure: bounded by 600 s, the flush must end by itself.
        await asyncio.wait_for(core.flush(600), 30)
        if backend == "postgres":  # the LISTEN loops were left running, for stop to end
            assert any(t.get_name() == "sportello-events-listener" for t in core.tasks)
            assert all(not t.done() for t in core.tasks)
        await asyncio.wait_for(runtime.stop(), 60)
        assert evplugin.EFFECTS["steady"] == [1]


async def test_backlog_beyond_the_timeout_stays_pending(
    backend, tmp_path, caplog: pytest.LogCaptureFixture
) -> None:
    async with _started(backend, tmp_path, 0.3) as runtime:
        gate = evplugin.GATE
        core = runtime.state.pop("events")  # stopped here, as the shutdown hook does
        core._loop_task.cancel()
        event = await emit("evtest.slow", {"n": 1}, "slow:1")
        try:
            with caplog.at_level(logging.WARNING, logger="sportello.events"):
                await asyncio.wait_for(core.flush(runtime.settings.server.shutdown_timeout), 60)
            assert gate.entered.is_set()  # the flush started it, then gave up waiting
            await core.stop()  # cancels the handler: no attempt recorded
        finally:
            gate.release.set()
        assert "1 deliveries unfinished at shutdown" in caplog.text
        assert evplugin.EFFECTS["slow"] == []
        delivery = await EventDelivery.get(handler="evtest.slow", event_id=event.id)
        assert delivery.status == "pending" and delivery.attempts == 0


async def test_dispatcher_runs_while_the_other_services_run(backend, tmp_path, monkeypatch) -> None:
    """Handlers send notifications and start SLA clocks: the dispatcher starts after those
    services and its last round at shutdown runs before any of them stops."""
    from sportello.events.bus import EventsCore

    seen: list[str] = []
    original_start, original_flush = EventsCore.start, EventsCore.flush

    async def start(self: EventsCore) -> None:
        seen.append(f"start: {_services(self.runtime)}")
        await original_start(self)

    async def flush(self: EventsCore, bound: float) -> None:
        seen.append(f"flush: {_services(self.runtime)}")
        await original_flush(self, bound)

    monkeypatch.setattr(EventsCore, "start", start)
    monkeypatch.setattr(EventsCore, "flush", flush)
    async with _started(backend, tmp_path, 5) as runtime:
        await runtime.stop()
    assert seen == ["start: notify, sla", "flush: notify, sla"]


def _services(runtime: Any) -> str:
    return ", ".join(name for name in ("notify", "sla") if name in runtime.state)
