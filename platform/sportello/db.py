"""Storage: the Tortoise configuration built from enabled plugins, table rules, migrations."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pluggy
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.models import Model

from sportello import columns
from sportello.contract import ModelSet
from sportello.errors import StorageError
from sportello.hookcall import call_each
from sportello.settings import Settings


def model_sets(pm: pluggy.PluginManager) -> list[tuple[str, ModelSet]]:
    return [(owner, ms) for owner, ms in call_each(pm, "sportello_models")]


def _models_of(module_name: str) -> Iterable[type[Model]]:
    module = importlib.import_module(module_name)
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if issubclass(obj, Model) and obj is not Model and obj.__module__ == module_name:
            if not obj._meta.abstract:
                yield obj


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def check_tables(sets: list[tuple[str, ModelSet]]) -> None:
    """Tables carry their plugin's label (``<label>_<model in snake case>`` unless the model
    sets ``Meta.table``), and no two enabled plugins claim one table. Every model's fields get
    the column limits (``sportello.columns``)."""
    claimed: dict[str, str] = {}
    labels: dict[str, str] = {}
    for owner, ms in sets:
        if ms.label in labels:
            raise StorageError(
                f"plugins '{labels[ms.label]}' and '{owner}' both use the app label '{ms.label}'"
            )
        labels[ms.label] = owner
        for module_name in ms.modules:
            for model in _models_of(module_name):
                if not model._meta.db_table:  # no Meta.table: the core names it
                    model._meta.db_table = f"{ms.label}_{_snake(model.__name__)}"
                table = model._meta.db_table
                if not table.startswith(f"{ms.label}_"):
                    raise StorageError(
                        f"plugin '{owner}': model {model.__name__} uses table '{table}'; "
                        f"tables must start with '{ms.label}_' (set Meta.table)"
                    )
                if table in claimed:
                    raise StorageError(
                        f"plugins '{claimed[table]}' and '{owner}' both claim the table '{table}'"
                    )
                claimed[table] = owner
                columns.guard(model)


def database_url(settings: Settings) -> str:
    url = settings.database_url
    if url.startswith("sqlite://") and url not in ("sqlite://:memory:",):
        path = Path(url.removeprefix("sqlite://"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite://{path}"  # Tortoise turns WAL and foreign keys on by default
    return url


def tortoise_config(settings: Settings, pm: pluggy.PluginManager) -> dict[str, Any]:
    sets = model_sets(pm)
    check_tables(sets)
    apps = {
        ms.label: {
            "models": list(ms.modules),
            "migrations": ms.migrations,
            "default_connection": "default",
        }
        for _, ms in sets
    }
    return {
        "connections": {"default": database_url(settings)},
        "apps": apps,
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_orm(config: dict[str, Any]) -> None:
    # Tortoise caches INSERT/UPDATE SQL by (connection name, table), not by dialect: a process
    # that opens SQLite and then PostgreSQL (the test suite) would reuse "?" placeholders.
    EXECUTOR_CACHE.clear()
    # The global fallback makes the context visible to every request task (see field notes).
    await Tortoise.init(config=config, _enable_global_fallback=True)


async def close_orm() -> None:
    await Tortoise.close_connections()


async def migrate(config: dict[str, Any]) -> None:
    """Apply the enabled plugins' migrations; tables of disabled plugins are never touched."""
    from tortoise.migrations.api import migrate as tortoise_migrate

    await tortoise_migrate(config=config, app_labels=list(config["apps"]))


async def pending_migrations(config: dict[str, Any]) -> list[str]:
    """Migrations not yet applied (for /ready)."""
    from tortoise.connection import get_connection
    from tortoise.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(get_connection("default"), config["apps"])
    steps = await executor.plan(None)
    return [
        f"{step.migration.app_label}.{step.migration.name}" for step in steps if not step.backward
    ]
