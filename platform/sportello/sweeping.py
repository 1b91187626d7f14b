"""The loop every core sweeper runs in each server process: sleep, sweep, log a failure and go on.

The SLA sweeper and the scheduler share it. A sweep must be safe to run in several processes at
once (each claims its rows with a conditional UPDATE or a UNIQUE row in its transaction); the
loop only paces it and keeps a failed round (database gone, not migrated yet) from ending it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any


class SweepLoop:
    """Run ``sweep`` every ``interval`` seconds in a task of this process until stopped."""

    def __init__(
        self,
        name: str,
        sweep: Callable[[], Awaitable[Any]],
        interval: float,
        log: logging.Logger | None = None,
    ) -> None:
        self.name = name
        self.sweep = sweep
        self.interval = interval
        self.log = log or logging.getLogger(f"sportello.{name}")
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._loop(), name=f"sportello-{self.name}-sweeper")

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task
            self.task = None

    async def _loop(self) -> None:
        while True:
            # Sleep first: a restarted process catches up one interval later.
            await asyncio.sleep(self.interval)
            try:
                await self.sweep()
            except asyncio.CancelledError:
                raise
            except Exception:  # e.g. database not migrated yet or gone: retried next round
                self.log.exception("%s: sweep failed", self.name)
