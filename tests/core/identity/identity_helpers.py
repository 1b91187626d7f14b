"""Helpers for the identity tests: every installed office, sample inputs, a probe plugin."""

from __future__ import annotations

import types
from typing import Any

import httpx
import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    Undefined,
    get_named_type,
)

from sportello import hookimpl
from sportello.graphql.ids import encode_id
from sportello.identity.permissions import Public
from sportello.plugininfo import PluginInfo


def installed_offices() -> list[str]:
    """Every installed office that loads: new offices join the matrix automatically."""
    from sportello.plugins import discover

    return sorted(name for name, cand in discover().items() if cand.load_error is None)


BUILTIN_OFFICES = ("reception", "lodging", "counter", "visitors", "sales")


def require_builtin_offices() -> list[str]:
    """Every installed office, failing (not skipping) when a built-in one does not load."""
    from sportello.plugins import discover

    found = discover()
    broken = {
        name: (found[name].load_error if name in found else "not installed")
        for name in BUILTIN_OFFICES
        if name not in found or found[name].load_error is not None
    }
    assert not broken, f"built-in offices failed to load: {broken}"
    return installed_offices()


async def table_digests() -> dict[str, str]:
    """A digest of every row of every table (ordered by primary key): any change shows."""
    import hashlib

    from tortoise import Tortoise

    digests = {}
    for app in Tortoise.apps.values():
        for model in app.values():
            rows = await model.all().order_by(model._meta.pk_attr).values()
            text = repr([sorted(row.items()) for row in rows])
            digests[model._meta.db_table] = hashlib.sha256(text.encode()).hexdigest()
    return digests


async def table_counts() -> dict[str, int]:
    from tortoise import Tortoise

    counts = {}
    for app in Tortoise.apps.values():
        for model in app.values():
            counts[model._meta.db_table] = await model.all().count()
    return counts


# --- sample values for a mutation's required arguments --------------------------------------

_SCALARS: dict[str, Any] = {
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "ID": encode_id("Party", 1),
}
_CANDIDATES: list[Any] = [
    "2026-01-01T10:00:00+00:00",
    "2026-01-01",
    "10:00:00",
    "1",
    "00000000-0000-0000-0000-000000000001",
    {},
    1,
    "x",
]


def sample(type_: Any) -> Any:
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: sample(f.type)
            for name, f in type_.fields.items()
            if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined
        }
    assert isinstance(type_, GraphQLScalarType)
    if type_.name in _SCALARS:
        return _SCALARS[type_.name]
    for candidate in _CANDIDATES:
        try:
            type_.parse_value(candidate)
        except Exception:
            continue
        return candidate
    raise AssertionError(f"no sample value for scalar {type_.name}")


def operation_for(schema: Any, root: str, name: str) -> tuple[str, dict[str, Any]]:
    """A valid operation calling root field ``name`` with sample values for required args."""
    gql = schema._schema
    root_type = {"mutation": gql.mutation_type, "query": gql.query_type}[root]
    field = root_type.fields[name]
    decls, args, variables = [], [], {}
    for arg_name, arg in field.args.items():
        if not isinstance(arg.type, GraphQLNonNull) or arg.default_value is not Undefined:
            continue
        decls.append(f"${arg_name}: {arg.type}")
        args.append(f"{arg_name}: ${arg_name}")
        variables[arg_name] = sample(arg.type)
    named = get_named_type(field.type)
    if isinstance(named, (GraphQLScalarType, GraphQLEnumType)):
        selection = ""
    elif "errors" in getattr(named, "fields", {}):
        selection = "{ __typename errors { __typename } }"
    else:
        selection = "{ __typename }"
    head = f"{root} Op({', '.join(decls)})" if decls else f"{root} Op"
    call = f"{name}({', '.join(args)})" if args else name
    return f"{head} {{ {call} {selection} }}", variables


# --- a probe plugin: counts resolver calls, nests without end, raises on demand --------------

CALLS: list[str] = []


@strawberry.type
class Probe:
    n: int

    @strawberry.field
    def next(self) -> Probe:
        CALLS.append("next")
        return Probe(n=self.n + 1)

    @strawberry.field
    def items(self, first: int | None = None) -> list[Probe]:
        CALLS.append("items")
        return [Probe(n=i) for i in range(first or 3)]


@strawberry.type
class ProbeQueries:
    @strawberry.field(permission_classes=[Public])
    def probe(self) -> Probe:
        CALLS.append("probe")
        return Probe(n=0)

    @strawberry.field(permission_classes=[Public])
    def boom(self) -> int:
        CALLS.append("boom")
        raise RuntimeError("secret at /srv/app/x.py: SELECT password_hash FROM identity_user")


def make_probe_plugin() -> types.ModuleType:
    module = types.ModuleType("sportello_test_probe")

    @hookimpl
    def sportello_plugin_info() -> PluginInfo:
        return PluginInfo(name="probe", title="Probe", version="0.0.0")

    @hookimpl
    def sportello_graphql_queries() -> list[type]:
        return [ProbeQueries]

    module.sportello_plugin_info = sportello_plugin_info  # type: ignore[attr-defined]
    module.sportello_graphql_queries = sportello_graphql_queries  # type: ignore[attr-defined]
    return module


PROBE = make_probe_plugin()


# --- a plugin whose mutation succeeds without an audit entry (the harness must catch it) ------


@strawberry.type
class SilentPayload:
    done: bool = True
    errors: list[str] = strawberry.field(default_factory=list)


@strawberry.type
class SilentMutations:
    @strawberry.mutation(permission_classes=[Public])
    def silent_change(self) -> SilentPayload:
        return SilentPayload()


def make_silent_plugin() -> types.ModuleType:
    module = types.ModuleType("sportello_test_silent")

    @hookimpl
    def sportello_plugin_info() -> PluginInfo:
        return PluginInfo(name="silent", title="Silent", version="0.0.0")

    @hookimpl
    def sportello_graphql_mutations() -> list[type]:
        return [SilentMutations]

    module.sportello_plugin_info = sportello_plugin_info  # type: ignore[attr-defined]
    module.sportello_graphql_mutations = sportello_graphql_mutations  # type: ignore[attr-defined]
    return module


SILENT = make_silent_plugin()


def client_from(h: Any, ip: str) -> httpx.AsyncClient:
    """A client whose requests come from ``ip`` (for throttling per IP)."""
    transport = httpx.ASGITransport(app=h.app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=60)
