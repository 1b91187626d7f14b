"""Root fields every schema has: Relay's node and nodes."""

from __future__ import annotations

import strawberry
from strawberry import relay

from sportello import __version__, hookimpl
from sportello.identity.permissions import Public
from sportello.plugininfo import PluginInfo


@strawberry.type
class NodeQueries:
    node: relay.Node = relay.node(
        permission_classes=[Public], description="Any object by its global ID."
    )
    nodes: list[relay.Node] = relay.node(
        permission_classes=[Public], description="Objects by global IDs."
    )


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="graphql", title="GraphQL root fields", version=__version__)


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [NodeQueries]
