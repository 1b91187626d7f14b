from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from sportello.events import publish
from sportello.services import atomic


def fast(runtime: Any, **overrides: Any) -> Any:
    """Shrink the dispatcher's timings for a test (no timing assertions rely on them)."""
    core = runtime.state["events"]
    core.config.backoff_base = overrides.pop("backoff_base", 0.02)
    core.config.poll_interval = overrides.pop("poll_interval", 0.05)
    for k, v in overrides.items():
        setattr(core.config, k, v)
    return core


async def emit(name: str, payload: dict[str, Any], aggregate: str, site_id: int | None = None):
    async with atomic():
        return await publish(name, payload, aggregate=aggregate, site_id=site_id)


async def eventually(check: Callable[[], Awaitable[Any]], within: float = 20.0) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        result = await check()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"condition not met in {within}s: last {result!r}")
        await asyncio.sleep(0.03)
