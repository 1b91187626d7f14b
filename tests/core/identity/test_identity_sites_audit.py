"""Site scoping (lists, node, mutations) and the audit trail."""

from __future__ import annotations

from identity_helpers import SILENT, installed_offices, operation_for, table_digests

from sportello.identity.models import AuditEntry
from sportello.identity.permissions import field_permissions, root_fields

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
USER_CREATE = """
mutation($i: UserCreateInput!) {
  userCreate(input: $i) { user { id email sites } errors { code field } }
}
"""
#: A site administrator grants only roles whose permissions it holds: front_desk's among them
#: (the SLA clocks of the desk's work: sla.view).
SITE_ADMIN = ["identity.users.manage", "parties.view", "parties.manage", "audit.view", "sla.view"]


async def test_site_scoping(sportello_app) -> None:
    async with sportello_app(roles={"site_admin": SITE_ADMIN}) as h:
        a = (await h.ok(SITE, {"i": {"code": "A", "name": "Alpha"}}))["siteCreate"]["site"]["id"]
        b = (await h.ok(SITE, {"i": {"code": "B", "name": "Beta"}}))["siteCreate"]["site"]["id"]
        from sportello.graphql.ids import decode_id

        a_pk = decode_id(a, "Site", "a")
        token = await h.token(roles=["site_admin"], sites=[a_pk])
        # Lists
        sites = await h.ok("{ sites { edges { node { id } } } }", token=token)
        assert [e["node"]["id"] for e in sites["sites"]["edges"]] == [a]
        # node(id:) and nodes(ids:)
        q = "query($id: ID!) { node(id: $id) { id } }"
        assert (await h.ok(q, {"id": a}, token=token))["node"] == {"id": a}
        # (node is declared non-null in sportello.graphql.plugin: out of scope reads as an error)
        hidden = await h.gql(q, {"id": b}, token=token)
        assert not (hidden.get("data") or {}).get("node")
        many = await h.gql(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [a, b]}, token=token
        )
        assert b not in str(many.get("data"))
        # Mutations: no user for site B, no all-sites user
        before = await AuditEntry.all().count()
        for bad in ({"siteIds": [b]}, {"allSites": True}):
            res = await h.ok(
                USER_CREATE,
                {"i": {"email": "x@example.org", "roles": ["front_desk"], **bad}},
                token=token,
            )
            assert res["userCreate"]["errors"][0]["code"] == "FORBIDDEN"
        assert await AuditEntry.all().count() == before
        ok = await h.ok(
            USER_CREATE,
            {"i": {"email": "desk@example.org", "roles": ["front_desk"], "siteIds": [a]}},
            token=token,
        )
        assert ok["userCreate"]["user"]["sites"] == [a]
        # Users of site B are invisible and untouchable.
        other = await h.ok(
            USER_CREATE,
            {"i": {"email": "beta@example.org", "roles": ["front_desk"], "siteIds": [b]}},
        )
        other_id = other["userCreate"]["user"]["id"]
        users = await h.ok("{ users { edges { node { email } } } }", token=token)
        emails = {e["node"]["email"] for e in users["users"]["edges"]}
        assert "beta@example.org" not in emails and "desk@example.org" in emails
        upd = await h.ok(
            "mutation($id: ID!) { userUpdate(input: {id: $id, isActive: false}) "
            "{ errors { code } } }",
            {"id": other_id},
            token=token,
        )
        assert upd["userUpdate"]["errors"][0]["code"] == "NOT_FOUND"
        # No privilege escalation: site_admin cannot grant admin.
        esc = await h.ok(
            USER_CREATE,
            {"i": {"email": "boss@example.org", "roles": ["admin"], "siteIds": [a]}},
            token=token,
        )
        assert esc["userCreate"]["errors"][0]["code"] == "FORBIDDEN"


AUDIT = """
query($actor: ID, $object: ID, $op: String, $since: DateTime) {
  auditEntries(actor: $actor, object: $object, operation: $op, since: $since) {
    edges { node { operation objectType objectId actorLabel actorId requestId clientRequestId
                 changes at } }
  }
}
"""


