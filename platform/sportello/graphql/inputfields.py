"""A mutation's input as the client wrote it: where a string is too long, and which input
field holds a value its column refused.

Errors name input fields by their GraphQL path (``notes``, ``addresses.0.line1``), the way
services name them, so a form can put the message next to the right box.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from strawberry.utils.str_converters import to_camel_case
from tortoise.exceptions import ValidationError

from sportello.columns import ColumnLimit
from sportello.services import Problem, ServiceError


def _values(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name, None)
            yield from _values(item, f"{path}.{to_camel_case(f.name)}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path, key
            yield from _values(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _values(item, f"{path}.{i}")
    else:
        yield path, value


def too_long(input: Any, max_length: int) -> None:
    """Raise TOO_LONG for every string of ``input`` over ``max_length`` characters."""
    if input is None:
        return
    problems = [
        Problem("TOO_LONG", "core.too_long", path.lstrip("."), {"max": max_length})
        for path, value in _values(input, "")
        if isinstance(value, str) and len(value) > max_length
    ]
    if problems:
        raise ServiceError("TOO_LONG", problems=problems)


def column_problem(exc: ValidationError, input: Any) -> Problem:
    """The typed problem for a value a column refused (``sportello.columns``), naming the input
    field that holds it, or the column's field when the input does not hold it as such."""
    column = str(exc).split(":", 1)[0].strip()
    limit = exc.__cause__ if isinstance(exc.__cause__, ColumnLimit) else None
    if limit is None:
        return Problem("INVALID", "Invalid value.", to_camel_case(column) or None)
    field = _holder(input, limit.value) or to_camel_case(column)
    key = "core.too_long" if limit.code == "TOO_LONG" else "core.out_of_range"
    return Problem(limit.code, key, field, {"max": limit.limit})


def _holder(input: Any, refused: Any) -> str | None:
    """The input field holding ``refused``: the same value, or for a string the longest input
    string it was made of (a payment method written into a line's description)."""
    if input is None:
        return None
    best: tuple[int, str] | None = None
    for path, value in _values(input, ""):
        if type(value) is type(refused) and value == refused:
            return path.lstrip(".")
        if isinstance(value, str) and isinstance(refused, str) and value.strip():
            if value.strip() in refused and (best is None or len(value) > best[0]):
                best = (len(value), path.lstrip("."))
    return best[1] if best is not None else None
