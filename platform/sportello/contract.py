"""The value types of the plugin contract: what hooks return and ``Office`` declares.

This module sits at the bottom of the core: it imports nothing from the implementation, so
plugins, hookspecs and the core can all depend on it without cycles. Plugins import these
names from :mod:`sportello.api`.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel


@dataclass(frozen=True)
class PluginInfo:
    """What a plugin says about itself through ``sportello_plugin_info()``."""

    name: str
    title: str
    version: str
    description: str = ""
    requires: tuple[str, ...] = ()
    #: The core API range this plugin supports, e.g. ">=1.0,<2".
    core: str = ">=1.0,<2"
    #: A pydantic model validating this plugin's settings table ``[modules.<name>]``.
    settings: type[BaseModel] | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelSet:
    """A plugin's Tortoise app: its label (the table prefix), model modules and migrations package."""

    label: str
    modules: tuple[str, ...]
    migrations: str


@dataclass(frozen=True)
class TypeFields:
    """Fields a plugin adds to a type it does not own: every field of ``fields`` joins ``target``."""

    target: type
    fields: type


@dataclass(frozen=True)
class Permission:
    code: str
    description: str


@dataclass(frozen=True)
class RoleSpec:
    """A role and the permissions a plugin puts in it (roles merge across plugins)."""

    name: str
    permissions: tuple[str, ...]
    description: str = ""


class RuntimeView(Protocol):
    """What hooks receive as ``runtime``: the running system, seen from a plugin."""

    @property
    def plugin_names(self) -> list[str]: ...

    def plugin_settings(self, name: str) -> Any: ...


@dataclass(frozen=True)
class Command:
    """A subcommand: ``configure`` adds arguments, ``run`` gets them and a started runtime."""

    name: str
    help: str
    run: Callable[[argparse.Namespace, Any], Awaitable[int | None]]
    configure: Callable[[argparse.ArgumentParser], None] = lambda parser: None
    needs_database: bool = True
    aliases: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class MergeReport:
    """What one plugin did when a party was merged into another: ``moved`` counts the rows
    whose reference went from the merged party to the survivor, by ``table.column``;
    ``dropped`` counts the merged party's rows removed because the survivor already had the
    same thing (a second link to one site), by ``table``."""

    plugin: str
    moved: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)

    @classmethod
    def coerce(cls, value: Any, plugin: str) -> MergeReport:
        """Accept a plain mapping ``{"moved": {...}, "dropped": {...}}`` too."""
        if isinstance(value, MergeReport):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"plugin '{plugin}': sportello_party_merge must return MergeReport")
        return cls(
            plugin=str(value.get("plugin") or plugin),
            moved={str(k): int(v) for k, v in (value.get("moved") or {}).items()},
            dropped={str(k): int(v) for k, v in (value.get("dropped") or {}).items()},
        )


@dataclass
class ErasureReport:
    """What one plugin did on erasure: ``erased`` and ``retained`` name ``table.column``s;
    ``retained`` maps each kept column to the legal reason for keeping it."""

    plugin: str
    erased: tuple[str, ...] = ()
    retained: dict[str, str] = field(default_factory=dict)

    @classmethod
    def coerce(cls, value: Any, plugin: str) -> ErasureReport:
        """Accept a plain mapping ``{"erased": [...], "retained": {...} or [...]}`` too."""
        if isinstance(value, ErasureReport):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"plugin '{plugin}': sportello_party_erase must return ErasureReport")
        retained = value.get("retained") or {}
        if not isinstance(retained, Mapping):
            retained = {str(item): "" for item in retained}
        return cls(
            plugin=str(value.get("plugin") or plugin),
            erased=tuple(str(f) for f in value.get("erased") or ()),
            retained={str(k): str(v) for k, v in retained.items()},
        )
