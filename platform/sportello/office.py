"""One declaration per office: what it contributes, said once.

An office module (the entry point) holds one ``Office(...)``; the plugin manager turns it into
the hook implementations underneath, so an office written this way and one written with
``@hookimpl`` functions are the same thing to the core. Module-level ``@hookimpl`` functions
next to the declaration still count: they are for dynamic contributions (another office's
hooks, routes that depend on settings).
"""

from __future__ import annotations

import importlib.util
import inspect
import tomllib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from sportello import hookimpl
from sportello.contract import (
    Command,
    ErasureReport,
    MergeReport,
    ModelSet,
    Permission,
    PluginInfo,
    RoleSpec,
    RuntimeView,
    TypeFields,
)
from sportello.errors import PluginError
from sportello.events.registry import EventHandler, EventType
from sportello.notify.contract import NotificationKind
from sportello.schedule.contract import Job

#: Demo, startup and shutdown functions take the runtime, or nothing.
RuntimeHook = Callable[[RuntimeView], Awaitable[None] | None] | Callable[[], Awaitable[None] | None]
PartyHook = Callable[[int], Awaitable[Any]]


@dataclass(frozen=True)
class Office:
    """An office's static contributions.

    ``models`` names the module(s) holding the Tortoise models (default: the package's
    ``models`` module, when there is one); the app label is the office's
    ``name`` (also the table prefix) and the migrations package sits beside the first models
    module (``sportello_parking.models`` -> ``sportello_parking.migrations``) unless given.
    ``permissions`` map codes to descriptions; ``roles`` map role names to permission codes
    (a ``RoleSpec`` gives a description too). ``type_fields`` map a target type (``Party``)
    to the strawberry class whose fields join it.
    """

    name: str
    title: str
    version: str = "0.1.0"
    description: str = ""
    requires: tuple[str, ...] = ()
    core: str = ">=1.1,<2"
    settings: type[BaseModel] | None = None
    models: str | Sequence[str] = ()
    migrations: str | None = None
    types: Sequence[type] = ()
    queries: Sequence[Any] = ()
    mutations: Sequence[Any] = ()
    subscriptions: Sequence[Any] = ()
    type_fields: Mapping[type, type] | Sequence[TypeFields] = field(default_factory=dict)
    permissions: Mapping[str, str] | Sequence[Permission] = field(default_factory=dict)
    roles: Mapping[str, Sequence[str]] | Sequence[RoleSpec] = field(default_factory=dict)
    #: Messages by language, or the name of a TOML file in the office's package
    #: (``"messages.toml"``, one table per language).
    translations: Mapping[str, Mapping[str, str]] | str = field(default_factory=dict)
    event_types: Sequence[EventType] = ()
    event_handlers: Sequence[EventHandler] = ()
    #: What the office tells people through ``api.notify`` (docs/notifications.md).
    notifications: Sequence[NotificationKind] = ()
    commands: Sequence[Command] = ()
    #: Periodic jobs the core's scheduler runs once per period (docs/plugins.md, "Timed work").
    jobs: Sequence[Job] = ()
    demo: RuntimeHook | None = None
    startup: RuntimeHook | None = None
    shutdown: RuntimeHook | None = None
    party_data: PartyHook | None = None
    party_erase: Callable[[int], Awaitable[ErasureReport]] | None = None
    #: Moves the office's references from a merged party (first argument) to the survivor.
    party_merge: Callable[[int, int], Awaitable[MergeReport]] | None = None

    # --- what the hooks return ----------------------------------------------------------------

    def info(self) -> PluginInfo:
        return PluginInfo(
            name=self.name,
            title=self.title,
            version=self.version,
            description=self.description,
            requires=tuple(self.requires),
            core=self.core,
            settings=self.settings,
        )

    def model_set(self, package: str | None = None) -> ModelSet | None:
        modules = (self.models,) if isinstance(self.models, str) else tuple(self.models)
        if not modules and package and importlib.util.find_spec(f"{package}.models"):
            modules = (f"{package}.models",)
        if not modules:
            return None
        migrations = self.migrations or modules[0].rpartition(".")[0] + ".migrations"
        return ModelSet(self.name, modules, migrations)

    def permission_list(self) -> list[Permission]:
        if isinstance(self.permissions, Mapping):
            return [Permission(code, text) for code, text in self.permissions.items()]
        return list(self.permissions)

    def role_list(self) -> list[RoleSpec]:
        if isinstance(self.roles, Mapping):
            return [RoleSpec(name, tuple(perms)) for name, perms in self.roles.items()]
        return list(self.roles)

    def type_field_list(self) -> list[TypeFields]:
        if isinstance(self.type_fields, Mapping):
            return [TypeFields(target, cls) for target, cls in self.type_fields.items()]
        return list(self.type_fields)

    def hooks(self, package: str | None = None) -> dict[str, Callable[..., Any]]:
        """The hook implementations this declaration stands for, by hook name (``package``:
        where the office lives, for its default ``models`` module)."""
        found: dict[str, Callable[..., Any]] = {"sportello_plugin_info": lambda: self.info()}

        def constant(name: str, value: Any) -> None:
            if value:
                found[name] = lambda: value

        model_set = self.model_set(package)
        if model_set is not None:
            found["sportello_models"] = lambda: model_set
        constant("sportello_graphql_types", list(self.types))
        constant("sportello_graphql_queries", list(self.queries))
        constant("sportello_graphql_mutations", list(self.mutations))
        constant("sportello_graphql_subscriptions", list(self.subscriptions))
        constant("sportello_graphql_type_fields", self.type_field_list())
        constant("sportello_permissions", self.permission_list())
        constant("sportello_roles", self.role_list())
        constant("sportello_translations", self.translations)
        constant("sportello_event_types", list(self.event_types))
        constant("sportello_event_handlers", list(self.event_handlers))
        constant("sportello_notification_kinds", list(self.notifications))
        constant("sportello_cli_commands", list(self.commands))
        constant("sportello_jobs", list(self.jobs))
        for hook, fn in (
            ("sportello_demo_data", self.demo),
            ("sportello_startup", self.startup),
            ("sportello_shutdown", self.shutdown),
        ):
            if fn is not None:
                found[hook] = _runtime_hook(fn)
        if self.party_data is not None:
            party_data = self.party_data
            found["sportello_party_data"] = lambda party_id: party_data(party_id)
        if self.party_erase is not None:
            party_erase = self.party_erase
            found["sportello_party_erase"] = lambda party_id: party_erase(party_id)
        if self.party_merge is not None:
            party_merge = self.party_merge
            found["sportello_party_merge"] = lambda source_id, target_id: party_merge(
                source_id, target_id
            )
        return found


