"""Parties and sites: a party is visible at a site when a record of that site links it (or to a
caller with every site); audit entries are visible at the sites of what they touch.

Through the GraphQL API, on SQLite and PostgreSQL (``sportello_app``).
"""

from __future__ import annotations

from typing import Any

from sportello.testing import count_queries

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
CREATE = """
mutation($i: PartyCreateInput!) {
  partyCreate(input: $i) { party { id displayName } errors { field code } }
}
"""
UPDATE = """
mutation($i: PartyUpdateInput!) {
  partyUpdate(input: $i) { party { id emails { value } } errors { field code } }
}
"""
CONSENT = """
mutation($i: PartyConsentSetInput!) {
  partyConsentSet(input: $i) { party { id } errors { field code } }
}
"""
NODE = "query($id: ID!) { node(id: $id) { ... on Party { id displayName email taxCode } } }"
SEARCH = """
query($s: String) { parties(first: 50, search: $s) {
  totalCount edges { node { displayName } } } }
"""
AUDIT = """
query { auditEntries(first: 100) { edges { node { operation objectType objectId changes } } } }
"""


async def _pk(gid: str) -> int:
    from sportello.graphql.ids import decode_id

    return decode_id(gid, "Site", "id")


async def _sites(h: Any, *codes: str) -> list[tuple[str, int]]:
    out = []
    for code in codes:
        data = await h.ok(SITE, {"i": {"code": code, "name": f"Hotel {code}"}})
        gid = data["siteCreate"]["site"]["id"]
        out.append((gid, await _pk(gid)))
    return out


async def _party(h: Any, site_ids: list[str], **values: Any) -> str:
    data = await h.ok(CREATE, {"i": {"siteIds": site_ids, **values}})
    assert data["partyCreate"]["errors"] == []
    gid: str = data["partyCreate"]["party"]["id"]
    return gid


async def _names(h: Any, token: str, search: str | None = None) -> list[str]:
    data = await h.ok(SEARCH, {"s": search}, token=token)
    names = [e["node"]["displayName"] for e in data["parties"]["edges"]]
    assert data["parties"]["totalCount"] == len(names)
    return names


async def _emails(h: Any, gid: str) -> list[str]:
    data = await h.ok(
        "query($id: ID!) { node(id: $id) { ... on Party { emails { value } } } }", {"id": gid}
    )
    return [e["value"] for e in data["node"]["emails"]]


