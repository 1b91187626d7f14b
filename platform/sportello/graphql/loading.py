"""Selection-driven loading of model-backed nodes: a fixed number of queries per page.

A plan is computed from what the operation selects below a node type. When every selected
field is a column, a foreign key to another model node, or declares what it reads (``needs``),
the page is one joined ``.values()`` query and the nodes are plain objects whose fields are
plain attributes. Otherwise the page is model instances with the selected relations prefetched
(one query per relation). Either way, batch loaders declared by ``needs(..., batch=...)`` run
once per page, never once per row.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.types.base import (
    StrawberryContainer,
    StrawberryList,
    get_object_definition,
)
from strawberry.types.lazy_type import LazyType
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField
from tortoise.models import Model
from tortoise.queryset import QuerySet

from sportello.graphql import rowquery
from sportello.graphql.nodebase import Batch as Batch
from sportello.graphql.nodebase import Column as Column
from sportello.graphql.nodebase import ModelNodeBase
from sportello.graphql.nodebase import Needs as Needs
from sportello.graphql.nodebase import needs as needs


class Bag:
    """A row's related object read only by resolvers (not selected as a GraphQL object)."""


@dataclass
class _Node:
    cls: type
    model: type[Model]
    prefix: str
    attrs: dict[str, str] = field(default_factory=dict)  # attribute -> values() key
    children: dict[str, _Node] = field(default_factory=dict)


@dataclass
class Plan:
    root: _Node
    rows: bool = True
    relations: set[str] = field(default_factory=set)
    batches: list[tuple[str, Batch]] = field(default_factory=list)
    #: the root's computed columns (``needs(columns=...)``), selected with the rows
    extras: list[Column] = field(default_factory=list)
    #: per batch at a path: the fields selected on the objects the fields declaring it return
    #: (``None``: not known, e.g. a scalar field), for loaders that take ``selected``
    selected: dict[tuple[str, Batch], frozenset[str] | None] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        out: list[str] = []

        def walk(node: _Node) -> None:
            out.extend(node.attrs.values())
            for child in node.children.values():
                walk(child)

        walk(self.root)
        return out


def _model_node(tp: Any) -> type[ModelNodeBase] | None:
    while True:
        if isinstance(tp, LazyType):
            tp = tp.resolve_type()
        elif isinstance(tp, StrawberryContainer):
            return None if _is_list(tp) else _model_node(tp.of_type)
        else:
            break
    return tp if isinstance(tp, type) and issubclass(tp, ModelNodeBase) else None


def _is_list(tp: Any) -> bool:
    return isinstance(tp, StrawberryList)


_FIELD_MAPS: dict[tuple[int, type], dict[str, Any]] = {}


def _fields_by_graphql_name(tp: type, info: Any) -> dict[str, Any]:
    converter = info.schema.config.name_converter
    key = (id(info.schema), tp)
    found = _FIELD_MAPS.get(key)
    if found is None:
        definition = get_object_definition(tp, strict=True)
        found = {converter.get_graphql_name(f): f for f in definition.fields}
        _FIELD_MAPS[key] = found
    return found


def _type_names(tp: type) -> set[str]:
    definition = get_object_definition(tp, strict=True)
    names = {definition.name}
    for iface in definition.interfaces:
        names.add(iface.name)
    return names


def _flatten(selections: Iterable[Any], names: set[str]) -> Iterable[SelectedField]:
    for sel in selections:
        if isinstance(sel, SelectedField):
            yield sel
        elif isinstance(sel, (InlineFragment, FragmentSpread)):
            if sel.type_condition is None or sel.type_condition in names:
                yield from _flatten(sel.selections, names)


_PLANS: dict[tuple[Any, ...], tuple[Plan, Any]] = {}
_PLANS_MAX = 2048


def per_field(info: Any, tag: Any, compute: Callable[[Any], Any]) -> Any:
    """``compute(info)`` once per field of a parsed document: what only depends on the
    selection (the parser cache keeps documents alive, so each request of the same operation
    reuses it). The key holds the AST nodes themselves, so their ids cannot be reused."""
    nodes = info._raw_info.field_nodes
    key = (tag, id(info.schema), *map(id, nodes))
    hit = _PLANS.get(key)
    if hit is not None:
        return hit[0]
    found = compute(info)
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[key] = (found, nodes)
    return found


