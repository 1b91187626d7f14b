"""Profiles: config/all.toml serves every built-in office; a profile without an office serves
nothing of it. Written over whatever offices are installed, so it holds as offices grow."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLSchema, get_named_type

from sportello.plugins import call_each, discover
from sportello.runtime import Runtime
from sportello.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
ALL = ROOT / "config" / "all.toml"
ROOT_HOOKS = {
    "Query": "sportello_graphql_queries",
    "Mutation": "sportello_graphql_mutations",
    "Subscription": "sportello_graphql_subscriptions",
}


def _gql(runtime: Runtime) -> GraphQLSchema:
    return runtime.schema._schema


def root_fields_by_plugin(runtime: Runtime) -> dict[str, set[tuple[str, str]]]:
    """(root type, GraphQL field name) each plugin contributes, read back from the schema."""
    schema = _gql(runtime)
    out: dict[str, set[tuple[str, str]]] = {}
    for root, hook in ROOT_HOOKS.items():
        root_type = schema.get_type(root)
        for owner, classes in call_each(runtime.pm, hook):
            for cls in classes:
                for f in cls.__strawberry_definition__.fields:
                    name = runtime.schema.config.name_converter.get_graphql_name(f)
                    out.setdefault(owner, set()).add((root, name))
                    assert root_type is not None and name in root_type.fields, (owner, root, name)
    return out


def types_of_plugin(runtime: Runtime, name: str) -> set[str]:
    """Named types an office brings: declared ones, and those its root fields return or take."""
    schema = _gql(runtime)
    names = {
        runtime.schema.config.name_converter.from_type(t.__strawberry_definition__)
        if hasattr(t, "__strawberry_definition__")
        else t.__name__
        for owner, ts in call_each(runtime.pm, "sportello_graphql_types")
        if owner == name
        for t in ts
    }
    for root, field in root_fields_by_plugin(runtime).get(name, set()):
        gql_field = schema.get_type(root).fields[field]  # type: ignore[union-attr]
        names.add(get_named_type(gql_field.type).name)
        for arg in gql_field.args.values():
            names.add(get_named_type(arg.type).name)
    return names


def test_all_toml_serves_every_enabled_office() -> None:
    settings = load_settings(ALL)
    runtime = Runtime(settings)
    enabled = settings.enabled_modules
    assert enabled, "config/all.toml enables no office"
    assert set(enabled) <= set(runtime.plugin_names)
    contributed = root_fields_by_plugin(runtime)
    silent = [office for office in enabled if not contributed.get(office)]
    if silent:  # an office still being written: visible as XFAIL in the summary, not hidden
        pytest.xfail(f"offices in config/all.toml serving no root field yet: {silent}")


def test_all_toml_enables_every_built_in_office() -> None:
    settings = load_settings(ALL)
    built_in = {
        name
        for name, cand in discover().items()
        if cand.module is not None
        and cand.module.__name__.startswith("sportello_")
        and "fixtures" not in (cand.module.__file__ or "")
    }
    assert built_in <= set(settings.enabled_modules), built_in - set(settings.enabled_modules)


def _closure(name: str, candidates: dict) -> list[str]:
    out: list[str] = []

    def visit(n: str) -> None:
        if n in out:
            return
        for req in candidates[n].info.requires:
            visit(req)
        out.append(n)

    visit(name)
    return out


def _installed() -> dict:
    return {n: c for n, c in discover().items() if c.info is not None and not c.load_error}


@pytest.mark.parametrize("office", sorted(n for n in _installed() if n != "reception"))
def test_a_profile_without_an_office_serves_nothing_of_it(office: str) -> None:
    candidates = _installed()
    with_office = _closure(office, candidates)
    full = Runtime(Settings(modules={m: {} for m in with_office}))
    base = Runtime(Settings(modules={m: {} for m in with_office if m != office}))
    base_types = set(_gql(base).type_map)
    own_types = types_of_plugin(full, office) - base_types
    own_fields = root_fields_by_plugin(full).get(office, set())

    reception = Runtime(Settings(modules={"reception": {}}))
    schema = _gql(reception)
    sdl = reception.schema.as_str()
    leaked_types = sorted(t for t in own_types if t in schema.type_map)
    assert not leaked_types, f"{office} types served without {office}: {leaked_types}"
    for root, field in own_fields:
        root_type = schema.get_type(root)
        assert root_type is None or field not in root_type.fields, (office, root, field)
    for t in own_types:
        assert f"type {t} " not in sdl and f"input {t} " not in sdl
