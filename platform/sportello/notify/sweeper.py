"""The sweeper: in every server process, sends the deliveries that are due (new ones when the
outbox handler wakes it after commit, retries and scheduled ones when their time comes)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from sportello.events.registry import Event
from sportello.notify.core import NotifyCore, current
from sportello.notify.services.sending import send_due

log = logging.getLogger("sportello.notify")


async def run(core: NotifyCore) -> None:
    """Sweep when woken (deliveries committed) or every ``sweep_seconds`` (retries, scheduled
    ones, and what a stopped process left due)."""
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(core.woken.wait(), core.config.sweep_seconds)
        core.woken.clear()
        try:
            await send_due(core)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("notify: the sweep failed; trying again at the next one")


async def start(runtime: Any) -> NotifyCore:
    core = NotifyCore(runtime)
    core.collect()
    core.register()
    core.task = asyncio.create_task(run(core), name="sportello-notify-sweeper")
    return core


async def stop(core: NotifyCore) -> None:
    core.unregister()
    if core.task is not None:
        core.task.cancel()
        await asyncio.wait([core.task], timeout=5)


async def on_queued(event: Event) -> None:
    """The outbox handler of ``notify.queued``: the deliveries committed, send them now
    (in the sweeper's task, so the dispatcher is never held by a slow mail server)."""
    current().wake()
