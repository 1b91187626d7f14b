"""Lists of plain objects completed in one pass.

graphql-core completes a list of objects field by field: for every item and every selected
field it builds a resolve info, calls the resolver, checks for awaitables and coerces the leaf,
some 5 microseconds a field. A list of 500 rows of seven scalars (the room rack's bars) spends
most of its request there. When every selected field of a list's items is a leaf read straight
from the item (a plain attribute, a ``self``-only method, a model node's global id: the fields
``compose.fast_resolvers`` already resolves without strawberry's machinery), nothing of that
per-field work can change the answer: the executor here builds each row as a dict in one loop,
coercing each leaf as graphql-core would. An object field read the same way (a plain attribute
or a ``self``-only method returning an object type) is completed in the same loop when what it
selects is flat in turn: a connection's edges with their cursor and node, the node's party and
department. A field whose resolver checks the caller's permission first (a model node reached
through another one) is checked once for the list: allowed, it is read like the others.

Anything else takes graphql-core's path, for the whole list: a selected field that is not such
a field (a list, an interface or union, a field with arguments, an async resolver),
``@defer``/``@stream``, schema extensions that wrap resolvers, an awaitable item or object, a
type with its own ``is_type_of`` (a model node's is run here), a ``None`` in a non-null
position, a value the leaf type refuses, a getter that raises or a permission the caller lacks
(graphql-core then reports the error at its place, as without this module).
"""

from __future__ import annotations

import enum
import inspect
import math
import weakref
from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLObjectType,
    GraphQLString,
    Undefined,
    get_nullable_type,
    is_enum_type,
    is_leaf_type,
    is_non_null_type,
    is_object_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from sportello.graphql.nodebase import ModelNodeBase

#: The key under a GraphQL object type's ``extensions`` holding its flat fields.
FLAT = "sportello-flat"
#: The key holding its flat object fields: getter and the check the field's resolver makes.
FLAT_OBJECTS = "sportello-flat-objects"
_MAX_INT = 2**31 - 1
_MIN_INT = -(2**31)


#: A model node's own type check (``isinstance`` of the node or its model): run here as is.
_NODE_IS_TYPE_OF = ModelNodeBase.is_type_of.__func__  # type: ignore[attr-defined]


class _Fallback(Exception):
    """The list needs graphql-core's own completion."""


def mark_flat(gql_type: GraphQLObjectType, field: str, getter: Callable[[Any], Any]) -> None:
    """Record that ``field`` of ``gql_type`` reads its value from the item with ``getter``
    (synchronous, the item its only argument, no permission check); only scalar and enum
    fields without arguments count."""
    gql_field = gql_type.fields[field]
    if gql_field.args or not is_leaf_type(get_nullable_type(gql_field.type)):
        return
    if inspect.iscoroutinefunction(getter) or inspect.isasyncgenfunction(getter):
        return
    flat = gql_type.extensions.get(FLAT)
    if flat is None:
        gql_type.extensions = {**gql_type.extensions, FLAT: {field: getter}}
    else:
        flat[field] = getter


def mark_flat_object(
    gql_type: GraphQLObjectType,
    field: str,
    getter: Callable[[Any], Any],
    allowed: Callable[[Any], bool] | None = None,
) -> None:
    """Record that object field ``field`` of ``gql_type`` reads its value from the item with
    ``getter`` (as ``mark_flat``); ``allowed(context)`` is the check its resolver makes before
    reading (the same for every row: a permission of the caller), or None. Only fields of an
    object type (not a list, an interface or a union) without arguments count."""
    gql_field = gql_type.fields[field]
    if gql_field.args or not is_object_type(get_nullable_type(gql_field.type)):
        return
    if inspect.iscoroutinefunction(getter) or inspect.isasyncgenfunction(getter):
        return
    objects = gql_type.extensions.get(FLAT_OBJECTS)
    if objects is None:
        gql_type.extensions = {**gql_type.extensions, FLAT_OBJECTS: {field: (getter, allowed)}}
    else:
        objects[field] = (getter, allowed)


