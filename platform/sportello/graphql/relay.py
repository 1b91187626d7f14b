"""Relay nodes backed by Tortoise models, and selection-aware prefetching for lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import strawberry
from strawberry import relay
from tortoise.models import Model
from tortoise.queryset import QuerySet

from sportello.services import Actor


def scope_to_sites(qs: QuerySet[Any], actor: Actor, site_field: str | None) -> QuerySet[Any]:
    """Restrict a queryset to the sites the actor may see (no-op for unscoped actors)."""
    if site_field is None or actor.site_ids is None:
        return qs
    return qs.filter(**{f"{site_field}__in": list(actor.site_ids)})


class ModelNode(relay.Node):
    """Base for types backed by a Tortoise model: ``node(id:)`` and type resolution for free.

    Set ``__model__``; ``__permission__`` is what ``node(id:)`` needs to read one;
    ``__site_field__`` names the column that scopes rows to sites.
    """

    __model__: ClassVar[type[Model]]
    __permission__: ClassVar[str | None] = None
    __site_field__: ClassVar[str | None] = None

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, (cls, cls.__model__))

    @classmethod
    def node_queryset(cls, info: strawberry.Info) -> QuerySet[Any]:
        """Override to prefetch what a single node usually needs."""
        return cls.__model__.all()

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = list(node_ids)
        actor: Actor = info.context.actor
        if cls.__permission__ is not None and not actor.has(cls.__permission__):
            from sportello.identity.permissions import PermissionDenied

            raise PermissionDenied(cls.__permission__)
        pks = []
        for node_id in ids:
            try:
                pks.append(int(node_id))
            except ValueError:
                pks.append(-1)
        qs = scope_to_sites(cls.node_queryset(info).filter(id__in=pks), actor, cls.__site_field__)
        rows = {row.id: row for row in await qs}
        return [rows.get(pk) for pk in pks]


def selected_paths(info: strawberry.Info, *, connection: bool = True) -> set[str]:
    """Dotted paths of fields selected below the list items (``edges.node`` for connections)."""
    paths: set[str] = set()

    def walk(selections: Iterable[Any], prefix: str) -> None:
        for sel in selections:
            children = getattr(sel, "selections", None) or []
            name = getattr(sel, "name", None)
            if name is None:  # fragment spread or inline fragment
                walk(children, prefix)
                continue
            path = f"{prefix}{name}"
            paths.add(path)
            walk(children, f"{path}.")

    for root in info.selected_fields:
        start = root.selections
        if connection:
            for edges in (s for s in _flatten(start) if getattr(s, "name", None) == "edges"):
                for node in (
                    s for s in _flatten(edges.selections) if getattr(s, "name", None) == "node"
                ):
                    walk(node.selections, "")
        else:
            walk(start, "")
    return paths


def _flatten(selections: Iterable[Any]) -> Iterable[Any]:
    for sel in selections:
        if getattr(sel, "name", None) is None:
            yield from _flatten(getattr(sel, "selections", []))
        else:
            yield sel


def prefetch(
    qs: QuerySet[Any],
    info: strawberry.Info,
    relations: Mapping[str, str],
    *,
    connection: bool = True,
) -> QuerySet[Any]:
    """Prefetch only the relations the query selects, each in one query however long the page.

    ``relations`` maps a GraphQL path (``"room.roomType"``) to a Tortoise relation
    (``"room__room_type"``).
    """
    selected = selected_paths(info, connection=connection)
    wanted = [rel for path, rel in relations.items() if path in selected]
    return qs.prefetch_related(*wanted) if wanted else qs
