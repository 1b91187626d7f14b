"""The running system: settings, enabled plugins and everything composed from them once."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Iterable
from functools import cached_property
from types import ModuleType
from typing import Any

import pluggy
import strawberry

from sportello.contract import Permission, RoleSpec
from sportello.db import close_orm, init_orm, pending_migrations, tortoise_config
from sportello.errors import ConfigError, PluginError
from sportello.graphql.schema import create_schema
from sportello.hookcall import call_each
from sportello.i18n import Catalog
from sportello.identity.roles import load_custom_roles
from sportello.lifecycle import Lifecycle
from sportello.ops.metrics import Metrics
from sportello.plugins import PluginSet, create_plugin_manager
from sportello.settings import Settings

ADMIN = "admin"
logger = logging.getLogger("sportello")


class Runtime:
    def __init__(self, settings: Settings, plugins: Iterable[ModuleType | str] = ()) -> None:
        self.settings = settings
        self.pm, self.plugin_set = create_plugin_manager(settings, plugins)
        self.db_config = tortoise_config(settings, self.pm)
        self.catalog = Catalog()
        for _, catalogue in call_each(self.pm, "sportello_translations"):
            self.catalog.add(catalogue)
        self.permissions = self._collect_permissions()
        self.roles = self._collect_roles()
        self.state: dict[str, Any] = {}
        #: this runtime's Prometheus instruments (served at /metrics when enabled)
        self.metrics = Metrics(settings.metrics)
        self.started = False
        #: the drain of a stopping server (sportello.lifecycle)
        self.lifecycle = Lifecycle(settings.server.shutdown_delay)
        self.pending_migrations: list[str] = []
        self._orm_open = False
        self._starting: asyncio.Lock | None = None
        #: seconds between the server's attempts to finish a startup deferred by migrations
        self.startup_retry_interval = 5.0

    @property
    def plugin_names(self) -> list[str]:
        return list(self.plugin_set.order)

    def plugin_settings(self, name: str) -> Any:
        return self.plugin_set.candidates[name].settings

    def _collect_permissions(self) -> dict[str, Permission]:
        found: dict[str, tuple[str, Permission]] = {}
        for owner, perms in call_each(self.pm, "sportello_permissions"):
            for perm in perms:
                if perm.code in found and found[perm.code][0] != owner:
                    raise PluginError(
                        f"plugins '{found[perm.code][0]}' and '{owner}' both declare "
                        f"the permission '{perm.code}'"
                    )
                found[perm.code] = (owner, perm)
        return {code: perm for code, (_, perm) in sorted(found.items())}

    def _collect_roles(self) -> dict[str, frozenset[str]]:
        roles: dict[str, set[str]] = {}
        for _, specs in call_each(self.pm, "sportello_roles"):
            for spec in specs:
                roles.setdefault(spec.name, set()).update(spec.permissions)
        for name, perms in self.settings.roles.items():
            unknown = sorted(set(perms) - set(self.permissions))
            if unknown:
                raise ConfigError(
                    f"{self.settings.config_file}: key 'roles.{name}': unknown permission "
                    f"'{unknown[0]}' (known: {', '.join(self.permissions)})"
                )
            roles.setdefault(name, set()).update(perms)
        roles[ADMIN] = set(self.permissions)
        return {name: frozenset(p & set(self.permissions)) for name, p in roles.items()}

    def add_role(self, spec: RoleSpec) -> None:
        self.roles[spec.name] = frozenset(spec.permissions) & frozenset(self.permissions)

    def permissions_for_roles(self, roles: Iterable[str]) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for role in roles:
            granted = self.roles.get(role, frozenset())
            out = out | granted if out else granted  # most users hold one role: no copy
        return out

    def call_each_routes(self) -> list[tuple[str, Any]]:
        return call_each(self.pm, "sportello_routes", runtime=self)

    @cached_property
    def schema(self) -> strawberry.Schema:
        return create_schema(self)

    async def start(self) -> None:
        """Open the database and, once it is migrated, run every plugin's startup hook.

        An unmigrated database must not stop the process: ``started`` stays False, /ready
        answers 503 listing the pending migrations, and ``finish_start`` (which /ready and
        the server's watcher call) completes the startup once ``sportello migrate`` ran.
        """
        await init_orm(self.db_config)
        self._orm_open = True
        await self.finish_start()

    async def finish_start(self) -> bool:
        """Run the deferred startup if the migrations are now applied; True once started."""
        if self.started:
            return True
        if not self._orm_open:
            raise RuntimeError("Runtime.start() must run first")
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:  # /ready polled twice at once must not start twice
            if self.started:
                return True

            self.pending_migrations = await pending_migrations(self.db_config)
            if self.pending_migrations:
                logger.warning("migrations pending: %s", ", ".join(self.pending_migrations))
                return False
            await load_custom_roles(self)
            await self.call_async("sportello_startup", runtime=self)
            self.started = True
            logger.info("started: %s", ", ".join(self.plugin_names) or "no offices")
        return True

    async def wait_and_start(self, interval: float | None = None) -> None:
        """Retry ``finish_start`` every ``interval`` seconds until the runtime has started."""
        interval = self.startup_retry_interval if interval is None else interval
        while not self.started:
            await asyncio.sleep(interval)
            try:
                await self.finish_start()
            except Exception:
                logger.exception("deferred startup failed; retrying in %ss", interval)

    async def stop(self) -> None:
        if self.started:
            await self.call_async("sportello_shutdown", runtime=self, reverse=True)
        self.started = False
        self._orm_open = False
        await close_orm()

    async def call_async(self, hook: str, reverse: bool = False, **kwargs: Any) -> list[Any]:
        """Call a hook whose implementations may be sync or async, one after another in order."""
        results = []
        pairs = call_each(self.pm, hook, **kwargs)
        for _, value in reversed(pairs) if reverse else pairs:
            if inspect.isawaitable(value):
                value = await value
            results.append(value)
        return results


def build_runtime(settings: Settings, plugins: Iterable[ModuleType | str] = ()) -> Runtime:
    return Runtime(settings, plugins)


__all__ = ["Runtime", "build_runtime", "pluggy", "PluginSet"]
