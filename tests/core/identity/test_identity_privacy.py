"""GDPR: one export document across offices; erasure anonymises everywhere, audited."""

from __future__ import annotations

from identity_helpers import installed_offices, table_counts
from tortoise import Tortoise

MARKERS = {
    "givenName": "Zebulon",
    "familyName": "Quixfeather",
    "displayName": "Zebulon Quixfeather",
    "email": "zq.marker@example.org",
    "phone": "+39 0555 123987",
    "taxCode": "QXFZBL80A01H501Z",
}


async def _scan(markers: set[str]) -> set[str]:
    """``table.column`` of every enabled plugin's table still holding a marker."""
    hits = set()
    for app in Tortoise.apps.values():
        for model in app.values():
            for row in await model.all().values():
                for column, value in row.items():
                    text = str(value)
                    if any(m.lower() in text.lower() for m in markers):
                        hits.add(f"{model._meta.db_table}.{column}")
    return hits


async def test_export_then_erase_leaves_no_personal_data(sportello_app) -> None:
    async with sportello_app(installed_offices()) as h:
        created = await h.ok(
            "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } } }",
            {"i": {**MARKERS, "addresses": [{"street": "Via Quixfeather 1"}]}},
        )
        party_id = created["partyCreate"]["party"]["id"]
        await h.ok(
            "mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id } errors { code } } }",
            {
                "i": {
                    "email": "zq.user@example.org",
                    "password": "a long password",
                    "partyId": party_id,
                    "roles": ["front_desk"],
                }
            },
        )
        login = await h.ok(
            'mutation { tokenCreate(input: {email: "zq.user@example.org", password: '
            '"a long password"}) { accessToken errors { code } } }',
            as_=None,
        )
        await h.ok(
            'mutation($id: ID!) { partyUpdate(input: {id: $id, phone: "+39 0555 999111"}) '
            "{ party { id } } }",
            {"id": party_id},
            token=login["tokenCreate"]["accessToken"],
        )
        markers = set(MARKERS.values()) | {
            "zq.user@example.org",
            "+39 0555 999111",
            "Via Quixfeather",
        }
        assert await _scan(markers)

        denied = await h.gql(
            "query($id: ID!) { partyDataExport(id: $id) }", {"id": party_id}, as_="front_desk"
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        export = (await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": party_id}))[
            "partyDataExport"
        ]
        offices = export["offices"]
        assert offices["parties"]["party"]["email"] == MARKERS["email"]
        assert offices["identity"]["users"][0]["email"] == "zq.user@example.org"

        counts_before = await table_counts()
        erased = await h.ok(
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) "
            "{ reports { plugin erased retained } errors { code } } }",
            {"i": {"id": party_id}},
            as_="admin",
        )
        reports = erased["partyErase"]["reports"]
        # Anonymised in place: no row deleted anywhere, so every ledger still adds up.
        counts_after = await table_counts()
        changed = {t for t in counts_after if counts_after[t] != counts_before[t]}
        assert changed <= {"identity_audit_entry"}, changed
        assert {"parties", "identity"} <= {r["plugin"] for r in reports}
        retained = {column for r in reports for column in (r["retained"] or {})}
        leftover = await _scan(markers) - retained
        assert leftover == set(), leftover

        audit = await h.ok(
            'query($id: ID!) { auditEntries(object: $id, operation: "partyErase") '
            "{ edges { node { operation } } } }",
            {"id": party_id},
            as_="auditor",
        )
        assert audit["auditEntries"]["edges"]
        # The erased person can no longer log in.
        again = await h.ok(
            'mutation { tokenCreate(input: {email: "zq.user@example.org", password: '
            '"a long password"}) { errors { code } } }',
            as_=None,
        )
        assert again["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
