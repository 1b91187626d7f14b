"""Inbound email, a core service written as a plugin: the route, threading, attachments; the
offices claim messages through ``sportello_inbound_mail_handlers``."""

from __future__ import annotations

from typing import Any

from sportello import __version__, hookimpl
from sportello.contract import ModelSet, PluginInfo
from sportello.inbound import route, services


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="inbound", title="Inbound email", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("inbound", ("sportello.inbound.models",), "sportello.inbound.migrations")


@hookimpl
def sportello_routes(runtime: Any) -> list[Any]:
    return route.routes(runtime)


@hookimpl
def sportello_startup(runtime: Any) -> None:
    runtime.state["inbound_handlers"] = services.collect_handlers(runtime.pm)
