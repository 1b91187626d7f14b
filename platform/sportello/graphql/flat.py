"""Lists of plain objects completed in one pass.

graphql-core completes a list of objects field by field: for every item and every selected
field it builds a resolve info, calls the resolver, checks for awaitables and coerces the leaf,
some 5 microseconds a field. A list of 500 rows of seven scalars (the room rack's bars) spends
most of its request there. When every selected field of a list's items is a leaf read straight
from the item (a plain attribute, a ``self``-only method, a model node's global id: the fields
``compose.fast_resolvers`` already resolves without strawberry's machinery), nothing of that
per-field work can change the answer: the executor here builds each row as a dict in one loop,
coercing each leaf as graphql-core would.

An item type with an ``is_type_of`` check takes this path only when the check depends on the
item's class alone (``mark_typed_by_class``: model nodes' ``isinstance`` check): it then runs once
per class met in the list instead of once per item, and a refused item hands the list back.

Anything else takes graphql-core's path, for the whole list: a selected field that is not such
a leaf (an object, a list, a field with arguments or permission checks), ``@defer``/``@stream``,
schema extensions that wrap resolvers, an awaitable item, a ``None`` in a non-null position, a
value the leaf type refuses or a getter that raises (graphql-core then reports the error at its
place, as without this module).
"""

from __future__ import annotations

import enum
import inspect
import math
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

#: The key under a GraphQL object type's ``extensions`` holding its flat fields.
FLAT = "sportello-flat"
#: The key marking a type whose ``is_type_of`` answers by the item's class alone.
BY_CLASS = "sportello-typed-by-class"
_MAX_INT = 2**31 - 1
_MIN_INT = -(2**31)


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


def mark_typed_by_class(gql_type: GraphQLObjectType) -> None:
    """Record that ``gql_type.is_type_of(item, info)`` depends only on ``type(item)``."""
    gql_type.extensions = {**gql_type.extensions, BY_CLASS: True}


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

        def member(value: Any) -> Any:
            name = names.get(id(value))
            return slow(value) if name is None else name

        return None, member
    return None, slow


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
        rows = self._flat_rows(return_type, field_details_list, info, path, result)
        if rows is not None:
            return rows
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _flat_rows(
        self,
        return_type: GraphQLList[Any],
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
    ) -> list[Any] | None:
        item_type = return_type.of_type
        items_required = is_non_null_type(item_type)
        if items_required:
            item_type = item_type.of_type
        if not is_object_type(item_type) or type(result) not in (list, tuple):
            return None
        flat = item_type.extensions.get(FLAT)
        is_type_of = item_type.is_type_of
        if not flat or (is_type_of is not None and not item_type.extensions.get(BY_CLASS)):
            return None
        manager = self.middleware_manager
        if manager is not None and manager.middlewares:
            return None
        columns = self._columns(item_type, flat, field_details_list, path)
        if columns is None:
            return None
        is_awaitable = self.is_awaitable
        rows: list[Any] = []
        append = rows.append
        plain: type | None = None  # the last item's class, checked not awaitable
        try:
            for item in result:
                if item is None:
                    if items_required:
                        return None
                    append(None)
                    continue
                if type(item) is not plain:
                    if is_awaitable(item):
                        return None
                    if is_type_of is not None and is_type_of(item, info) is not True:
                        return None
                    plain = type(item)
                row = {}
                for key, get, exact, coerce, required in columns:
                    value = get(item)
                    kind = type(value)
                    if kind is exact:
                        if kind is int and not _MIN_INT <= value <= _MAX_INT:
                            value = coerce(value)
                    elif value is None:
                        if required:
                            return None
                    else:
                        value = coerce(value)
                    row[key] = value
                append(row)
        except Exception:  # graphql-core's path reports it where it belongs
            return None
        return rows

    def _columns(
        self, item_type: GraphQLObjectType, flat: dict[str, Any], field_details_list: Any, path: Any
    ) -> list[tuple[str, Any, type | None, Any, bool]] | None:
        if self.get_stream_usage(field_details_list, path) is not None:
            return None
        grouped, defers, forbidden = self.collect_subfields(item_type, field_details_list)
        if defers or forbidden:
            return None
        columns: list[tuple[str, Any, type | None, Any, bool]] = []
        for key, details in grouped.items():
            name = details[0].node.name.value
            if name == "__typename":
                columns.append((key, _constant(item_type.name), str, _same, True))
                continue
            get = flat.get(name)
            if get is None:
                return None
            field_type = item_type.fields[name].type
            required = is_non_null_type(field_type)
            exact, coerce = _coercer(get_nullable_type(field_type))
            columns.append((key, get, exact, coerce, required))
        return columns


def _same(value: Any) -> Any:
    return value


def _constant(value: Any) -> Callable[[Any], Any]:
    return lambda _item: value
