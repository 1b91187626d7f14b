"""A small test office with a route and a permission, for switching offices off and on."""

from __future__ import annotations

from typing import Any

from starlette.responses import PlainTextResponse
from starlette.routing import Route

from sportello import hookimpl
from sportello.identity.permissions import Permission, RoleSpec
from sportello.plugininfo import PluginInfo


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="toggle", title="Toggle office", version="0.0.1")


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [Permission("toggle.use", "Use the toggle office")]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [RoleSpec("front_desk", ("toggle.use",))]


@hookimpl
def sportello_routes(runtime: Any) -> list[Route]:
    return [Route("/toggle/hello", lambda request: PlainTextResponse("hello"))]
