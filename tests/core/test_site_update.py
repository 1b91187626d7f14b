"""siteUpdate: a site's name, kind, address, time zone and organisation change; its code does not."""

from __future__ import annotations

from typing import Any

from strawberry.relay import from_base64

CREATE = """
mutation($i: SiteCreateInput!) {
  siteCreate(input: $i) { site { id code timezone } errors { field code message } }
}
"""
UPDATE = """
mutation($i: SiteUpdateInput!) {
  siteUpdate(input: $i) {
    site { id code name kind address timezone organisation { displayName } }
    errors { field code message }
  }
}
"""
ORG = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""


async def site(h: Any, code: str, **kw: Any) -> dict[str, Any]:
    data = await h.ok(CREATE, {"i": {"code": code, "name": code.title(), **kw}})
    assert data["siteCreate"]["errors"] == [], data
    return data["siteCreate"]["site"]


async def test_site_update_changes_what_it_is_given_and_audits_it(sportello_app) -> None:
    async with sportello_app() as h:
        s = await site(h, "BRANCH", timezone="Europe/Rome")
        org = (await h.ok(ORG, {"i": {"kind": "ORGANISATION", "displayName": "Comune di Lecce"}}))[
            "partyCreate"
        ]["party"]
        data = await h.ok(
            UPDATE,
            {"i": {"id": s["id"], "name": " Sede di Lecce ", "timezone": "Europe/Athens",
                   "organisationId": org["id"]}},
            as_="manager",
        )  # fmt: skip
        payload = data["siteUpdate"]
        assert payload["errors"] == []
        updated = payload["site"]
        assert (updated["code"], updated["name"], updated["timezone"]) == (
            "BRANCH", "Sede di Lecce", "Europe/Athens",
        )  # fmt: skip
        assert updated["kind"] == "office" and updated["organisation"]["displayName"] == (
            "Comune di Lecce"
        )
        from sportello.identity.models import AuditEntry

        [entry] = await AuditEntry.filter(operation="siteUpdate")
        before, after = entry.changes["before"], entry.changes["after"]
        assert before == {
            "name": "Branch",
            "timezone": "Europe/Rome",
            "organisation_id": None,
        }
        assert after == {
            "name": "Sede di Lecce",
            "timezone": "Europe/Athens",
            "organisation_id": int(from_base64(org["id"])[1]),
        }
        assert entry.site_id == int(from_base64(s["id"])[1])
        # Nothing to change: nothing written, nothing audited.
        await h.ok(
            UPDATE,
            {"i": {"id": s["id"], "name": "Sede di Lecce"}},
            as_="manager",
            check_audit=False,
        )
        assert await AuditEntry.filter(operation="siteUpdate").count() == 1


async def test_bad_input_is_refused_and_leaves_the_site_alone(sportello_app) -> None:
    async with sportello_app() as h:
        s = await site(h, "HALL", timezone="Europe/Madrid")
        data = await h.ok(
            UPDATE,
            {"i": {"id": s["id"], "name": "  ", "timezone": "Mars/Olympus", "kind": "k" * 33}},
            as_="manager",
        )
        errors = data["siteUpdate"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [
            ("name", "REQUIRED"),
            ("kind", "INVALID"),
            ("timezone", "INVALID"),
        ]
        assert "IANA" in errors[2]["message"]
        person = (await h.ok(ORG, {"i": {"kind": "PERSON", "displayName": "Mario Rossi"}}))[
            "partyCreate"
        ]["party"]
        data = await h.ok(UPDATE, {"i": {"id": s["id"], "organisationId": person["id"]}})
        assert data["siteUpdate"]["errors"][0]["code"] == "NOT_AN_ORGANISATION"
        from sportello.parties.models import Site

        row = await Site.get(code="HALL")
        assert (row.name, row.timezone, row.organisation_id) == ("Hall", "Europe/Madrid", None)
        # A new site with an unknown time zone is refused too.
        data = await h.ok(CREATE, {"i": {"code": "X", "name": "X", "timezone": "Europe/Nowhere"}})
        assert [e["field"] for e in data["siteCreate"]["errors"]] == ["timezone"]


async def test_only_site_managers_of_the_site_may_update_it(sportello_app) -> None:
    async with sportello_app() as h:
        home, other = await site(h, "HOME"), await site(h, "OTHER")
        clerk = await h.gql(UPDATE, {"i": {"id": home["id"], "name": "Mine"}}, as_="front_desk")
        assert clerk["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        token = await h.token(roles=["manager"], sites=[int(from_base64(home["id"])[1])])
        result = await h.gql(UPDATE, {"i": {"id": other["id"], "name": "Mine"}}, token=token)
        assert [(e["field"], e["code"]) for e in result["data"]["siteUpdate"]["errors"]] == [
            ("id", "NOT_FOUND")
        ]
        own = await h.gql(UPDATE, {"i": {"id": home["id"], "name": "Mine"}}, token=token)
        assert own["data"]["siteUpdate"]["site"]["name"] == "Mine"