def cached_plan(
    tp: type[ModelNodeBase], info: Any, selections_of: Callable[[Any], Sequence[Any]]
) -> Plan:
    """``plan`` once per field of a parsed document."""
    found: Plan = per_field(info, (tp, selections_of), lambda i: plan(tp, selections_of(i), i))
    return found


def plan(tp: type[ModelNodeBase], selections: Sequence[Any], info: Any) -> Plan:
    """What to load for nodes of ``tp`` given the fields selected on them."""
    root = _Node(tp, tp.__model__, "")
    result = Plan(root)
    _plan_node(root, tp, selections, info, result, "")
    return result


def _plan_node(
    node: _Node, tp: type, selections: Sequence[Any], info: Any, result: Plan, rel: str
) -> None:
    meta = node.model._meta
    node.attrs["id"] = f"{node.prefix}id"
    fields = _fields_by_graphql_name(tp, info)
    declared: dict[str, Needs] = getattr(tp, "__needs__", {})
    for sel in _flatten(selections, _type_names(tp)):
        f = fields.get(sel.name)
        if f is None or sel.name == "id":
            continue
        name = f.python_name
        need = declared.get(name) or getattr(f, "sportello_needs", None)
        if need is not None:
            for path in need.paths:
                _add_path(node, path.split("."), result, rel)
            if need.batch is not None:
                result.batches.append((rel, need.batch))
                _note_selected(result, (rel, need.batch), f, sel, info)
            if not rel:
                result.extras.extend(c for c in need.columns if c not in result.extras)
            continue
        target = _model_node(f.type)
        if target is not None and name in meta.fk_fields and f.base_resolver is None:
            child = node.children.get(name)
            related = meta.fields_map[name].related_model  # type: ignore[attr-defined]  # an FK field
            if child is None or child.cls is Bag:
                child = _Node(target, related, f"{node.prefix}{name}__", **_keep(child))
                node.children[name] = child
            result.relations.add(f"{rel}{name}")
            _plan_node(child, target, sel.selections, info, result, f"{rel}{name}__")
            continue
        if f.base_resolver is not None or f.extensions:
            result.rows = False
            continue
        if name in meta.fields_db_projection:
            node.attrs[name] = f"{node.prefix}{name}"
        elif name in meta.backward_fk_fields or name in meta.m2m_fields:
            result.relations.add(f"{rel}{name}")
            result.rows = False
        else:
            result.rows = False


def _note_selected(
    result: Plan, key: tuple[str, Batch], f: Any, sel: SelectedField, info: Any
) -> None:
    """Add the fields ``sel`` selects on what ``f`` returns to what ``key``'s loader loads."""
    tp: Any = f.type
    while isinstance(tp, (StrawberryContainer, LazyType)):
        tp = tp.resolve_type() if isinstance(tp, LazyType) else tp.of_type
    names: frozenset[str] | None = None
    if isinstance(tp, type) and get_object_definition(tp) is not None:
        fields = _fields_by_graphql_name(tp, info)
        names = frozenset(
            fields[s.name].python_name
            for s in _flatten(sel.selections, _type_names(tp))
            if s.name in fields
        )
    known = result.selected.get(key, frozenset())
    result.selected[key] = None if known is None or names is None else known | names


def _keep(child: _Node | None) -> dict[str, Any]:
    return {"attrs": child.attrs, "children": child.children} if child is not None else {}


def _add_path(node: _Node, parts: list[str], result: Plan, rel: str) -> None:
    meta = node.model._meta
    head = parts[0]
    if len(parts) == 1:
        if head in meta.fields_db_projection:
            node.attrs[head] = f"{node.prefix}{head}"
        elif head in meta.backward_fk_fields or head in meta.m2m_fields:
            result.relations.add(f"{rel}{head}")
            result.rows = False
        elif head not in meta.fk_fields:
            raise ValueError(f"{node.model.__name__} has no field '{head}'")
        else:
            parts = [head, "id"]
    if len(parts) > 1:
        if head not in meta.fk_fields:
            raise ValueError(f"{node.model.__name__}.{head} is not a foreign key")
        child = node.children.get(head)
        if child is None:
            related = meta.fields_map[head].related_model  # type: ignore[attr-defined]  # an FK field
            child = _Node(Bag, related, f"{node.prefix}{head}__")
            child.attrs["id"] = f"{child.prefix}id"
            node.children[head] = child
        result.relations.add(f"{rel}{head}")
        _add_path(child, parts[1:], result, f"{rel}{head}__")


