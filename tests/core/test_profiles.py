"""Profiles: config/all.toml serves every built-in office; a profile without an office serves
nothing of it. Written over whatever offices are installed, so it holds as offices grow."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLSchema, get_named_type
from strawberry.types.field import StrawberryField

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
                fields = (
                    [cls]
                    if isinstance(cls, StrawberryField)
                    else cls.__strawberry_definition__.fields
                )
                for f in fields:
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


PROFILES = {
    "hotel.toml": {"reception", "lodging", "sales", "accounting"},
    "public-office.toml": {"reception", "counter", "hr", "crm"},
    "sme.toml": {"reception", "visitors", "sales", "crm", "itsupport", "accounting"},
    "all.toml": None,  # every built-in office
}


def _built_in() -> set[str]:
    return {
        name
        for name, cand in _installed().items()
        if cand.module is not None
        and cand.module.__name__.startswith("sportello_")
        and "fixtures" not in (cand.module.__file__ or "")
    }


def _own(office: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The types and root fields an office brings beyond what its requirements serve."""
    candidates = _installed()
    with_office = _closure(office, candidates)
    full = Runtime(Settings(modules={m: {} for m in with_office}))
    base = Runtime(Settings(modules={m: {} for m in with_office if m != office}))
    types = types_of_plugin(full, office) - set(_gql(base).type_map)
    return types, root_fields_by_plugin(full).get(office, set())


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_shipped_profile_serves_exactly_its_offices(profile: str) -> None:
    settings = load_settings(ROOT / "config" / profile)
    expected = PROFILES[profile] or _built_in()
    runtime = Runtime(settings)
    assert set(runtime.plugin_names) == expected

    # every root field comes from the core or one of the profile's offices, and each one
    # of those offices serves its fields
    contributed = root_fields_by_plugin(runtime)
    assert {o for o in contributed if not o.startswith("core:")} == expected
    schema = _gql(runtime)
    served = {
        (root, name)
        for root in ROOT_HOOKS
        if (t := schema.get_type(root)) is not None
        for name in t.fields  # type: ignore[union-attr]
    }
    assert served == set().union(*contributed.values())

    sdl = runtime.schema.as_str()
    for office in sorted(_built_in() - expected):
        types, fields = _own(office)
        assert types, f"{office} brings no type of its own?"
        leaked = sorted(t for t in types if t in schema.type_map)
        assert not leaked, f"{profile} serves {office} types: {leaked}"
        assert not fields & served, f"{profile} serves {office} fields: {fields & served}"
        for t in types:
            assert f"type {t} " not in sdl and f"input {t} " not in sdl


def test_environment_overrides_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """SPORTELLO_CONFIG names the file; SPORTELLO_DATABASE_URL, SPORTELLO_MODULES and
    SPORTELLO_SERVER__PORT win over what it says."""
    monkeypatch.setenv("SPORTELLO_CONFIG", str(ROOT / "config" / "hotel.toml"))
    plain = load_settings()
    assert plain.config_file == str(ROOT / "config" / "hotel.toml")
    assert plain.enabled_modules == ["reception", "lodging", "sales", "accounting"]
    assert plain.database_url == "sqlite://var/hotel.sqlite3" and plain.server.port == 8000

    monkeypatch.setenv("SPORTELLO_DATABASE_URL", f"sqlite://{tmp_path}/other.sqlite3")
    monkeypatch.setenv("SPORTELLO_MODULES", "reception,counter")
    monkeypatch.setenv("SPORTELLO_SERVER__PORT", "9123")
    settings = load_settings()
    assert settings.database_url == f"sqlite://{tmp_path}/other.sqlite3"
    assert settings.enabled_modules == ["reception", "counter"]
    assert settings.server.port == 9123 and settings.server.host == "0.0.0.0"  # the rest stays
    assert settings.default_language == "it"
    assert Runtime(settings).plugin_names == ["reception", "counter"]
    # SPORTELLO_MODULES keeps the chosen offices' settings tables from the file
    monkeypatch.setenv("SPORTELLO_MODULES", "reception,lodging")
    assert load_settings().modules["lodging"]["currency"] == "EUR"


def test_sportello_modules_follows_the_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "SPORTELLO_CONFIG": str(ROOT / "config" / "public-office.toml"),
        "SPORTELLO_DATABASE_URL": f"sqlite://{tmp_path}/env.sqlite3",
    }
    cli = str(Path(sys.executable).parent / "sportello")

    def modules(**extra: str) -> dict[str, str]:
        proc = subprocess.run(
            [cli, "modules"], env={**env, **extra}, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        return {line.split()[0]: line for line in proc.stdout.splitlines()}

    rows = modules()
    assert "enabled" in rows["counter"].split() and "public-office.toml" in rows["counter"]
    assert "disabled" in rows["lodging"].split()
    rows = modules(SPORTELLO_MODULES="reception,visitors")
    assert "enabled" in rows["visitors"].split() and "SPORTELLO_MODULES" in rows["visitors"]
    assert "disabled" in rows["counter"].split() and "SPORTELLO_MODULES" in rows["counter"]

    migrated = subprocess.run(
        [cli, "migrate"], env=env, capture_output=True, text=True, timeout=120
    )
    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "env.sqlite3").exists()  # the database the variable named
