"""GDPR export and erasure need access to every site: a site-bound actor is refused."""

from __future__ import annotations

from sportello.identity.models import AuditEntry
from sportello.parties.models import Party

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
EXPORT = "query($id: ID!) { partyDataExport(id: $id) }"
ERASE = (
    "mutation($i: PartyEraseInput!) { partyErase(input: $i) "
    "{ reports { plugin } errors { code field message } } }"
)
PRIVACY = ["privacy.export", "privacy.erase", "parties.view"]


async def test_site_bound_actors_cannot_export_or_erase(sportello_app) -> None:
    async with sportello_app(roles={"dpo": PRIVACY}) as h:
        from sportello.graphql.ids import decode_id

        a = (await h.ok(SITE, {"i": {"code": "A", "name": "Alpha"}}))["siteCreate"]["site"]["id"]
        await h.ok(SITE, {"i": {"code": "B", "name": "Beta"}})
        created = await h.ok(
            'mutation { partyCreate(input: {displayName: "Gina Guest", email: "gina@example.org"})'
            " { party { id } } }"
        )
        party = created["partyCreate"]["party"]["id"]
        bound = await h.token(roles=["dpo"], sites=[decode_id(a, "Site", "a")])
        everywhere = await h.token(roles=["dpo"])

        refused = await h.gql(EXPORT, {"id": party}, token=bound)
        assert refused["data"] == {"partyDataExport": None}
        assert refused["errors"][0]["extensions"] == {"code": "FORBIDDEN", "field": "id"}
        assert "every site" in refused["errors"][0]["message"]
        audited = await AuditEntry.all().count()
        erased = await h.ok(ERASE, {"i": {"id": party}}, token=bound)
        assert erased["partyErase"]["errors"][0]["code"] == "FORBIDDEN"
        assert erased["partyErase"]["reports"] == []
        assert (await Party.get(id=decode_id(party, "Party", "id"))).email == "gina@example.org"
        assert await AuditEntry.all().count() == audited  # nothing happened, nothing logged

        export = await h.ok(EXPORT, {"id": party}, token=everywhere)
        assert export["partyDataExport"]["offices"]["parties"]["party"]["email"] == (
            "gina@example.org"
        )
        done = await h.ok(ERASE, {"i": {"id": party}}, token=everywhere)
        assert done["partyErase"]["errors"] == []