def _runtime_hook(fn: Callable[..., Any]) -> Callable[[RuntimeView], Any]:
    """Demo, startup and shutdown functions may take the runtime or nothing."""
    takes_runtime = bool(inspect.signature(fn).parameters)
    return (lambda runtime: fn(runtime)) if takes_runtime else (lambda runtime: fn())


class OfficePlugin:
    """What the plugin manager registers for a module declaring an ``Office``: the declared
    contributions and the module's own ``@hookimpl`` functions, as one pluggy plugin."""

    def __init__(self, office: Office, module: ModuleType) -> None:
        self.office = office
        self.module = module
        self.__name__ = module.__name__
        self.__file__ = getattr(module, "__file__", None)
        declared = office.hooks(module.__package__ or None)
        for attr in dir(module):
            value = getattr(module, attr, None)
            if callable(value) and hasattr(value, "sportello_impl"):
                if attr in declared:
                    raise PluginError(
                        f"plugin '{office.name}' ({module.__name__}) implements {attr} and "
                        f"declares the same contribution in its Office: keep one"
                    )
                setattr(self, attr, value)
        if isinstance(office.translations, str):
            messages = _messages_file(module, office.translations)
            declared["sportello_translations"] = lambda: messages
        for name, fn in declared.items():
            setattr(self, name, hookimpl(fn))

    def __repr__(self) -> str:
        return f"<office {self.office.name} from {self.module.__name__}>"


def _messages_file(module: ModuleType, name: str) -> dict[str, dict[str, str]]:
    package = module.__package__ or module.__name__
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PluginError(f"plugin module {module.__name__}: cannot read {name}: {exc}") from None
    return {lang: {k: str(v) for k, v in messages.items()} for lang, messages in data.items()}


def plugin_of(module: ModuleType) -> Any:
    """The object to register for a plugin module: its ``Office`` if it declares one."""
    offices = [v for v in vars(module).values() if isinstance(v, Office)]
    if not offices:
        return module
    if len(offices) > 1:
        names = ", ".join(o.name for o in offices)
        raise PluginError(f"plugin module {module.__name__} declares several offices: {names}")
    return OfficePlugin(offices[0], module)
