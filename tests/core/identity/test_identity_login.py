"""Login, tokens, throttling, password rehash, service accounts, roles."""

from __future__ import annotations

from argon2 import PasswordHasher

from sportello.identity import services
from sportello.identity.models import User
from sportello.identity.passwords import verify_password
from sportello.services import SYSTEM

LOGIN = """
mutation($input: TokenCreateInput!) {
  tokenCreate(input: $input) {
    accessToken refreshToken retryAfter me { email roles }
    errors { field code message }
  }
}
"""
ME = "{ me { id email roles sites kind } }"
PASSWORD = "correct horse battery"


async def _login(h, email, password, client=None):
    data = await h.ok(
        LOGIN, {"input": {"email": email, "password": password}}, as_=None, client=client
    )
    return data["tokenCreate"]


async def test_login_refresh_me_and_revoke_all(sportello_app) -> None:
    async with sportello_app() as h:
        await services.create_user(SYSTEM, "ada@example.org", PASSWORD, roles=["front_desk"])
        session = await _login(h, "ADA@example.org", PASSWORD)
        assert session["errors"] == [] and session["me"]["roles"] == ["front_desk"]
        me = (await h.ok(ME, token=session["accessToken"]))["me"]
        assert me["email"] == "ada@example.org" and me["kind"] == "user"
        refreshed = await h.ok(
            "mutation($t: String!) { tokenRefresh(input: {refreshToken: $t}) "
            "{ accessToken refreshToken errors { code } } }",
            {"t": session["refreshToken"]},
            as_=None,
        )
        assert refreshed["tokenRefresh"]["errors"] == []
        again = await h.ok(
            "mutation($t: String!) { tokenRefresh(input: {refreshToken: $t}) { errors { code } } }",
            {"t": session["refreshToken"]},
            as_=None,
        )
        assert again["tokenRefresh"]["errors"][0]["code"] == "INVALID_TOKEN"
        # Replaying a rotated refresh token ends the session it belonged to.
        replayed = await h.gql(ME, token=refreshed["tokenRefresh"]["accessToken"])
        assert replayed["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert replayed["data"] is None
        session = await _login(h, "ada@example.org", PASSWORD)
        refreshed = await h.ok(
            "mutation($t: String!) { tokenRefresh(input: {refreshToken: $t}) "
            "{ accessToken refreshToken errors { code } } }",
            {"t": session["refreshToken"]},
            as_=None,
        )
        revoked = await h.ok(
            "mutation { tokenRevokeAll { revoked errors { code } } }",
            token=refreshed["tokenRefresh"]["accessToken"],
        )
        assert revoked["tokenRevokeAll"]["revoked"] >= 3
        after = await h.gql(ME, token=session["accessToken"])
        assert after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_wrong_password_and_unknown_email_read_the_same(sportello_app) -> None:
    async with sportello_app() as h:
        await services.create_user(SYSTEM, "bob@example.org", PASSWORD)
        wrong = await _login(h, "bob@example.org", "nope-nope-nope")
        unknown = await _login(h, "nobody@example.org", "nope-nope-nope")
        assert wrong["errors"] == unknown["errors"]
        assert wrong["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_password_is_rehashed_when_parameters_change(sportello_app) -> None:
    async with sportello_app() as h:
        user = await services.create_user(SYSTEM, "old@example.org", PASSWORD)
        weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
        await User.filter(id=user.id).update(password_hash=weak)
        assert (await _login(h, "old@example.org", PASSWORD))["errors"] == []
        stored = (await User.get(id=user.id)).password_hash
        assert stored != weak and stored.startswith("$argon2id$")
        assert verify_password(stored, PASSWORD)


async def test_service_account_api_token_is_scoped_and_revocable(sportello_app) -> None:
    async with sportello_app() as h:
        created = await h.ok(
            'mutation { serviceAccountCreate(input: {name: "Booking sync", roles: ["manager"], '
            "allSites: true}) { serviceAccount { id isService } errors { code field } } }"
        )
        account = created["serviceAccountCreate"]["serviceAccount"]
        assert account["isService"]
        token = await h.ok(
            'mutation($id: ID!) { apiTokenCreate(input: {serviceAccountId: $id, name: "sync", '
            'scopes: ["parties.view"]}) { secret apiToken { id scopes } errors { code } } }',
            {"id": account["id"]},
        )
        secret = token["apiTokenCreate"]["secret"]
        assert secret.startswith("spk_")
        listed = await h.gql("{ parties { edges { node { id } } } }", token=secret)
        assert not listed.get("errors")
        denied = await h.gql(
            'mutation { partyCreate(input: {displayName: "X"}) { party { id } } }', token=secret
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        await h.ok(
            "mutation($id: ID!) { apiTokenRevoke(input: {id: $id}) { errors { code } } }",
            {"id": token["apiTokenCreate"]["apiToken"]["id"]},
        )
        gone = await h.gql("{ me { kind } }", token=secret)
        assert gone["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_custom_roles_through_the_api(sportello_app) -> None:
    async with sportello_app() as h:
        made = await h.ok(
            'mutation { roleCreate(input: {name: "cashier", permissions: ["parties.view"]}) '
            "{ role { name permissions editable } errors { code field } } }"
        )
        assert made["roleCreate"]["role"] == {
            "name": "cashier",
            "permissions": ["parties.view"],
            "editable": True,
        }
        token = await h.token(roles=["cashier"])
        assert not (await h.gql("{ parties { edges { node { id } } } }", token=token)).get("errors")
        builtin = await h.ok(
            'mutation { roleDelete(input: {name: "front_desk"}) { deleted errors { code } } }'
        )
        assert builtin["roleDelete"]["errors"][0]["code"] == "FORBIDDEN"
        await h.ok('mutation { roleDelete(input: {name: "cashier"}) { deleted } }')
        refused = await h.gql("{ parties { edges { node { id } } } }", token=token)
        assert refused["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_accounts_without_password_never_match() -> None:
    from sportello.identity.passwords import hash_password

    equaliser = "sportello-timing-equaliser"
    assert not verify_password("", equaliser)
    assert not verify_password(None, equaliser)
    assert verify_password(hash_password("x" * 12), "x" * 12)


async def test_api_token_with_no_scopes_has_no_permissions(sportello_app) -> None:
    async with sportello_app() as h:
        sa = await h.ok(
            'mutation { serviceAccountCreate(input: {name: "Empty", roles: ["manager"]}) '
            "{ serviceAccount { id } } }"
        )
        tok = await h.ok(
            'mutation($id: ID!) { apiTokenCreate(input: {serviceAccountId: $id, name: "t", '
            "scopes: []}) { secret } }",
            {"id": sa["serviceAccountCreate"]["serviceAccount"]["id"]},
        )
        me = await h.ok("{ me { kind permissions } }", token=tok["apiTokenCreate"]["secret"])
        assert me["me"] == {"kind": "service", "permissions": []}


async def test_refused_bearer_tokens_answer_401_with_the_reason(sportello_app) -> None:
    """RFC 6750: a client holding an expired token learns it must refresh; a revoked or unknown
    one that it must log in again. Nothing of the operation runs."""
    import datetime as dt

    from sportello.identity import tokens
    from sportello.identity.models import Token

    async with sportello_app() as h:
        user = await services.create_user(SYSTEM, "eve@example.org", PASSWORD, roles=["admin"])
        raw, token = await tokens.issue(user, "access", dt.timedelta(minutes=5))
        assert (await h.ok(ME, token=raw))["me"]["email"] == "eve@example.org"
        await Token.filter(id=token.id).update(expires_at=tokens.now() - dt.timedelta(seconds=1))
        tokens.forget()  # the lookup cache never outlives a token's expiry: time "passed" here
        for value, code in ((raw, "TOKEN_EXPIRED"), ("spa_not-a-token", "UNAUTHENTICATED")):
            response = await h.client.post(
                "/graphql",
                json={
                    "query": 'mutation { partyCreate(input: {displayName: "X"}) { party { id } } }'
                },
                headers={"authorization": f"Bearer {value}"},
            )
            assert response.status_code == 401
            assert response.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
            assert response.json()["errors"][0]["extensions"]["code"] == code
        from sportello.parties.models import Party

        assert not await Party.filter(display_name="X").exists()


async def test_token_lookups_are_cached_briefly_and_revocation_applies_at_once(
    sportello_app,
) -> None:
    """A bearer lookup is reused for ``auth.token_cache_seconds`` (one query less per request);
    revoking in this process drops it at once."""
    from sportello.testing import count_queries

    async with sportello_app() as h:
        await services.create_user(SYSTEM, "kim@example.org", PASSWORD, roles=["front_desk"])
        session = await _login(h, "kim@example.org", PASSWORD)
        token = session["accessToken"]
        await h.ok(ME, token=token)
        with count_queries() as statements:
            await h.ok(ME, token=token)
        assert not [q for q in statements if "identity_token" in q], statements
        await h.ok("mutation { tokenRevokeAll { revoked errors { code } } }", token=token)
        after = await h.gql(ME, token=token)
        assert after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    async with sportello_app(auth={"token_cache_seconds": 0}) as h:
        await services.create_user(SYSTEM, "lee@example.org", PASSWORD, roles=["front_desk"])
        token = (await _login(h, "lee@example.org", PASSWORD))["accessToken"]
        await h.ok(ME, token=token)
        with count_queries() as statements:
            await h.ok(ME, token=token)
        assert [q for q in statements if "identity_token" in q], statements
