"""A field's arguments handed to its resolver without strawberry's walk through each type.

strawberry converts every argument of a field on every call, the absent ones included: for
each it converts the name, imports its relay types and walks a dozen ``isinstance`` checks down
the type, to hand on a null ``siteId`` or an enum graphql-core has already parsed. A list has a
dozen arguments, most of them null: that walk was about 30 us of a 500 us page of one.

Most arguments need nothing: graphql-core gives scalars (IDs, dates, decimals) and enum
members as the resolver takes them, and lists of them only need a copy (graphql-core hands
the same default list to every request that omits it). For those, the plan of each field's
arguments, made once, says so; everything else (input objects, global IDs, ``Maybe``, lazy and
nested types) goes through strawberry's own ``convert_argument``.

Only Sportello's schemas (built with ``SportelloConfig``) take this path; any other strawberry
schema in the process is converted by strawberry as before. ``install()`` puts it in place:
strawberry's converter looks its ``convert_arguments`` up in its module on every call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry.schema.schema_converter as schema_converter
from strawberry.relay.types import GlobalID
from strawberry.schema.config import StrawberryConfig
from strawberry.types.arguments import StrawberryArgument, _is_leaf_type, convert_argument
from strawberry.types.arguments import convert_arguments as _STRAWBERRY
from strawberry.types.base import StrawberryList, StrawberryMaybe, StrawberryOptional
from strawberry.types.enum import has_enum_definition
from strawberry.types.lazy_type import LazyType

#: How an argument's value reaches the resolver.
AS_IS, COPY, CONVERT = 0, 1, 2

#: A field's plan: (arguments, registry) kept alive so their ids are not reused, then
#: (GraphQL name, Python name, how, type) per argument. Keyed by the ids of the field's argument
#: list and of the schema's scalar registry; cleared when it holds ``_MAX`` plans (one per field
#: with arguments: never reached by a running server, only by a test run building hundreds of
#: schemas).
_Plan = tuple[list[StrawberryArgument], Mapping[Any, Any], tuple[tuple[str, str, int, Any], ...]]
_PLANS: dict[tuple[int, int], _Plan] = {}
_MAX = 8192


class SportelloConfig(StrawberryConfig):
    """strawberry's configuration; the mark of a schema whose arguments take the plan."""


def _leaf(type_: Any, registry: Mapping[Any, Any]) -> bool:
    if type_ is GlobalID or isinstance(
        type_, (StrawberryMaybe, StrawberryOptional, StrawberryList, LazyType)
    ):
        return False
    return bool(_is_leaf_type(type_, registry) or has_enum_definition(type_))


def how(type_: Any, registry: Mapping[Any, Any]) -> int:
    """``AS_IS``, ``COPY`` or ``CONVERT``: what strawberry's ``convert_argument`` does to a
    value of this type, when it does nothing but copy a list."""
    if isinstance(type_, StrawberryMaybe):
        return CONVERT
    if isinstance(type_, StrawberryOptional):
        type_ = type_.of_type
    if isinstance(type_, StrawberryList):
        item = type_.of_type
        if isinstance(item, StrawberryOptional) and not isinstance(item, StrawberryMaybe):
            item = item.of_type
        return COPY if _leaf(item, registry) else CONVERT
    return AS_IS if _leaf(type_, registry) else CONVERT


def _plan(
    arguments: list[StrawberryArgument], registry: Mapping[Any, Any], config: StrawberryConfig
) -> _Plan:
    steps = []
    for argument in arguments:
        assert argument.python_name
        type_ = argument.type
        name = config.name_converter.from_argument(argument)
        steps.append((name, argument.python_name, how(type_, registry), type_))
    return arguments, registry, tuple(steps)


def convert_arguments(
    value: dict[str, Any],
    arguments: list[StrawberryArgument],
    scalar_registry: Mapping[Any, Any],
    config: StrawberryConfig,
    info: Any = None,
) -> dict[str, Any]:
    """strawberry's ``convert_arguments``, by the field's plan for Sportello's schemas."""
    if type(config) is not SportelloConfig:
        return _STRAWBERRY(value, arguments, scalar_registry, config, info)
    if not arguments:
        return {}
    key = (id(arguments), id(scalar_registry))
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= _MAX:
            _PLANS.clear()
        plan = _PLANS[key] = _plan(arguments, scalar_registry, config)
    kwargs: dict[str, Any] = {}
    for name, python_name, step, type_ in plan[2]:
        if name not in value:
            continue
        given = value[name]
        if step == AS_IS:
            kwargs[python_name] = given
        elif step == COPY:
            kwargs[python_name] = None if given is None else list(given)
        else:
            kwargs[python_name] = convert_argument(
                given, type_, scalar_registry, config, info, path=(name,)
            )
    return kwargs


def install() -> None:
    """Put the planned conversion in strawberry's converter (idempotent)."""
    schema_converter.convert_arguments = convert_arguments  # type: ignore[attr-defined]
