"""Managing users never goes upward: no demoting, deactivating or logging out someone with more
power than you, and no granting more than you hold."""

from __future__ import annotations

from sportello.identity import services, tokens
from sportello.identity.models import Token, User
from sportello.services import SYSTEM

USER_MANAGER = ["identity.users.manage"]
UPDATE = """
mutation($i: UserUpdateInput!) { userUpdate(input: $i) { user { id isActive roles } errors { code field } } }
"""
REVOKE_ALL = """
mutation($id: ID!) { tokenRevokeAll(input: {userId: $id}) { revoked errors { code field } } }
"""
API_TOKEN = """
mutation($id: ID!) { apiTokenCreate(input: {serviceAccountId: $id, name: "t", scopes: []})
  { secret apiToken { id } errors { code field } } }
"""
API_REVOKE = "mutation($id: ID!) { apiTokenRevoke(input: {id: $id}) { errors { code field } } }"
NODE = "query($id: ID!) { node(id: $id) { ... on User { id email } } }"


def gid(user: User) -> str:
    from sportello.graphql.ids import encode_id

    return encode_id("User", user.id)


async def _session(user: User) -> str:
    raw, _ = await tokens.issue(user, "access", None)
    return raw


async def test_a_user_manager_cannot_touch_a_superuser_or_a_stronger_user(sportello_app) -> None:
    async with sportello_app(roles={"user_manager": USER_MANAGER}) as h:
        root = await services.create_user(
            SYSTEM,
            "root@example.org",
            "root password 1",
            roles=["admin"],
            is_superuser=True,
            all_sites=True,
        )
        desk = await services.create_user(
            SYSTEM, "desk@example.org", "desk password 1", roles=["front_desk"], all_sites=True
        )
        plain = await services.create_user(SYSTEM, "plain@example.org", None, all_sites=True)
        root_token = await _session(root)
        manager = await h.token(roles=["user_manager"])
        admin = await h.token(roles=["admin"])  # every permission, but not a superuser

        for who in (manager, admin):
            for change in ({"isActive": False}, {"roles": []}):
                res = await h.ok(UPDATE, {"i": {"id": gid(root), **change}}, token=who)
                assert res["userUpdate"]["errors"][0]["code"] == "NOT_FOUND", (who, change)
            res = await h.ok(REVOKE_ALL, {"id": gid(root)}, token=who)
            assert res["tokenRevokeAll"]["errors"][0]["code"] == "NOT_FOUND"
            hidden = await h.gql(NODE, {"id": gid(root)}, token=who)
            assert not (hidden.get("data") or {}).get("node")
            listed = await h.ok("{ users(first: 100) { edges { node { email } } } }", token=who)
            assert "root@example.org" not in str(listed)
        root_user = await User.get(id=root.id)
        assert root_user.is_active and root_user.roles == ["admin"]
        me = await h.ok("{ me { email } }", token=root_token)
        assert me["me"]["email"] == "root@example.org"

        # front_desk holds parties.* which the user manager lacks: out of reach too.
        res = await h.ok(UPDATE, {"i": {"id": gid(desk), "isActive": False}}, token=manager)
        assert res["userUpdate"]["errors"][0]["code"] == "NOT_FOUND"
        res = await h.ok(REVOKE_ALL, {"id": gid(desk)}, token=manager)
        assert res["tokenRevokeAll"]["errors"][0]["code"] == "NOT_FOUND"
        assert (await User.get(id=desk.id)).is_active
        # ...but the admin role (holding every permission) manages it.
        res = await h.ok(UPDATE, {"i": {"id": gid(desk), "isActive": False}}, token=admin)
        assert res["userUpdate"]["errors"] == []

        # A user with no more permissions than the manager: managed, but never lifted above.
        res = await h.ok(UPDATE, {"i": {"id": gid(plain), "roles": ["front_desk"]}}, token=manager)
        assert res["userUpdate"]["errors"][0]["code"] == "FORBIDDEN"
        res = await h.ok(UPDATE, {"i": {"id": gid(plain), "isActive": False}}, token=manager)
        assert res["userUpdate"]["errors"] == [] and res["userUpdate"]["user"]["isActive"] is False

        # The superuser manages everyone.
        res = await h.ok(UPDATE, {"i": {"id": gid(desk), "isActive": True}}, token=root_token)
        assert res["userUpdate"]["errors"] == []


async def test_api_tokens_of_stronger_service_accounts_are_out_of_reach(sportello_app) -> None:
    async with sportello_app(roles={"user_manager": USER_MANAGER}) as h:
        created = await h.ok(
            'mutation { serviceAccountCreate(input: {name: "Sync", roles: ["manager"], '
            "allSites: true}) { serviceAccount { id } } }"
        )
        strong = created["serviceAccountCreate"]["serviceAccount"]["id"]
        token = await h.ok(API_TOKEN, {"id": strong})
        token_id = token["apiTokenCreate"]["apiToken"]["id"]
        manager = await h.token(roles=["user_manager"])
        refused = await h.ok(API_TOKEN, {"id": strong}, token=manager)
        assert refused["apiTokenCreate"]["errors"][0]["code"] == "NOT_FOUND"
        refused = await h.ok(API_REVOKE, {"id": token_id}, token=manager)
        assert refused["apiTokenRevoke"]["errors"][0]["code"] == "NOT_FOUND"
        assert await Token.filter(kind="api", revoked_at=None).count() == 1
        # A service account within the manager's own permissions is theirs to manage.
        own = await h.ok(
            'mutation { serviceAccountCreate(input: {name: "Mine", roles: [], allSites: true}) '
            "{ serviceAccount { id } errors { code } } }",
            token=manager,
        )
        mine = own["serviceAccountCreate"]["serviceAccount"]["id"]
        made = await h.ok(API_TOKEN, {"id": mine}, token=manager)
        assert made["apiTokenCreate"]["errors"] == [] and made["apiTokenCreate"]["secret"]
        revoked = await h.ok(
            API_REVOKE, {"id": made["apiTokenCreate"]["apiToken"]["id"]}, token=manager
        )
        assert revoked["apiTokenRevoke"]["errors"] == []


async def test_user_create_reports_every_problem_with_its_parameters(sportello_app) -> None:
    async with sportello_app() as h:
        res = await h.ok(
            'mutation { userCreate(input: {email: "bad", password: "short"}) '
            "{ user { id } errors { field code message } } }"
        )
        errors = {e["field"]: e for e in res["userCreate"]["errors"]}
        assert errors["password"]["code"] == "INVALID"
        assert "10" in errors["password"]["message"]
        assert errors["email"]["code"] == "INVALID"