async def test_mutations_write_audit_entries_auditors_can_filter(sportello_app) -> None:
    async with sportello_app() as h:
        created = await h.ok(
            'mutation { partyCreate(input: {displayName: "Ada", email: "ada@example.org"}) '
            "{ party { id } } }",
            headers={"x-request-id": "req-audit-0001"},
        )
        party_id = created["partyCreate"]["party"]["id"]
        await h.ok(
            'mutation($id: ID!) { partyUpdate(input: {id: $id, phone: "+39 06 1234567"}) '
            "{ party { id } errors { code } } }",
            {"id": party_id},
        )
        await h.ok(
            'mutation { userCreate(input: {email: "u@example.org", password: "long-enough-pw"}) '
            "{ user { id } } }"
        )
        entries = await h.ok(AUDIT, {"object": party_id}, as_="auditor")
        ops = [e["node"] for e in entries["auditEntries"]["edges"]]
        assert [o["operation"] for o in ops] == ["partyUpdate", "partyCreate"]
        assert ops[1]["clientRequestId"] == "req-audit-0001"
        assert ops[1]["requestId"] not in (None, "req-audit-0001")
        assert ops[0]["changes"]["before"] == {"phone": None, "phones": []}
        assert ops[0]["changes"]["after"] == {
            "phone": "+39061234567",
            "phones": [{"kind": "other", "value": "+39061234567", "primary": True}],
        }
        user_entry = await h.ok(AUDIT, {"op": "userCreate"}, as_="auditor")
        [node] = [
            e["node"]
            for e in user_entry["auditEntries"]["edges"]
            if e["node"]["objectType"] == "User" and "u@example.org" in str(e["node"]["changes"])
        ]
        assert node["changes"]["after"]["password"] == "[redacted]"
        actor = node["actorId"]
        by_actor = await h.ok(AUDIT, {"actor": actor}, as_="auditor")
        assert by_actor["auditEntries"]["edges"]
        future = await h.ok(AUDIT, {"since": "2999-01-01T00:00:00+00:00"}, as_="auditor")
        assert future["auditEntries"]["edges"] == []
        denied = await h.gql(AUDIT, {}, as_="front_desk")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_every_mutation_that_changes_rows_leaves_an_audit_entry(sportello_app) -> None:
    """Called as admin with sample inputs: whenever rows change, the audit trail grows.

    Sample IDs all read ``Party:1``: that party is a bystander created first, so erasing it
    does not log the test's admin out (each call is then checked to still be the admin's).
    The scheduler is off: a job running between two digests would change tables no mutation
    touched.
    """
    schedule = {"timers": False, "jobs": False}
    async with sportello_app(installed_offices(), schedule=schedule) as h:
        from sportello.parties.models import Party

        bystander = await Party.create(display_name="Bystander", email="bystander@example.org")
        assert bystander.id == 1
        token = await h.token(roles=["admin"])
        await h.ok(SITE, {"i": {"code": "S1", "name": "Site"}}, token=token)
        schema = h.runtime.schema
        succeeded: list[str] = []
        for _, name, field in [f for f in root_fields(schema) if f[0] == "Mutation"]:
            if name in ("tokenRevokeAll",):
                continue  # would log the test's admin out (audited in the test below)
            assert field_permissions(field) is not None
            query, variables = operation_for(schema, "mutation", name)
            before = await table_digests()
            # The harness itself asserts the audit entry of every `errors: []` payload.
            result = await h.gql(query, variables, token=token)
            after = await table_digests()
            changed = {t for t in after if after[t] != before[t]}
            if changed - {"identity_audit_entry", "identity_login_throttle"}:
                assert "identity_audit_entry" in changed, (name, changed)
            payload = (result.get("data") or {}).get(name)
            if isinstance(payload, dict) and payload.get("errors") == []:
                succeeded.append(name)
                assert await AuditEntry.filter(operation=name).exists(), name
            me = await h.ok("{ me { kind roles } }", token=token)
            assert me["me"] == {"kind": "user", "roles": ["admin"]}, (name, me)
        assert "partyErase" in succeeded  # the bystander was erased, audited
        assert len(succeeded) >= 3, succeeded