def _coercer(leaf: Any) -> tuple[type | None, Callable[[Any], Any]]:
    """``leaf``'s output coercion as ``complete_leaf_value`` does it (None is handled by the
    caller), with the Python type whose values the built-in scalar passes unchanged (an Int
    also within 32 bits): those skip the call."""
    coerce = leaf.coerce_output_value

    def slow(value: Any) -> Any:
        if inspect.isawaitable(value):  # a method returning an awaitable: graphql-core's path
            if inspect.iscoroutine(value):
                value.close()
            raise _Fallback
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise _Fallback
        return coerced

    if leaf is GraphQLInt:
        return int, slow
    if leaf is GraphQLString or leaf is GraphQLID:
        return str, slow
    if leaf is GraphQLBoolean:
        return bool, slow
    if leaf is GraphQLFloat:
        return None, lambda v: v if type(v) is float and math.isfinite(v) else slow(v)
    wrapped = getattr(leaf, "wrapped_cls", None)  # a strawberry enum: its members' names
    if is_enum_type(leaf) and isinstance(wrapped, type) and issubclass(wrapped, enum.Enum):
        # Members live as long as their class: the identity of one names it.
        names = {}
        for each in wrapped:
            try:
                names[id(each)] = slow(each)
            except Exception:
                continue

        by_text: dict[str, Any] = {}  # a raw value as a column holds it (a str): its name

        def member(value: Any) -> Any:
            name = names.get(id(value))
            if name is not None:
                return name
            if type(value) is not str:
                return slow(value)
            name = by_text.get(value)
            if name is None:
                name = by_text[value] = slow(value)
            return name

        return None, member
    return None, slow


#: A column of a flat row: response key, getter, the Python type passed unchanged, the
#: coercion, whether null is refused, and for an object field its check and columns.
_Column = tuple[
    str, Any, "type | None", Any, bool, "tuple[Callable[[Any], bool], list[Any]] | None"
]

#: A list's item check, its columns and the permission checks (on the context) they need.
_Template = tuple[Callable[[Any], bool], list[_Column], list[Callable[[Any], bool]]]
_MAX_TEMPLATES = 2048


class _Cache:
    """A schema's templates by item type and list field nodes (with the nodes, kept alive),
    and whether each operation is free of directives (with the operation); cleared when full."""

    def __init__(self) -> None:
        self.templates: dict[tuple[Any, ...], tuple[list[Any], _Template | None]] = {}
        self.plain: dict[int, tuple[Any, bool]] = {}


#: One cache per schema, gone with it.
_CACHES: weakref.WeakKeyDictionary[Any, _Cache] = weakref.WeakKeyDictionary()


def _cache_of(schema: Any) -> _Cache:
    cache = _CACHES.get(schema)
    if cache is None:
        cache = _CACHES[schema] = _Cache()
    return cache


def _no_directives(node: Any) -> bool:
    """Whether no selection below ``node`` (an operation or a fragment) carries a directive."""
    if getattr(node, "directives", None):
        return False
    selection_set = getattr(node, "selection_set", None)
    if selection_set is None:
        return True
    return all(_no_directives(selection) for selection in selection_set.selections)


