"""Every root field declares a permission; every mutation refuses callers without it."""

from __future__ import annotations

from identity_helpers import (
    installed_offices,
    operation_for,
    require_builtin_offices,
    table_counts,
    table_digests,
)

from sportello.identity.permissions import field_permissions, root_fields, undeclared_root_fields
from sportello.runtime import Runtime
from sportello.settings import Settings

BUILTIN_ROLES = ("front_desk", "back_office", "manager", "auditor")


def test_every_root_field_declares_a_permission_or_is_public() -> None:
    runtime = Runtime(Settings(modules={name: {} for name in installed_offices()}))
    assert undeclared_root_fields(runtime.schema) == []
    names = {name for _, name, _ in root_fields(runtime.schema)}
    assert {"partyCreate", "tokenCreate", "auditEntries", "me"} <= names


def test_an_undeclared_field_is_reported() -> None:
    import strawberry

    @strawberry.type
    class Leaky:
        @strawberry.field
        def leak(self) -> int:
            return 1

    schema = strawberry.Schema(query=Leaky)
    assert undeclared_root_fields(schema) == ["Leaky.leak"]


def test_nothing_in_the_api_changes_the_audit_trail() -> None:
    runtime = Runtime(Settings(modules={name: {} for name in installed_offices()}))
    mutations = [n for t, n, _ in root_fields(runtime.schema) if t == "Mutation"]
    assert not [n for n in mutations if n.lower().startswith("audit")]


def _refused(result: dict, field: str) -> bool:
    errors = result.get("errors") or []
    codes = {(e.get("extensions") or {}).get("code") for e in errors}
    data = result.get("data") or {}
    return bool(codes & {"PERMISSION_DENIED", "UNAUTHENTICATED"}) and data.get(field) is None


async def test_authorization_matrix(sportello_app) -> None:
    """Anonymous and every role lacking a mutation's permission: refused, no row changes.

    Runs on the demo data of every built-in office (so the sample IDs point at real rows)
    and compares a digest of every row of every table before and after each mutation.
    """
    from sportello.demo import load_demo

    offices = require_builtin_offices()
    # The scheduler stays off: the demo's overdue invoices would fire their reminder timers
    # (events, audit entries, notifications) while the digests are compared.
    quiet = {"timers": False, "jobs": False}
    async with sportello_app(offices, schedule=quiet) as h:
        await load_demo(h.runtime)
        counts = await table_counts()
        for office in ("parties", "lodging", "counter", "visitors", "reception"):
            rows = sum(n for table, n in counts.items() if table.startswith(office + "_"))
            assert rows > 0, f"demo data for {office} is empty"
        schema = h.runtime.schema
        mutations = [(n, f) for t, n, f in root_fields(schema) if t == "Mutation"]
        assert mutations
        tokens = {role: await h.token(roles=[role]) for role in BUILTIN_ROLES}
        tokens["(no role)"] = await h.token(roles=[])
        checked = 0
        for name, field in mutations:
            needed = field_permissions(field)
            assert needed is not None, name
            public = needed == () and not _is_authenticated_only(field)
            if public:
                continue
            query, variables = operation_for(schema, "mutation", name)
            callers: dict[str, str | None] = {"anonymous": None}
            if needed:
                for role, token in tokens.items():
                    granted = h.runtime.permissions_for_roles(
                        [role] if role in BUILTIN_ROLES else []
                    )
                    if not set(needed) <= granted:
                        callers[role] = token
            before = await table_digests()
            for who, token in callers.items():
                result = await h.gql(query, variables, token=token, as_=None)
                assert _refused(result, name), (name, who, result)
                checked += 1
            after = await table_digests()
            changed = sorted(t for t in after if after[t] != before.get(t))
            assert changed == [], (name, changed)
        assert checked >= len(mutations)


def _is_authenticated_only(field) -> bool:
    from sportello.identity.permissions import Authenticated

    return any(issubclass(c, Authenticated) for c in field.permission_classes or [])


def _site_path(model, models: dict[str, type]) -> str | None:
    """The filter path from ``model`` to a site: ``site_id`` or ``<fk>__site_id`` (one hop).

    ``models`` finds a relation's target by its model's name: before the ORM starts,
    a relation's ``related_model`` may not be resolved yet."""
    fields = model._meta.fields_map
    if "site_id" in fields or "site" in model._meta.fk_fields:
        return "site_id"
    for fk in sorted(model._meta.fk_fields):
        target = fields[fk].related_model or models.get(fields[fk].model_name.rsplit(".", 1)[-1])
        if target is None:
            continue  # not a node type, and unresolved before the ORM starts
        if "site" in target._meta.fk_fields or "site_id" in target._meta.fields_map:
            return f"{fk}__site_id"
    return None


def test_every_site_bound_node_type_is_scoped() -> None:
    """node(id:) must not reveal another site's records: types of site-bound rows declare
    ``__site_field__`` (site scoping of ``node``/``nodes`` depends on it)."""
    from sportello.graphql.relay import ModelNode

    runtime = Runtime(Settings(modules={name: {} for name in installed_offices()}))
    missing = []
    nodes = [
        gql_type
        for gql_type in runtime.schema.schema_converter.type_map.values()
        if isinstance(getattr(gql_type.definition, "origin", None), type)
        and issubclass(gql_type.definition.origin, ModelNode)
    ]
    models = {m.__name__: m for m in (n.definition.origin.__model__ for n in nodes)}
    for gql_type in nodes:
        origin = gql_type.definition.origin
        path = _site_path(origin.__model__, models)
        if path is not None and origin.__site_field__ is None:
            missing.append(f"{gql_type.definition.name} (set __site_field__ = {path!r})")
    assert missing == [], "site-bound types readable across sites: " + ", ".join(missing)


def test_every_model_node_declares_a_read_permission() -> None:
    """Deny by default for node(id:): no ModelNode may leave ``__permission__`` unset."""
    from sportello.graphql.relay import ModelNode

    runtime = Runtime(Settings(modules={name: {} for name in require_builtin_offices()}))
    undeclared, seen = [], 0
    for gql_type in runtime.schema.schema_converter.type_map.values():
        origin = getattr(gql_type.definition, "origin", None)
        if isinstance(origin, type) and issubclass(origin, ModelNode):
            seen += 1
            if not origin.__permission__:
                undeclared.append(gql_type.definition.name)
    assert seen >= 10 and undeclared == [], undeclared


async def test_sites_by_id_need_a_login(sportello_app) -> None:
    async with sportello_app() as h:
        site = await h.ok(
            'mutation { siteCreate(input: {code: "A", name: "Alpha"}) { site { id } errors { code } } }'
        )
        site_id = site["siteCreate"]["site"]["id"]
        query = "query($id: ID!) { node(id: $id) { ... on Site { id name } } }"
        anonymous = await h.gql(query, {"id": site_id}, as_=None)
        assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert not (anonymous.get("data") or {}).get("node")
        anyone = await h.ok(query, {"id": site_id}, token=await h.token(roles=[]))
        assert anyone["node"] == {"id": site_id, "name": "Alpha"}
        many = await h.ok(
            "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Site { name } } }",
            {"ids": [site_id]},
            token=await h.token(roles=[]),
        )
        assert many["nodes"] == [{"name": "Alpha"}]