def build(node: _Node, row: dict[str, Any]) -> Any:
    if row[node.attrs["id"]] is None:
        return None
    obj: Any = object.__new__(node.cls)
    values = obj.__dict__
    for attr, key in node.attrs.items():
        values[attr] = row[key]
    for attr, child in node.children.items():
        values[attr] = build(child, row)
    return obj


async def fetch_rows(qs: QuerySet[Any], p: Plan) -> list[Any]:
    rows = await rowquery.values(qs, *p.columns, extra=[(c.attr, c.term) for c in p.extras])
    objects = [build(p.root, row) for row in rows]
    if p.extras and rows:
        # Absent when the query took Tortoise's own path: the fields' batch loads them then.
        for column in (c for c in p.extras if c.attr in rows[0]):
            convert = column.convert
            for obj, row in zip(objects, rows, strict=True):
                value = row[column.attr]
                obj.__dict__[column.attr] = value if convert is None else convert(value)
    return objects


async def fetch_instances(qs: QuerySet[Any], p: Plan) -> list[Any]:
    if p.relations:
        qs = qs.prefetch_related(*sorted(p.relations))
    return list(await qs)


def _signature(batch: Batch) -> tuple[bool, bool]:
    """Batch loaders take ``(objects)`` or ``(objects, actor)``, and may take the keyword
    ``selected``: the Python names of the fields selected on the objects the fields declaring
    the loader return (``None`` when not known: load everything)."""
    known = _ARITY.get(batch)
    if known is None:
        parameters = inspect.signature(batch).parameters
        params = [
            p for p in parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        selected = parameters.get("selected")
        known = _ARITY[batch] = (
            len(params) >= 2 and params[1].name != "selected",
            selected is not None and selected.kind is selected.KEYWORD_ONLY,
        )
    return known


_ARITY: dict[Any, tuple[bool, bool]] = {}


async def run_batches(objects: Sequence[Any], p: Plan, actor: Any = None) -> None:
    """Each declared batch loader once, over every object at its path; loaders that take a
    second argument get the actor (to scope what they load to the caller's sites), loaders
    that take the keyword ``selected`` what is selected below their fields (``_signature``)."""
    done: set[tuple[str, Batch]] = set()
    for path, batch in p.batches:
        if (path, batch) in done:
            continue
        done.add((path, batch))
        targets = list(objects)
        for attr in filter(None, path.split("__")):
            targets = [getattr(t, attr, None) for t in targets]
        unique = list({id(t): t for t in targets if t is not None and _loaded(t)}.values())
        if unique:
            takes_actor, takes_selected = _signature(batch)
            kwargs = {"selected": p.selected.get((path, batch))} if takes_selected else {}
            await (batch(unique, actor, **kwargs) if takes_actor else batch(unique, **kwargs))


def _loaded(obj: Any) -> bool:
    """False for a relation not fetched yet (an awaitable query); model instances are loaded."""
    return isinstance(obj, Model) or not hasattr(obj, "__await__")


async def load(qs: QuerySet[Any], p: Plan, actor: Any = None) -> list[Any]:
    objects = await (fetch_rows(qs, p) if p.rows else fetch_instances(qs, p))
    await run_batches(objects, p, actor)
    return objects


def follow(obj: Any, path: str) -> Any:
    """``obj.a.b`` when loaded; an awaitable of it when a relation on the way is not.

    Resolvers return it as is: GraphQL awaits what needs awaiting and nothing else.
    """
    parts = path.split(".")
    value = obj
    for i, part in enumerate(parts):
        if value is None:
            return None
        value = getattr(value, part)
        if not _loaded(value):
            return _follow_async(value, parts[i + 1 :])
    return value


async def _follow_async(pending: Any, rest: list[str]) -> Any:
    value = await pending
    for part in rest:
        if value is None:
            return None
        value = getattr(value, part)
        if not _loaded(value):
            value = await value
    return value
