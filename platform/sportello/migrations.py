"""``sportello makemigrations``: Tortoise's autodetector over the enabled plugins' apps.

Apps are written one at a time in dependency order, so that a migration that points at another
app's model depends on that app's migration written a moment before (Tortoise alone misses this
when both are new in one run).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector


async def _pending(config: dict[str, Any], apps: dict[str, Any]) -> list[Any]:
    await Tortoise.init(config=config, init_connections=False)
    try:
        return await MigrationAutodetector(Tortoise.apps, apps).changes()
    finally:
        await Tortoise.close_connections()


async def makemigrations(
    config: dict[str, Any], labels: Sequence[str] = (), name: str | None = None
) -> list[str]:
    order = list(config["apps"])
    out: list[str] = []
    for _ in range(len(order) + 1):
        writers = [
            w for w in await _pending(config, config["apps"]) if not labels or w.app_label in labels
        ]
        if not writers:
            break
        writers.sort(key=lambda w: order.index(w.app_label))
        writer = writers[0]
        if name:
            writer.name = f"{writer.name.split('_', 1)[0]}_{name}"
        path = writer.write()
        importlib.invalidate_caches()
        out.append(f"created {writer.app_label}.{writer.name} ({path})")
    return out or ["no changes detected"]