async def test_the_harness_fails_a_successful_mutation_without_audit_entry(sportello_app) -> None:
    import pytest

    async with sportello_app(["silent"], plugins=[SILENT]) as h:
        query = "mutation { silentChange { done errors } }"
        with pytest.raises(AssertionError, match="silentChange"):
            await h.ok(query)
        assert (await h.ok(query, check_audit=False))["silentChange"]["done"]
        h.check_audit = False
        await h.ok("mutation { renamed: silentChange { errors } }")
        h.check_audit = True
        with pytest.raises(AssertionError, match="silentChange"):
            await h.ok("mutation { renamed: silentChange { errors } }")
        # An audited mutation passes (partyCreate writes its entry), and the harness's own
        # look-ups stay out of count_queries (query-count tests measure only the app).
        from sportello.testing import count_queries

        with count_queries() as statements:
            await h.ok('mutation { partyCreate(input: {displayName: "A"}) { errors { code } } }')
        assert any("INSERT" in s and "identity_audit_entry" in s for s in statements)
        assert not [
            s
            for s in statements
            if s.lstrip().upper().startswith("SELECT") and ("identity_audit_entry" in s)
        ]


async def test_identity_mutations_are_audited_with_secrets_redacted(sportello_app) -> None:
    async with sportello_app() as h:
        from sportello.identity import services
        from sportello.services import SYSTEM

        await services.create_user(SYSTEM, "ops@example.org", "ops password 1")
        login = await h.ok(
            'mutation { tokenCreate(input: {email: "ops@example.org", password: "ops password 1"})'
            " { refreshToken } }",
            as_=None,
        )
        await h.ok(
            "mutation($t: String!) { tokenRefresh(input: {refreshToken: $t}) { accessToken } }",
            {"t": login["tokenCreate"]["refreshToken"]},
            as_=None,
        )
        await h.ok(
            'mutation { roleCreate(input: {name: "clerk", permissions: []}) { errors { code } } }'
        )
        await h.ok(
            'mutation { roleUpdate(input: {name: "clerk", description: "d"}) { errors { code } } }'
        )
        await h.ok('mutation { roleDelete(input: {name: "clerk"}) { errors { code } } }')
        sa = await h.ok(
            'mutation { serviceAccountCreate(input: {name: "Sync", roles: []}) '
            "{ serviceAccount { id } } }"
        )
        sa_id = sa["serviceAccountCreate"]["serviceAccount"]["id"]
        tok = await h.ok(
            'mutation($id: ID!) { apiTokenCreate(input: {serviceAccountId: $id, name: "t", '
            "scopes: []}) { secret apiToken { id } } }",
            {"id": sa_id},
        )
        await h.ok(
            "mutation($id: ID!) { apiTokenRevoke(input: {id: $id}) { errors { code } } }",
            {"id": tok["apiTokenCreate"]["apiToken"]["id"]},
        )
        await h.ok(
            "mutation($id: ID!) { userUpdate(input: {id: $id, isActive: false}) { errors { code } } }",
            {"id": sa_id},
        )
        await h.ok("mutation { tokenRevokeAll { revoked } }")
        ops = {e.operation for e in await AuditEntry.all()}
        expected = {
            "tokenCreate",
            "tokenRefresh",
            "roleCreate",
            "roleUpdate",
            "roleDelete",
            "userCreate",
            "serviceAccountCreate",
            "apiTokenCreate",
            "apiTokenRevoke",
            "userUpdate",
            "tokenRevokeAll",
        }
        assert expected <= ops, expected - ops
        secret = tok["apiTokenCreate"]["secret"]
        for entry in await AuditEntry.all():
            assert secret not in str(entry.changes)


async def test_auditor_bound_to_a_site_reads_only_its_entries(sportello_app) -> None:
    async with sportello_app() as h:
        from sportello.identity.audit import record
        from sportello.services import SYSTEM, atomic

        async with atomic():
            await record(SYSTEM, "thingA", object_type="Thing", object_id=1, site_id=101)
            await record(SYSTEM, "thingB", object_type="Thing", object_id=2, site_id=202)
        token = await h.token(roles=["auditor"], sites=[101])
        data = await h.ok(
            "{ auditEntries(first: 100) { edges { node { operation } } } }", token=token
        )
        ops = {e["node"]["operation"] for e in data["auditEntries"]["edges"]}
        assert "thingA" in ops and "thingB" not in ops
