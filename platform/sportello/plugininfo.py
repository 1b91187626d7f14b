from __future__ import annotations

from dataclasses import dataclass, field

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
