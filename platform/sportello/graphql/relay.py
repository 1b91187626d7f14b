"""Relay nodes backed by Tortoise models, and connections that load a page in fixed queries."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.relay.types import NodeType
from strawberry.relay.utils import SliceMetadata, should_resolve_list_connection_edges
from strawberry.types.base import StrawberryContainer, get_object_definition
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello.columns import pk_fits
from sportello.graphql import loading, typed
from sportello.graphql.ids import decode_id
from sportello.graphql.nodebase import ModelNodeBase, SiteField, SiteScope, node_of
from sportello.graphql.nodebase import site_field_of as site_field_of
from sportello.identity.permissions import (
    AUTHENTICATED,
    PUBLIC,
    PermissionDenied,
    Unauthenticated,
)
from sportello.services import Actor


def scope_to_sites(qs: QuerySet[Any], actor: Actor, site_field: SiteField) -> QuerySet[Any]:
    """Restrict a queryset to the sites the actor may see (no-op for unscoped actors)."""
    if site_field is None or actor.site_ids is None:
        return qs
    if isinstance(site_field, SiteScope):
        return qs.filter(site_field(actor.site_ids))
    return qs.filter(**{f"{site_field}__in": list(actor.site_ids)})


def scope_nodes(qs: QuerySet[Any], actor: Actor, node_type: type[ModelNodeBase]) -> QuerySet[Any]:
    """``qs`` restricted to the actor's sites as ``node_type`` declares it: its
    ``__site_field__``, and with ``__site_optional__`` the rows without a site as well."""
    site_field = node_type.__site_field__
    if site_field is None or actor.site_ids is None or not node_type.__site_optional__:
        return scope_to_sites(qs, actor, site_field)
    mine: dict[str, Any] = {f"{site_field}__in": list(actor.site_ids)}
    everywhere: dict[str, Any] = {f"{site_field}__isnull": True}
    return qs.filter(Q(**mine) | Q(**everywhere))


def scoped(qs: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
    """``qs`` restricted to the actor's sites through its model's declared site field.

    Connections, ``node(id:)`` and ``load_list`` apply it themselves; batch loaders of fields
    added to other types call it with the actor they receive."""
    node_type = node_of(qs.model)
    return qs if node_type is None else scope_nodes(qs, actor, node_type)


def for_site(qs: QuerySet[Any], site_id: str | None, field: str = "siteId") -> QuerySet[Any]:
    """``qs`` filtered to one site given as a global ID argument (``None``: every site).

    A malformed ID raises ``ServiceError(INVALID_ID)``: the client gets that code."""
    if site_id is None:
        return qs
    column = site_field_of(qs.model) or "site_id"
    site = decode_id(site_id, "Site", field)
    if isinstance(column, SiteScope):
        return qs.filter(column([site]))
    return qs.filter(**{column: site})


class ModelNode(ModelNodeBase):
    """Base for types backed by a Tortoise model: ``node(id:)`` and type resolution for free.

    Set ``__model__``; ``__permission__`` is what ``node(id:)`` needs to read one;
    ``__site_field__`` names the column that scopes rows to sites; ``__needs__`` says what
    fields with resolvers read (``loading.needs``), so lists can load them with the page.
    """

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = list(node_ids)
        actor: Actor = info.context.actor
        if cls.__permission__ == AUTHENTICATED:
            if not actor.is_authenticated:
                raise Unauthenticated
        elif cls.__permission__ not in (None, PUBLIC) and not actor.has(cls.__permission__):
            raise PermissionDenied(cls.__permission__)
        pks = []
        for node_id in ids:
            try:
                pk = int(node_id)
            except ValueError:
                pk = -1
            pks.append(pk if 0 < pk and pk_fits(cls.__model__, pk) else -1)
        qs = scope_nodes(cls.node_queryset(info).filter(id__in=pks), actor, cls)
        found = await loading.load(qs, loading.cached_plan(cls, info, _field_selections), actor)
        rows = {row.id: row for row in found}
        return [rows.get(pk) for pk in pks]


def _flatten(selections: Iterable[Any]) -> Iterable[Any]:
    for sel in selections:
        if getattr(sel, "name", None) is None:
            yield from _flatten(getattr(sel, "selections", []))
        else:
            yield sel


async def load_list(
    qs: QuerySet[Any], info: strawberry.Info, node_type: type[ModelNode]
) -> list[Any]:
    """A plain (unpaged) list of nodes, loaded like a connection's page: fixed queries,
    restricted to the caller's sites."""
    actor = info.context.actor
    qs = scope_nodes(qs, actor, node_type)
    return await loading.load(qs, loading.cached_plan(node_type, info, _field_selections), actor)


