"""What a node backed by a Tortoise model declares: its model, the permission to read one, the
column that scopes it to sites, and what its fields with resolvers read.

Below ``loading`` (which plans a page from these declarations) and ``relay`` (whose
``ModelNode`` adds ``node(id:)`` loading); both re-export the names they always offered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import strawberry
from strawberry import relay
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

Batch = Callable[..., Awaitable[None]]


@dataclass(frozen=True)
class SiteScope:
    """Rows that reach their sites through another table (parties through their links): the
    condition selecting the rows of some sites, ``condition(site_ids) -> Q``."""

    condition: Callable[[frozenset[int]], Q]

    def __call__(self, site_ids: Iterable[int]) -> Q:
        return self.condition(frozenset(site_ids))


#: How rows are scoped to sites: a column (``"site_id"``, ``"room__site_id"``) or a
#: ``SiteScope`` (a condition on the caller's sites).
SiteField = str | SiteScope | None


@dataclass(frozen=True)
class Column:
    """A value the page's own query selects beside the row's columns, set as the attribute
    ``attr`` of each object: ``term(table)`` is an SQL expression on the row's table (a
    correlated subquery on a table the model has no key to), ``convert`` turns what the
    database returns into the Python value."""

    attr: str
    term: Callable[[Any], Any]
    convert: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Needs:
    """What a field with a resolver reads from its object.

    ``paths`` are model attribute paths (``"status"``, ``"guest.display_name"``); ``batch`` loads
    something for a whole page at once (``async def batch(objects) -> None`` that sets an
    attribute on each object, read by the resolver; with a keyword-only ``selected`` it also
    gets the Python names of the fields selected on the objects the field returns, or ``None``
    when unknown, to read only those columns); ``columns`` are read by the page's own
    query when the page is a list's rows (the batch, when given, loads what they could not:
    model instances, a node loaded alone).
    """

    paths: tuple[str, ...] = ()
    batch: Batch | None = None
    columns: tuple[Column, ...] = ()


def needs(*paths: str, batch: Batch | None = None, columns: Iterable[Column] = ()) -> Needs:
    return Needs(tuple(paths), batch, tuple(columns))


#: The node type of each model (the first declared), for its site field.
_NODE_OF_MODEL: dict[type[Model], type[ModelNodeBase]] = {}


def node_of(model: type[Model]) -> type[ModelNodeBase] | None:
    """The node type of ``model`` (the first declared), if any."""
    return _NODE_OF_MODEL.get(model)


_MODEL_OF_TYPE: dict[str, type[Model]] = {}


def model_of_type(type_name: str) -> type[Model] | None:
    """The model behind the node type named ``type_name`` in the schema, if any."""
    if type_name not in _MODEL_OF_TYPE:
        for model, node in _NODE_OF_MODEL.items():
            definition = getattr(node, "__strawberry_definition__", None)
            _MODEL_OF_TYPE.setdefault(getattr(definition, "name", node.__name__), model)
    return _MODEL_OF_TYPE.get(type_name)


def site_field_of(model: type[Model]) -> SiteField:
    """The column that scopes ``model``'s rows to sites, as its node type declares it."""
    node = _NODE_OF_MODEL.get(model)
    return node.__site_field__ if node is not None else None


class ModelNodeBase(relay.Node):
    """The declarations of ``sportello.graphql.relay.ModelNode`` (subclass that one).

    Set ``__model__``; ``__permission__`` is what ``node(id:)`` needs to read one;
    ``__site_field__`` names the column that scopes rows to sites (or is a ``SiteScope``, a
    condition on the caller's sites); with ``__site_optional__``, a row whose site is null
    belongs to every site (an organisation-wide department), and every caller sees it.
    """

    __model__: ClassVar[type[Model]]
    __permission__: ClassVar[str | None] = None
    __site_field__: ClassVar[SiteField] = None
    __site_optional__: ClassVar[bool] = False
    #: What fields with resolvers read (``loading.needs``), so lists can load them with the page.
    __needs__: ClassVar[dict[str, Needs]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        model = cls.__dict__.get("__model__")
        if model is not None:
            _NODE_OF_MODEL.setdefault(model, cls)

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, (cls, cls.__model__))

    @classmethod
    def node_queryset(cls, info: strawberry.Info) -> QuerySet[Any]:
        """Override to prefetch what a single node usually needs."""
        return cls.__model__.all()
