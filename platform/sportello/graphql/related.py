"""Fields listing the rows that point at an object, loaded once per page and site-scoped.

The common shape of a field an office adds to another office's type (``Party.loans``): every
row of a model whose foreign key points at the object. ``related`` writes the batch loader,
the site scoping for the caller and the resolver, so the office only names the relation::

    @strawberry.type
    class PartyLibraryFields:
        loans: list[Loan] = related(Loan, "borrower", where={"returned_at": None},
                                    permission="library.view")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import strawberry
from strawberry.types.field import StrawberryField

from sportello.graphql.loading import needs
from sportello.graphql.relay import ModelNode, scope_nodes
from sportello.identity.permissions import PUBLIC, requires
from sportello.services import Actor


def related(
    node: type[ModelNode],
    by: str,
    *,
    where: Mapping[str, Any] | None = None,
    order_by: Sequence[str] = (),
    permission: str | None = None,
    description: str | None = None,
) -> Any:
    """A list field of ``node`` rows whose foreign key ``by`` points at the object.

    The rows are loaded for a whole page of objects in one query, restricted to the caller's
    sites through ``node.__site_field__``; the field is guarded by ``permission`` (by default
    the node type's read permission)."""
    model = node.__model__
    filters = dict(where or {})
    attribute = f"_sportello_related_{model.__name__}_{by}"
    prefetch = sorted(
        name
        for name, f in model._meta.fields_map.items()
        if name in model._meta.fk_fields and name != by
    )

    async def batch(objects: list[Any], actor: Actor | None) -> None:
        by_parent: dict[int, list[Any]] = {o.id: [] for o in objects}
        qs = model.filter(**{f"{by}_id__in": list(by_parent)}, **filters)
        if actor is not None:
            qs = scope_nodes(qs, actor, node)
        if order_by:
            qs = qs.order_by(*order_by)
        if prefetch:
            qs = qs.prefetch_related(*prefetch)
        for row in await qs:
            by_parent[getattr(row, f"{by}_id")].append(row)
        for o in objects:
            o.__dict__[attribute] = by_parent[o.id]

    async def load_one(root: Any, actor: Actor) -> list[Any]:
        await batch([root], actor)
        found: list[Any] = root.__dict__[attribute]
        return found

    def resolve(root: strawberry.Parent[Any], info: strawberry.Info) -> Any:
        loaded = root.__dict__.get(attribute)
        return load_one(root, info.context.actor) if loaded is None else loaded

    code = permission or node.__permission__
    if code == PUBLIC:  # the node type's own queryset decides what each caller sees
        code = None
    field: StrawberryField = strawberry.field(
        resolver=resolve,
        permission_classes=[requires(code)] if code else [],
        description=description,
    )
    field.sportello_needs = needs(batch=batch)  # type: ignore[attr-defined]  # the core's mark
    return field
