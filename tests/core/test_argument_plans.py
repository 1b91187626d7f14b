"""Every field's arguments reach its resolver as strawberry's own conversion hands them on.

Sportello's schemas convert arguments by a plan made once per field
(``sportello.graphql.arguments``): scalars and enums as graphql-core parsed them, lists of them
copied, everything else through strawberry. Here every field with arguments of the schema with
every built-in office on is converted both ways.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import strawberry
from strawberry.schema.config import StrawberryConfig
from strawberry.types.base import StrawberryMaybe, StrawberryObjectDefinition

from sportello.graphql import arguments
from sportello.runtime import Runtime
from sportello.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def _fields(schema: Any) -> list[Any]:
    out = []
    for concrete in schema.schema_converter.type_map.values():
        definition = concrete.definition
        if isinstance(definition, StrawberryObjectDefinition):
            out.extend(f for f in definition.fields if f.arguments)
    return out


def _given(how: int, type_: Any, marker: object) -> Any:
    if how == arguments.AS_IS:
        return marker
    if how == arguments.COPY:
        return [marker, marker]
    return None if not isinstance(type_, StrawberryMaybe) else ...


def test_every_fields_arguments_convert_as_strawberrys_own() -> None:
    schema = Runtime(load_settings(ROOT / "config" / "all.toml")).schema
    config, registry = schema.config, schema.schema_converter.scalar_registry
    assert type(config) is arguments.SportelloConfig
    fields = _fields(schema)
    assert len(fields) > 150
    seen = {arguments.AS_IS: 0, arguments.COPY: 0, arguments.CONVERT: 0}
    for field in fields:
        names = [config.name_converter.from_argument(a) for a in field.arguments]
        hows = [arguments.how(a.type, registry) for a in field.arguments]
        for how in hows:
            seen[how] += 1
        absent: dict[str, Any] = {}
        nulls = {n: None for n, a in zip(names, field.arguments, strict=True)
                 if not isinstance(a.type, StrawberryMaybe)}  # fmt: skip
        marker = object()
        given = {
            n: v
            for n, h, a in zip(names, hows, field.arguments, strict=True)
            if (v := _given(h, a.type, marker)) is not ...
        }
        for value in (absent, nulls, given):
            ours = arguments.convert_arguments(dict(value), field.arguments, registry, config)
            theirs = arguments._STRAWBERRY(dict(value), field.arguments, registry, config)
            assert ours == theirs, (field.python_name, value)
        ours = arguments.convert_arguments(given, field.arguments, registry, config)
        for argument, name, how in zip(field.arguments, names, hows, strict=True):
            if how == arguments.AS_IS and name in given:
                assert ours[argument.python_name] is marker
            if how == arguments.COPY:
                # a copy: graphql-core hands every request the same default list
                assert ours[argument.python_name] == given[name]
                assert ours[argument.python_name] is not given[name]
    # every kind is there: IDs and enums as they are, lists of them copied, inputs converted
    assert all(seen.values()), seen


def test_input_objects_and_global_ids_are_strawberrys_to_convert() -> None:
    schema = Runtime(load_settings(ROOT / "config" / "all.toml")).schema
    registry = schema.schema_converter.scalar_registry
    mutation = schema.schema_converter.type_map["Mutation"].definition
    assert isinstance(mutation, StrawberryObjectDefinition)
    case_create = next(f for f in mutation.fields if f.python_name == "case_create")
    (argument,) = case_create.arguments
    assert arguments.how(argument.type, registry) == arguments.CONVERT
    assert arguments.how(strawberry.relay.GlobalID, registry) == arguments.CONVERT


def test_another_schemas_arguments_are_left_to_strawberry() -> None:
    with mock.patch.object(arguments, "_STRAWBERRY", return_value={"x": 1}) as strawberrys:
        assert arguments.convert_arguments({}, [], {}, StrawberryConfig()) == {"x": 1}
    strawberrys.assert_called_once()