class FlatListExecutor(StrawberryGraphQLCoreExecutionContext):
    """strawberry's executor, completing lists of flat rows in one pass (see the module)."""

    def complete_list_value(
        self,
        return_type: GraphQLList[Any],
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        rows = self._flat_rows(return_type, field_details_list, path, result)
        if rows is not None:
            return rows
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _flat_rows(
        self, return_type: GraphQLList[Any], field_details_list: Any, path: Any, result: Any
    ) -> list[Any] | None:
        item_type = return_type.of_type
        items_required = is_non_null_type(item_type)
        if items_required:
            item_type = item_type.of_type
        if not is_object_type(item_type) or type(result) not in (list, tuple):
            return None
        if not item_type.extensions.get(FLAT) and not item_type.extensions.get(FLAT_OBJECTS):
            return None
        manager = self.middleware_manager
        if manager is not None and manager.middlewares:
            return None
        if self.get_stream_usage(field_details_list, path) is not None:
            return None
        template = self._template(item_type, field_details_list)
        if template is None:
            return None
        check, columns, guards = template
        context = self.context_value
        for allowed in guards:
            if not allowed(context):
                return None  # the field's resolver raises: graphql-core reports it
        rows: list[Any] = []
        append = rows.append
        try:
            for item in result:
                if item is None:
                    if items_required:
                        return None
                    append(None)
                    continue
                if not check(item):
                    return None
                append(_row(item, columns))
        except Exception:  # graphql-core's path reports it where it belongs
            return None
        return rows

    def _check(self, gql_type: GraphQLObjectType) -> Callable[[Any], bool] | None:
        """What tells an item may be completed as ``gql_type`` here: not awaitable, and of the
        type (a model node's ``is_type_of``); None when the type's own check needs graphql-core."""
        is_type_of = gql_type.is_type_of
        if is_type_of is not None:
            node = getattr(is_type_of, "__self__", None)
            if getattr(is_type_of, "__func__", None) is not _NODE_IS_TYPE_OF or node is None:
                return None
            classes = (node, node.__model__)
            return lambda item: isinstance(item, classes)
        is_awaitable = self.is_awaitable
        plain: set[type] = set()  # classes of items seen, checked not awaitable

        def check(item: Any) -> bool:
            kind = type(item)
            if kind in plain:
                return True
            if is_awaitable(item):
                return False
            plain.add(kind)
            return True

        return check

    def _template(self, item_type: GraphQLObjectType, field_details_list: Any) -> _Template | None:
        """How to complete the list's items (see ``_build``), worked out once per document
        and place when the document has no directives (what it selects cannot vary with the
        variables), else for this request."""
        cache = _cache_of(self.schema)
        if not self._plain_document(cache):
            return self._build(item_type, field_details_list)
        templates = cache.templates
        key = (item_type, *(id(details.node) for details in field_details_list))
        hit = templates.get(key)
        if hit is None:
            if len(templates) >= _MAX_TEMPLATES:
                templates.clear()
            # The nodes are kept with the template: while it is cached, no other node can
            # take their ids.
            nodes = [details.node for details in field_details_list]
            hit = templates[key] = (nodes, self._build(item_type, field_details_list))
        return hit[1]

    def _plain_document(self, cache: _Cache) -> bool:
        """Whether the operation and its fragments use no directive nor fragment variables."""
        operation = self.operation
        known = cache.plain.get(id(operation))
        if known is None or known[0] is not operation:
            if len(cache.plain) >= _MAX_TEMPLATES:
                cache.plain.clear()
            plain = all(
                not fragment.variable_signatures and _no_directives(fragment.definition)
                for fragment in self.fragments.values()
            ) and _no_directives(operation)
            known = cache.plain[id(operation)] = (operation, plain)
        return known[1]

    def _build(self, item_type: GraphQLObjectType, field_details_list: Any) -> _Template | None:
        """The item's check, its columns and the permission checks they need (None: the list
        takes graphql-core's path whatever the caller)."""
        check = self._check(item_type)
        guards: list[Callable[[Any], bool]] = []
        columns = self._columns(item_type, field_details_list, guards)
        if check is None or columns is None:
            return None
        return check, columns, guards

    def _columns(
        self, item_type: GraphQLObjectType, field_details_list: Any, guards: list[Any]
    ) -> list[_Column] | None:
        grouped, defers, forbidden = self.collect_subfields(item_type, field_details_list)
        if defers or forbidden:
            return None
        flat = item_type.extensions.get(FLAT) or {}
        objects = item_type.extensions.get(FLAT_OBJECTS) or {}
        columns: list[_Column] = []
        for key, details in grouped.items():
            name = details[0].node.name.value
            if name == "__typename":
                columns.append((key, _constant(item_type.name), str, _same, True, None))
                continue
            field_type = item_type.fields[name].type
            required = is_non_null_type(field_type)
            get = flat.get(name)
            if get is not None:
                exact, coerce = _coercer(get_nullable_type(field_type))
                columns.append((key, get, exact, coerce, required, None))
                continue
            marked = objects.get(name)
            if marked is None:
                return None
            get, allowed = marked
            if allowed is not None and allowed not in guards:
                guards.append(allowed)
            sub_type = get_nullable_type(field_type)
            check = self._check(sub_type)
            sub = self._columns(sub_type, details, guards)
            if check is None or sub is None:
                return None
            columns.append((key, get, None, None, required, (check, sub)))
        return columns


def _row(item: Any, columns: list[_Column]) -> dict[str, Any]:
    """One item as its response dict; raises when graphql-core must complete the list."""
    row = {}
    for key, get, exact, coerce, required, sub in columns:
        value = get(item)
        kind = type(value)
        if kind is exact:
            if kind is int and not _MIN_INT <= value <= _MAX_INT:
                value = coerce(value)
        elif value is None:
            if required:
                raise _Fallback
        elif sub is None:
            value = coerce(value)
        else:
            check, sub_columns = sub
            if not check(value):
                raise _Fallback
            value = _row(value, sub_columns)
        row[key] = value
    return row


def _same(value: Any) -> Any:
    return value


def _constant(value: Any) -> Callable[[Any], Any]:
    return lambda _item: value