async def test_a_site_bound_desk_sees_and_edits_only_the_parties_of_its_site(
    sportello_app,
) -> None:
    async with sportello_app() as h:
        (a, a_pk), (b, b_pk) = await _sites(h, "RIMINI", "RICCIONE")
        alice = await _party(
            h,
            [a],
            displayName="Alice Rossi",
            email="alice@guest.example",
            taxCode="RSSLCA80A41H294X",
        )
        bob = await _party(
            h,
            [b],
            displayName="Bob Bianchi",
            email="bob@guest.example",
            taxCode="BNCBBO75C12H294Y",
            phone="+39 333 123 4567",
        )
        both = await _party(h, [a, b], displayName="Carla Verdi")
        desk_a = await h.token(roles=["front_desk"], sites=[a_pk])
        desk_b = await h.token(roles=["front_desk"], sites=[b_pk])

        # Lists and search: the other hotel's guest is found by no name, code, email or phone.
        assert await _names(h, desk_a) == ["Alice Rossi", "Carla Verdi"]
        assert await _names(h, desk_b) == ["Bob Bianchi", "Carla Verdi"]
        for term in ("Bob", "BNCBBO75C12H294Y", "bob@guest", "333 123 4567", "Bianchi"):
            assert await _names(h, desk_a, term) == [], term
            assert await _names(h, desk_b, term) == ["Bob Bianchi"], term
        # An all-sites caller sees everyone.
        everyone = await _names(h, await h.token(roles=["front_desk"]))
        assert {"Alice Rossi", "Bob Bianchi", "Carla Verdi"} <= set(everyone)

        # node(id:): null for the other site's guest, the party for one's own.
        assert (await h.ok(NODE, {"id": bob}, token=desk_a))["node"] is None
        own = (await h.ok(NODE, {"id": alice}, token=desk_a))["node"]
        assert own["taxCode"] == "RSSLCA80A41H294X"

        # Mutations: the other site's guest is NOT_FOUND and nothing is written.
        refused = await h.ok(
            UPDATE, {"i": {"id": bob, "emails": [{"value": "thief@evil.example"}]}}, token=desk_a
        )
        assert refused["partyUpdate"] == {
            "party": None,
            "errors": [{"field": "id", "code": "NOT_FOUND"}],
        }
        refused = await h.ok(
            UPDATE, {"i": {"id": bob, "email": "thief@evil.example"}}, token=desk_a
        )
        assert refused["partyUpdate"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        refused = await h.ok(
            CONSENT,
            {"i": {"partyId": bob, "purpose": "marketing", "granted": True}},
            token=desk_a,
        )
        assert refused["partyConsentSet"]["errors"] == [{"field": "partyId", "code": "NOT_FOUND"}]
        assert await _emails(h, bob) == ["bob@guest.example"]
        consents = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Party { consentHistory { purpose } } } }",
            {"id": bob},
        )
        assert consents["node"]["consentHistory"] == []

        # The desk edits its own guests, and a guest known at both hotels from either.
        done = await h.ok(
            UPDATE, {"i": {"id": alice, "emails": [{"value": "alice@new.example"}]}}, token=desk_a
        )
        assert done["partyUpdate"]["errors"] == []
        done = await h.ok(UPDATE, {"i": {"id": both, "email": "carla@x.example"}}, token=desk_b)
        assert done["partyUpdate"]["errors"] == []

        # A party registered by a site-bound desk is known at its site only.
        made = await h.ok(CREATE, {"i": {"displayName": "Dario Neri"}}, token=desk_a)
        assert made["partyCreate"]["errors"] == []
        assert "Dario Neri" in await _names(h, desk_a)
        assert "Dario Neri" not in await _names(h, desk_b)
        # ... and it cannot place one at a site that is not its own.
        refused = await h.ok(
            CREATE, {"i": {"displayName": "Eva Blu", "siteIds": [b]}}, token=desk_a
        )
        assert refused["partyCreate"] == {
            "party": None,
            "errors": [{"field": "siteIds", "code": "NOT_FOUND"}],
        }
        assert "Eva Blu" not in await _names(h, await h.token(roles=["front_desk"]))
        # An unknown site is NOT_FOUND for anyone, not a database error.
        from sportello.graphql.ids import encode_id

        refused = await h.ok(
            CREATE, {"i": {"displayName": "Eva Blu", "siteIds": [encode_id("Site", 9999)]}}
        )
        assert refused["partyCreate"]["errors"] == [{"field": "siteIds", "code": "NOT_FOUND"}]


