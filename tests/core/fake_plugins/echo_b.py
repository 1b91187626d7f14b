"""Adds the root query field ``echo``."""

import strawberry

from sportello import hookimpl
from sportello.identity.permissions import Public
from sportello.plugininfo import PluginInfo


@strawberry.type
class EchoB:
    @strawberry.field(permission_classes=[Public])
    def echo(self, text: str) -> str:
        return text


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="echo_b", title="Echo B", version="1.0")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [EchoB]