async def load_selected(
    qs: QuerySet[Any],
    info: strawberry.Info,
    node_type: type[ModelNode],
    selections_of: Callable[[strawberry.Info], list[Any]],
) -> list[Any]:
    """Nodes of ``node_type`` loaded for the fields ``selections_of(info)`` returns, like a
    connection's page (fixed queries, restricted to the caller's sites): the nodes a
    ``PagedSource`` shows inside its rows, e.g. the rack's rooms, selected at
    ``selections_at(node_selections(info), ("room",))``. ``selections_of`` is a module-level
    function: the plan is computed once per document and function."""
    actor = info.context.actor
    qs = scope_nodes(qs, actor, node_type)
    return await loading.load(qs, loading.cached_plan(node_type, info, selections_of), actor)


def _field_selections(info: strawberry.Info) -> list[Any]:
    return [s for f in info.selected_fields for s in f.selections]


#: The largest position a cursor may name: no list is that long, and a larger one would reach
#: the database as an OFFSET no integer column type holds.
MAX_CURSOR = 2**31 - 1


def _cursors_in_range(meta: SliceMetadata) -> bool:
    """Whether the page ``after``/``before`` asks for starts and ends at positions a list can
    have (the server's cursors are 0 and up; a client can encode any number)."""
    end_ok = meta.end == sys.maxsize or 0 <= meta.end <= MAX_CURSOR
    return 0 <= meta.start <= MAX_CURSOR and end_ok


def _bad_argument(exc: Exception) -> GraphQLError:
    return GraphQLError(str(exc), extensions={"code": "BAD_USER_INPUT"})


class PagedSource(Protocol):
    """A list computed page by page (not a model's rows): what a connection resolver may return
    instead of a QuerySet, e.g. the room rack, whose rows are rooms x days."""

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[Any]: ...

    async def count(self) -> int: ...


