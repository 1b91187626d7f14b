"""Identity: an account bound to an existing person acts as that person, so opening one needs a
right over the person; creating sites is a right over every site."""

from __future__ import annotations

from sportello.graphql.ids import decode_id, encode_id

SITE = (
    "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code field } } }"
)
USER_CREATE = """
mutation($i: UserCreateInput!) {
  userCreate(input: $i) { user { id email partyId } errors { code field message } }
}
"""
PARTY = (
    "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }"
)
ERASE = """
mutation($i: PartyEraseInput!) { partyErase(input: $i) { reports { plugin } errors { code } } }
"""
ME = "{ me { id partyId } }"
USER_ADMIN = ["identity.users.manage", "parties.view"]
SITE_MANAGER = ["sites.manage", "parties.view"]


def _new(email: str, party_id: str, **extra: object) -> dict[str, object]:
    return {"i": {"email": email, "password": "a long password", "partyId": party_id, **extra}}


async def _counts() -> tuple[int, int]:
    from sportello.identity.models import AuditEntry, User

    return await User.all().count(), await AuditEntry.filter(operation="userCreate").count()


async def test_a_site_bound_user_admin_binds_only_people_known_at_its_sites(sportello_app) -> None:
    async with sportello_app(roles={"user_admin": USER_ADMIN}) as h:
        site = (await h.ok(SITE, {"i": {"code": "A", "name": "Alpha"}}))["siteCreate"]["site"]
        admin = await h.token(roles=["user_admin"], sites=[decode_id(site["id"], "Site", "s")])
        own = (await h.ok(ME, token=admin))["me"]["partyId"]
        stranger = (await h.ok(PARTY, {"i": {"displayName": "Anna Verdi"}}))["partyCreate"]
        other = (await h.ok(SITE, {"i": {"code": "B", "name": "Beta"}}))["siteCreate"]["site"]
        elsewhere = await h.ok(PARTY, {"i": {"displayName": "Bruno Blu", "siteIds": [other["id"]]}})
        known = await h.ok(PARTY, {"i": {"displayName": "Carla Gialli", "siteIds": [site["id"]]}})
        before = await _counts()
        cases = {
            # The admin's own person: a second login would be the admin without its limits.
            own: ("FORBIDDEN", "partyId"),
            # Someone not known at the admin's sites: reported as missing.
            stranger["party"]["id"]: ("NOT_FOUND", "partyId"),
            elsewhere["partyCreate"]["party"]["id"]: ("NOT_FOUND", "partyId"),
            # Nobody at all: NOT_FOUND, not a masked error.
            encode_id("Party", 987654): ("NOT_FOUND", "partyId"),
        }
        for party_id, (code, field) in cases.items():
            data = await h.ok(
                USER_CREATE, _new("twin@example.org", party_id, siteIds=[site["id"]]), token=admin
            )
            payload = data["userCreate"]
            assert payload["user"] is None, (party_id, payload)
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
            assert payload["errors"][0]["message"]
        assert await _counts() == before  # nothing written, nothing audited
        # A person known at the admin's site: the admin has a right over them.
        bound = await h.ok(
            USER_CREATE,
            _new("carla@example.org", known["partyCreate"]["party"]["id"], siteIds=[site["id"]]),
            token=admin,
        )
        assert bound["userCreate"]["errors"] == []
        assert bound["userCreate"]["user"]["partyId"] == known["partyCreate"]["party"]["id"]
        # A new person is still fine: the account gets a party of its own.
        fresh = await h.ok(
            USER_CREATE,
            {"i": {"email": "desk@example.org", "siteIds": [site["id"]], "roles": []}},
            token=admin,
        )
        assert fresh["userCreate"]["errors"] == []
        assert fresh["userCreate"]["user"]["partyId"] not in (own, stranger["party"]["id"])


async def test_an_all_sites_user_admin_binds_people_it_has_a_right_over(sportello_app) -> None:
    async with sportello_app(roles={"user_admin": USER_ADMIN}) as h:
        admin = await h.token(roles=["user_admin"])
        own = (await h.ok(ME, token=admin))["me"]["partyId"]
        boss = (await h.ok(ME, as_="admin"))["me"]["partyId"]  # holds more than user_admin
        person = (await h.ok(PARTY, {"i": {"displayName": "Marco Neri"}}))["partyCreate"]
        person_id = person["party"]["id"]
        erased = (await h.ok(PARTY, {"i": {"displayName": "Gone Person"}}))["partyCreate"]
        erased_id = erased["party"]["id"]
        assert (await h.ok(ERASE, {"i": {"id": erased_id}}))["partyErase"]["errors"] == []
        before = await _counts()
        for party_id, code in (
            (own, "FORBIDDEN"),
            (boss, "FORBIDDEN"),  # would act as an administrator it cannot manage
            (erased_id, "NOT_FOUND"),
            (encode_id("Party", 987654), "NOT_FOUND"),
        ):
            data = await h.ok(USER_CREATE, _new("twin@example.org", party_id), token=admin)
            assert data["userCreate"]["user"] is None
            assert [(e["code"], e["field"]) for e in data["userCreate"]["errors"]] == [
                (code, "partyId")
            ], party_id
        assert await _counts() == before
        made = await h.ok(USER_CREATE, _new("marco@example.org", person_id), token=admin)
        assert made["userCreate"]["errors"] == []
        assert made["userCreate"]["user"]["partyId"] == person_id
        # A second account for a person whose first account the admin manages is fine.
        again = await h.ok(USER_CREATE, _new("marco.neri@example.org", person_id), token=admin)
        assert again["userCreate"]["errors"] == []


async def test_creating_sites_needs_every_site(sportello_app) -> None:
    from sportello.parties.models import Site

    async with sportello_app(roles={"site_manager": SITE_MANAGER}) as h:
        site = (await h.ok(SITE, {"i": {"code": "A", "name": "Alpha"}}))["siteCreate"]["site"]
        bound = await h.token(roles=["site_manager"], sites=[decode_id(site["id"], "Site", "s")])
        refused = await h.ok(SITE, {"i": {"code": "B", "name": "Beta"}}, token=bound)
        assert refused["siteCreate"]["site"] is None
        assert refused["siteCreate"]["errors"] == [{"code": "FORBIDDEN", "field": "code"}]
        assert not await Site.filter(code="B").exists()
        everywhere = await h.token(roles=["site_manager"])
        made = await h.ok(SITE, {"i": {"code": "B", "name": "Beta"}}, token=everywhere)
        assert made["siteCreate"]["errors"] == [] and made["siteCreate"]["site"]["id"]