async def test_site_bound_auditors_read_only_entries_of_their_sites(sportello_app) -> None:
    async with sportello_app() as h:
        (a, a_pk), (b, b_pk) = await _sites(h, "RIMINI", "RICCIONE")
        alice = await _party(h, [a], displayName="Alice Rossi")
        bob = await _party(h, [b], displayName="Bob Bianchi", email="bob@guest.example")
        both = await _party(h, [a, b], displayName="Carla Verdi")
        for gid, email in ((alice, "a@x.example"), (bob, "b@x.example"), (both, "c@x.example")):
            await h.ok(UPDATE, {"i": {"id": gid, "email": email}})
        # Site-less entries: a login (with its IP address) and a new user.
        login = """mutation($i: TokenCreateInput!) {
            tokenCreate(input: $i) { accessToken errors { code } } }"""
        await h.ok(
            """mutation($i: UserCreateInput!) { userCreate(input: $i) { errors { code } } }""",
            {
                "i": {
                    "email": "someone@example.org",
                    "password": "a long password 123",
                    "roles": ["front_desk"],
                    "allSites": True,
                }
            },
        )
        done = await h.ok(
            login,
            {"i": {"email": "someone@example.org", "password": "a long password 123"}},
            as_=None,
        )
        assert done["tokenCreate"]["errors"] == []

        def seen(data: dict[str, Any]) -> list[tuple[str, str]]:
            return [
                (e["node"]["operation"], e["node"]["objectId"])
                for e in data["auditEntries"]["edges"]
            ]

        ids = {
            gid: str((await h.ok(NODE, {"id": gid}))["node"]["id"]) for gid in (alice, bob, both)
        }
        from strawberry import relay

        pk = {gid: relay.GlobalID.from_id(ids[gid]).node_id for gid in ids}
        everything = seen(await h.ok(AUDIT))
        ops = {op for op, _ in everything}
        assert {"tokenCreate", "userCreate", "siteCreate", "partyUpdate"} <= ops

        for role in ("manager", "auditor"):
            manager_a = await h.token(roles=[role], sites=[a_pk])
            mine = seen(await h.ok(AUDIT, token=manager_a))
            # Only changes of parties known at site A (created and updated), and its site.
            assert sorted(mine) == sorted(
                [
                    ("partyUpdate", pk[both]),
                    ("partyUpdate", pk[alice]),
                    ("partyCreate", pk[both]),
                    ("partyCreate", pk[alice]),
                    ("siteCreate", str(a_pk)),
                ]
            ), mine
            raw = await h.ok(AUDIT, token=manager_a)
            assert "bob@guest.example" not in str(raw)
            manager_b = await h.token(roles=[role], sites=[b_pk])
            theirs = seen(await h.ok(AUDIT, token=manager_b))
            assert ("partyUpdate", pk[bob]) in theirs and ("partyUpdate", pk[both]) in theirs
            assert ("partyUpdate", pk[alice]) not in theirs
            assert not {op for op, _ in theirs} & {"tokenCreate", "userCreate"}
        # Filtering by object keeps the scope: site A's manager asks for Bob's entries.
        by_object = """query($o: ID!) { auditEntries(first: 50, object: $o) {
            edges { node { operation } } } }"""
        manager_a = await h.token(roles=["manager"], sites=[a_pk])
        assert (await h.ok(by_object, {"o": bob}, token=manager_a))["auditEntries"]["edges"] == []
        assert (await h.ok(by_object, {"o": bob}))["auditEntries"]["edges"] != []


PAGE = """
query($n: Int!, $s: String) { parties(first: $n, search: $s) { totalCount edges { node {
  id displayName emails { value } addresses { city } consents { purpose } sites { code }
} } } }
"""


async def test_site_scoped_party_page_query_count_is_constant(sportello_app) -> None:
    from sportello.parties import services
    from sportello.services import SYSTEM

    async with sportello_app(auth={"token_cache_seconds": 60}) as h:
        (a, a_pk), (b, b_pk) = await _sites(h, "RIMINI", "RICCIONE")
        for i in range(60):
            await services.create_party(
                SYSTEM,
                site_ids=[a_pk if i % 3 else b_pk],
                display_name=f"Guest {i:03}",
                emails=[{"value": f"g{i}@a.example"}],
                addresses=[{"line1": f"Via {i}", "city": "Rimini", "country": "IT"}],
            )
        desk_a = await h.token(roles=["front_desk"], sites=[a_pk])
        counts = []
        for size in (1, 50):
            with count_queries() as statements:
                data = await h.ok(PAGE, {"n": size, "s": "guest"}, token=desk_a)
            assert len(data["parties"]["edges"]) == min(size, 40)
            assert data["parties"]["totalCount"] == 40
            # The token look-up and the events dispatcher running beside are not the list's.
            counts.append(len([s for s in statements if not ("identity_" in s or "events_" in s)]))
        # page + contact points + addresses + consents + sites + count
        assert counts[0] == counts[1] == 6, counts