@strawberry.type(name="Connection", description="A page of a list, with cursors.")
class Connection(relay.ListConnection[NodeType]):
    """A cursor connection over a QuerySet or a ``PagedSource``: one page, fixed queries.

    The resolver returns an un-awaited QuerySet; the page is loaded by ``loading.plan`` from
    the selection under ``edges.node``. ``last`` without ``before`` counts the rows first, so
    it never loads more than a page.
    """

    @typed.field(description="How many items the whole list holds (one COUNT query).")
    async def total_count(self) -> int:
        source = getattr(self, "_sportello_source", None)
        if source is None:
            return len(self.edges)
        count: int = await source.count()
        return count

    @classmethod
    def resolve_connection(
        cls,
        nodes: Any,
        *,
        info: strawberry.Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
        max_results: int | None = None,
        **kwargs: Any,
    ) -> Any:
        try:
            meta = SliceMetadata.from_arguments(
                info,
                before=before,
                after=after,
                first=first,
                last=last,
                max_results=max_results,
                prefix=relay.Edge.CURSOR_PREFIX,
            )
        except (TypeError, ValueError) as exc:
            raise _bad_argument(exc) from None
        if not _cursors_in_range(meta):
            raise _bad_argument(ValueError("Argument 'after' or 'before' is not a cursor."))
        if not isinstance(nodes, QuerySet) and hasattr(nodes, "fetch") and hasattr(nodes, "count"):
            return cls._resolve_page(nodes, nodes.fetch, info, meta, last)
        node_type = _node_type(cls) if isinstance(nodes, QuerySet) else None
        if node_type is not None and issubclass(node_type, ModelNode):
            model_node = node_type
            actor = info.context.actor
            qs = scope_nodes(nodes, actor, model_node)
            if not (qs._orderings or qs.model._meta._default_ordering):
                qs = qs.order_by("id")  # offsets need a stable order

            async def fetch(info: strawberry.Info, offset: int, limit: int) -> list[Any]:
                p = loading.cached_plan(model_node, info, _node_selections)
                return await loading.load(qs.offset(offset).limit(limit), p, actor)

            return cls._resolve_page(qs, fetch, info, meta, last)
        return super().resolve_connection(
            nodes,
            info=info,
            before=before,
            after=after,
            first=first,
            last=last,
            max_results=max_results,
            **kwargs,
        )

    @classmethod
    async def _resolve_page(
        cls,
        source: Any,
        fetch: Callable[[strawberry.Info, int, int], Awaitable[list[Any]]],
        info: strawberry.Info,
        meta: SliceMetadata,
        last: int | None,
    ) -> Any:
        start, end = meta.start, meta.end
        if end == sys.maxsize:  # `last` alone: the final page of the list
            total = await source.count()
            start, end = max(start, total - (last or 0)), total
        edges: list[Any] = []
        if loading.per_field(info, "edges?", should_resolve_list_connection_edges):
            # One row past the page says whether there is a next one, when the client asks:
            # the database sorts to keep one row more, which costs a list ordered in memory
            # (a party's timeline) a few per cent.
            size = end - start + (1 if loading.per_field(info, "next?", _selects_has_next) else 0)
            page = await fetch(info, start, size) if size > 0 else []
            edges = [relay.Edge.resolve_edge(n, cursor=start + i) for i, n in enumerate(page)]
        has_next = len(edges) > end - start
        edges = edges[: end - start]
        connection = cls(
            edges=edges,
            page_info=relay.PageInfo(
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
                has_previous_page=start > 0,
                has_next_page=has_next,
            ),
        )
        connection._sportello_source = source  # type: ignore[attr-defined]  # read by total_count
        return connection


def _selects_has_next(info: strawberry.Info) -> bool:
    """Whether ``hasNextPage`` is selected anywhere under the connection (a nested list's
    counts too: a cheap answer that is never wrong)."""
    stack = [s for field in info.selected_fields for s in field.selections]
    while stack:
        selection = stack.pop()
        if getattr(selection, "name", None) == "hasNextPage":
            return True
        stack.extend(getattr(selection, "selections", None) or ())
    return False


#: The node type of each connection type (specialised generics included), found once.
_NODE_TYPES: dict[type, type] = {}


def _node_type(connection: type) -> type:
    found = _NODE_TYPES.get(connection)
    if found is None:
        found = _NODE_TYPES[connection] = _find_node_type(connection)
    return found


def _find_node_type(connection: type) -> type:
    definition = get_object_definition(connection, strict=True)
    edges = definition.get_field("edges")
    assert edges is not None
    edge_type: Any = edges.resolve_type(type_definition=definition)
    while isinstance(edge_type, StrawberryContainer):
        edge_type = edge_type.of_type
    node = get_object_definition(edge_type, strict=True).get_field("node")
    assert node is not None
    found = node.resolve_type(type_definition=get_object_definition(edge_type, strict=True))
    assert isinstance(found, type)
    return found


def selections_at(selections: Iterable[Any], path: tuple[str, ...]) -> list[Any]:
    """The selections below a path of field names (``("cells", "reservation")``)."""
    current = list(selections)
    for name in path:
        current = [s for f in _flatten(current) if f.name == name for s in f.selections]
    return current


def node_selections(info: strawberry.Info) -> list[Any]:
    """What a connection field selects on its nodes (under ``edges.node``)."""
    return _node_selections(info)


def _node_selections(info: strawberry.Info) -> list[Any]:
    out: list[Any] = []
    for root in info.selected_fields:
        for edges in _flatten(root.selections):
            if edges.name != "edges":
                continue
            for node in _flatten(edges.selections):
                if node.name == "node":
                    out.extend(node.selections)
    return out
