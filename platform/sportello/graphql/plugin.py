"""Root fields every schema has: Relay's node and nodes."""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry import relay

from sportello import __version__, hookimpl
from sportello.contract import PluginInfo
from sportello.graphql import typed
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import PermissionDenied, Public, Unauthenticated
from sportello.services import ServiceError


async def resolve_global_ids(info: strawberry.Info, ids: list[str]) -> list[Any]:
    """The objects behind global IDs, ``None`` for each one that names no node type or points
    at nothing the caller may see (another site's record). A malformed ID or a missing read
    permission is an error: the caller's to fix."""
    wanted: dict[type[relay.Node], list[str]] = {}
    parsed: list[tuple[type[relay.Node], str] | None] = []
    for raw in ids:
        try:
            gid = relay.GlobalID.from_id(raw)
        except Exception:
            raise GraphQLError(
                f"{raw!r} is not a global ID.", extensions={"code": "BAD_USER_INPUT"}
            ) from None
        definition = info.schema.get_type_by_name(gid.type_name)
        origin = getattr(definition, "origin", None)
        if not (isinstance(origin, type) and issubclass(origin, relay.Node)):
            parsed.append(None)
            continue
        wanted.setdefault(origin, []).append(gid.node_id)
        parsed.append((origin, gid.node_id))
    found: dict[tuple[type[relay.Node], str], Any] = {}
    for node_type, node_ids in wanted.items():
        result = node_type.resolve_nodes(info=info, node_ids=node_ids, required=False)
        if inspect.isawaitable(result):
            result = await result
        for node_id, obj in zip(node_ids, result, strict=True):
            found[(node_type, node_id)] = obj
    return [None if key is None else found.get(key) for key in parsed]


async def find_node(
    info: strawberry.Info, value: str | None, type_name: str | tuple[str, ...], field: str
) -> Any:
    """The object behind a global ID of ``type_name``, asked of the office that owns the type
    (its ``node(id:)`` rules: read permission, sites), so an office can check another office's
    ID without importing it. Raises ``ServiceError`` naming ``field``: INVALID_ID when the ID is
    malformed or of another type, NOT_FOUND when there is no such object, the caller may not
    read it (another site's, or no permission), or the owning office is off."""
    decode_id(value, type_name, field)
    assert value is not None
    try:
        found = (await resolve_global_ids(info, [value]))[0]
    except (PermissionDenied, Unauthenticated):
        found = None
    if found is None:
        raise ServiceError("NOT_FOUND", "core.not_found", field)
    return found


@strawberry.type
class NodeQueries:
    @typed.field(
        permission_classes=[Public],
        description="Any object by its global ID; null when there is none you may see.",
    )
    async def node(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        node: relay.Node | None = (await resolve_global_ids(info, [id]))[0]
        return node

    @typed.field(
        permission_classes=[Public],
        description="Objects by global IDs, null for each one there is none you may see.",
    )
    async def nodes(
        self,
        info: strawberry.Info,
        ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="The IDs of the objects.")
        ],
    ) -> list[relay.Node | None]:
        return await resolve_global_ids(info, list(ids))


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="graphql", title="GraphQL root fields", version=__version__)


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [NodeQueries]
