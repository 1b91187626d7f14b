"""``sportello makemigrations``: Tortoise's autodetector over the enabled plugins' apps; and
``SqliteOnlySQL``, an operation for SQLite-only schema objects (views, triggers).

Apps are written one at a time in dependency order, so that a migration that points at another
app's model depends on that app's migration written a moment before (Tortoise alone misses this
when both are new in one run).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from tortoise import Tortoise
from tortoise.migrations import operations as ops
from tortoise.migrations.autodetector import MigrationAutodetector
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state import State


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


def _dialect(state_editor: BaseSchemaEditor | None) -> str:
    client = getattr(state_editor, "client", None)
    return str(getattr(getattr(client, "capabilities", None), "dialect", ""))


class SqliteOnlySQL(ops.RunSQL):
    """RunSQL on SQLite only, each statement whole (what PostgreSQL does otherwise, e.g. with
    data-modifying ``WITH``, which SQLite lacks, and so needs no schema object for)."""

    def __init__(self, forward: list[str], backward: list[str]) -> None:
        super().__init__(forward, backward)
        self.statements = (forward, backward)

    async def _run(self, state_editor: BaseSchemaEditor | None, forward: bool) -> None:
        if state_editor is None or _dialect(state_editor) != "sqlite":
            return
        # Whole statements (a trigger body holds semicolons the schema editor would split on).
        for statement in self.statements[0 if forward else 1]:
            await state_editor.client.execute_script(statement)

    async def database_forward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        await self._run(state_editor, True)

    async def database_backward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        await self._run(state_editor, False)
