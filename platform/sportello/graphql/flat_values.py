"""The values of a flat row (``sportello.graphql.flat``): leaves coerced as graphql-core coerces
them, objects as dicts, lists item by item, in one loop.

Each column of a row knows how to complete its value: a leaf's coercion (skipped for the Python
type the built-in scalar passes unchanged), an object's columns, a list's item completion. Any
value graphql-core would report an error for, or complete in a way not copied here (an
awaitable, an iterable other than a list or tuple, an exception returned as a value), raises:
the executor then lets graphql-core complete the whole list, which reports it at its place.
"""

from __future__ import annotations

import enum
import inspect
import math
from collections.abc import Callable
from types import GeneratorType
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLString,
    Undefined,
    is_enum_type,
)

_MAX_INT = 2**31 - 1
_MIN_INT = -(2**31)

#: A column of a flat row: response key, getter, the Python type whose values are passed
#: unchanged, how any other value is completed (it raises when graphql-core must), and whether
#: null is refused.
Column = tuple[str, Any, "type | None", Callable[[Any], Any], bool]


class Fallback(Exception):
    """The list needs graphql-core's own completion."""


def coercer(leaf: Any) -> tuple[type | None, Callable[[Any], Any]]:
    """``leaf``'s output coercion as ``complete_leaf_value`` does it (None is handled by the
    caller), with the Python type whose values the built-in scalar passes unchanged (an Int
    also within 32 bits): those skip the call."""
    coerce = leaf.coerce_output_value
    plain: set[type] = set()  # classes of values seen, checked not awaitable

    def slow(value: Any) -> Any:
        kind = type(value)
        if kind not in plain:  # a method returning an awaitable: graphql-core's path
            _refuse_awaitable(value)
            if kind is not GeneratorType:  # a generator may be a coroutine: each is checked
                plain.add(kind)
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise Fallback
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


def object_completer(
    check: Callable[[Any], bool], columns: list[Column]
) -> Callable[[Any], dict[str, Any]]:
    """An object's completion: its check (of its type, not awaitable), then its columns."""

    def complete(value: Any) -> dict[str, Any]:
        if not check(value):
            raise Fallback
        return row(value, columns)

    return complete


def list_completer(
    exact: type | None, item: Callable[[Any], Any], items_required: bool
) -> Callable[[Any], list[Any]]:
    """A list's completion: a list or tuple (anything else, graphql-core's path), each item
    passed unchanged when of type ``exact`` (an int within 32 bits), else completed by ``item``;
    a null item only where the item type allows it."""

    def complete(value: Any) -> list[Any]:
        if type(value) is not list and type(value) is not tuple:
            _refuse_awaitable(value)
            raise Fallback
        out: list[Any] = []
        append = out.append
        for each in value:
            kind = type(each)
            if kind is exact:
                if kind is int and not _MIN_INT <= each <= _MAX_INT:
                    raise Fallback
                append(each)
            elif each is None:
                if items_required:
                    raise Fallback
                append(None)
            elif isinstance(each, Exception):
                raise Fallback
            else:
                append(item(each))
        return out

    return complete


def row(item: Any, columns: list[Column]) -> dict[str, Any]:
    """One item as its response dict; raises when graphql-core must complete the list."""
    out = {}
    for key, get, exact, complete, required in columns:
        value = get(item)
        kind = type(value)
        if kind is exact:
            if kind is int and not _MIN_INT <= value <= _MAX_INT:
                value = complete(value)
        elif value is None:
            if required:
                raise Fallback
        elif isinstance(value, Exception):  # graphql-core raises it
            raise Fallback
        else:
            value = complete(value)
        out[key] = value
    return out


def same(value: Any) -> Any:
    return value


def constant(value: Any) -> Callable[[Any], Any]:
    return lambda _item: value


def _refuse_awaitable(value: Any) -> None:
    if inspect.isawaitable(value):
        if inspect.iscoroutine(value):
            value.close()
        raise Fallback
