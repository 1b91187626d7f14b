"""The party registry: typed contact points, addresses, names, consents, sites, search.

Everything through the GraphQL API, on SQLite and PostgreSQL (``sportello_app``).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from sportello.testing import count_queries

FIELDS = """
  id kind displayName givenName familyName legalName email phone taxCode
  emails { kind value primary } phones { kind value primary }
  addresses { kind line1 line2 postcode city region country primary }
  consents { purpose granted source at } consentHistory { purpose granted source }
"""
CREATE = (
    "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { "
    + FIELDS
    + " } errors { field code message } } }"
)
UPDATE = (
    "mutation($i: PartyUpdateInput!) { partyUpdate(input: $i) { party { "
    + FIELDS
    + " } errors { field code message } } }"
)
NODE = "query($id: ID!) { node(id: $id) { ... on Party { " + FIELDS + " } } }"
CONSENT = """
mutation($i: PartyConsentSetInput!) {
  partyConsentSet(input: $i) {
    party { consents { purpose granted source } consentHistory { purpose granted source } }
    consent { purpose granted source at }
    errors { field code message }
  }
}
"""
SITE = """
mutation($i: SiteCreateInput!) {
  siteCreate(input: $i) {
    site { id code organisation { id displayName legalName emails { value } } }
    errors { field code message }
  }
}
"""
SEARCH = "query($q: String) { parties(search: $q, first: 50) { edges { node { displayName } } } }"


async def create(h: Any, **fields: Any) -> dict[str, Any]:
    data = await h.ok(CREATE, {"i": fields})
    assert data["partyCreate"]["errors"] == [], data
    return data["partyCreate"]["party"]


async def errors_of(h: Any, query: str, fields: dict[str, Any]) -> list[dict[str, Any]]:
    data = await h.ok(query, {"i": fields})
    (payload,) = data.values()
    assert payload.get("party") is None or payload["errors"] == [], payload
    return payload["errors"]


def codes(errors: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(e["field"], e["code"]) for e in errors}


def values(items: list[dict[str, Any]]) -> list[tuple[str, str, bool]]:
    return [(i["kind"], i["value"], i["primary"]) for i in items]


def data_queries(statements: list[str]) -> list[str]:
    """Leave out the caller's token look-up (identity tables)."""
    return [s for s in statements if "identity_" not in s]


async def party_count() -> int:
    from sportello.parties.models import ContactPoint, Party

    return await Party.all().count() + await ContactPoint.all().count()


# --- contact points ----------------------------------------------------------------------


async def test_create_with_lists_normalises_and_reads_back(sportello_app) -> None:
    async with sportello_app() as h:
        party = await create(
            h,
            givenName="Giulia",
            familyName="Bianchi",
            emails=[
                {"kind": "WORK", "value": " Giulia.Bianchi@Studio.example "},
                {"kind": "HOME", "value": "giulia@home.example", "primary": True},
            ],
            phones=[
                {"kind": "MOBILE", "value": "+39 333 123 4567", "primary": True},
                {"kind": "WORK", "value": "0039 (051) 22.33.44"},
                {"kind": "HOME", "value": "+44 (0)20 7946 0958"},
            ],
            addresses=[
                {
                    "kind": "HOME",
                    "line1": "Via dell'Indipendenza 8",
                    "postcode": "40121",
                    "city": "Bologna",
                    "region": "BO",
                    "country": "it",
                },
                {"kind": "BILLING", "line1": "Piazza Maggiore 1", "country": "IT", "primary": True},
            ],
            taxCode=" bnc gli 85m41 a944x ",
        )
        assert party["displayName"] == "Giulia Bianchi"
        assert party["legalName"] is None
        assert values(party["emails"]) == [
            ("WORK", "giulia.bianchi@studio.example", False),
            ("HOME", "giulia@home.example", True),
        ]
        assert values(party["phones"]) == [
            ("MOBILE", "+393331234567", True),
            ("WORK", "+39051223344", False),
            ("HOME", "+442079460958", False),
        ]
        # The scalar fields older clients read are the primary ones.
        assert party["email"] == "giulia@home.example"
        assert party["phone"] == "+393331234567"
        assert party["taxCode"] == "BNCGLI85M41A944X"
        assert party["addresses"] == [
            {
                "kind": "HOME",
                "line1": "Via dell'Indipendenza 8",
                "line2": "",
                "postcode": "40121",
                "city": "Bologna",
                "region": "BO",
                "country": "IT",
                "primary": False,
            },
            {
                "kind": "BILLING",
                "line1": "Piazza Maggiore 1",
                "line2": "",
                "postcode": "",
                "city": "",
                "region": "",
                "country": "IT",
                "primary": True,
            },
        ]
        node = (await h.ok(NODE, {"id": party["id"]}))["node"]
        assert node == party


async def test_national_phone_numbers_use_the_party_country(sportello_app) -> None:
    async with sportello_app() as h:
        party = await create(
            h,
            displayName="Nikos Papadopoulos",
            phones=[{"value": "210 123 4567"}],
            addresses=[{"line1": "Odos Ermou 10", "city": "Athina", "country": "GR"}],
        )
        assert values(party["phones"]) == [("OTHER", "+302101234567", True)]
        # Without a known country a national number cannot be made international: refused.
        errors = await errors_of(
            h, CREATE, {"displayName": "No Country", "phones": [{"value": "333 1234567"}]}
        )
        assert errors == [
            {
                "field": "phones.0.value",
                "code": "INVALID",
                "message": "Enter a valid phone number with its country code, e.g. +39 06 1234 5678.",
            }
        ]


async def test_scalar_email_and_phone_still_set_the_primary(sportello_app) -> None:
    async with sportello_app() as h:
        party = await create(
            h, displayName="Old Client", email="OLD@Example.org", phone="+39 06 1234567"
        )
        assert values(party["emails"]) == [("OTHER", "old@example.org", True)]
        assert values(party["phones"]) == [("OTHER", "+39061234567", True)]
        pid = party["id"]
        # A second email through the list, then the older scalar API replaces the primary.
        data = await h.ok(
            UPDATE,
            {
                "i": {
                    "id": pid,
                    "emails": [
                        {"kind": "WORK", "value": "old@example.org", "primary": True},
                        {"kind": "HOME", "value": "second@example.org"},
                    ],
                }
            },
        )
        assert data["partyUpdate"]["errors"] == []
        data = await h.ok(UPDATE, {"i": {"id": pid, "email": "New@Example.org"}})
        party = data["partyUpdate"]["party"]
        assert party["email"] == "new@example.org"
        assert values(party["emails"]) == [
            ("WORK", "new@example.org", True),
            ("HOME", "second@example.org", False),
        ]
        # Audited with the scalar and the whole list, before and after.
        audit = await h.ok(
            'query($id: ID!) { auditEntries(object: $id, operation: "partyUpdate", first: 1) '
            "{ edges { node { changes } } } }",
            {"id": pid},
            as_="auditor",
        )
        changes = audit["auditEntries"]["edges"][0]["node"]["changes"]
        assert changes["before"]["email"] == "old@example.org"
        assert changes["after"]["email"] == "new@example.org"
        assert [e["value"] for e in changes["before"]["emails"]] == [
            "old@example.org",
            "second@example.org",
        ]
        assert [e["value"] for e in changes["after"]["emails"]] == [
            "new@example.org",
            "second@example.org",
        ]
        # Setting the primary to a value already listed moves it, never duplicates it.
        data = await h.ok(UPDATE, {"i": {"id": pid, "email": "second@example.org"}})
        party = data["partyUpdate"]["party"]
        assert values(party["emails"]) == [("WORK", "second@example.org", True)]
        # "" removes the primary; the next one (if any) becomes primary.
        data = await h.ok(UPDATE, {"i": {"id": pid, "email": "", "phone": ""}})
        party = data["partyUpdate"]["party"]
        assert party["emails"] == [] and party["email"] is None
        assert party["phones"] == [] and party["phone"] is None
        # Both the scalar and the list at once: refused, nothing changed.
        errors = await errors_of(
            h, UPDATE, {"id": pid, "email": "a@example.org", "emails": [{"value": "b@example.org"}]}
        )
        assert codes(errors) == {("email", "INVALID")}
        assert errors[0]["message"] == "Give either this field or emails, not both."
        node = (await h.ok(NODE, {"id": pid}))["node"]
        assert node["emails"] == []


async def test_validation_errors_name_the_item(sportello_app) -> None:
    async with sportello_app() as h:
        await h.token()  # the admin's own party exists before counting
        before = await party_count()
        errors = await errors_of(
            h,
            CREATE,
            {
                "displayName": "Bad Data",
                "emails": [
                    {"value": "ok@example.org", "primary": True},
                    {"value": "not-an-email"},
                    {"value": "OK@example.org"},
                    {"value": "other@example.org", "primary": True},
                    {"value": "  "},
                ],
                "phones": [{"value": "+39 333 12ab"}, {"value": "+0 123"}],
                "addresses": [
                    {"line1": "", "country": "XX"},
                    {"line1": "Via Roma 1", "postcode": "??", "kind": "WORK"},
                ],
                "taxCode": "??",
            },
        )
        assert codes(errors) == {
            ("emails.1.value", "INVALID"),
            ("emails.2.value", "DUPLICATE"),
            ("emails.3.primary", "MULTIPLE_PRIMARY"),
            ("emails.4.value", "REQUIRED"),
            ("phones.0.value", "INVALID"),
            ("phones.1.value", "INVALID"),
            ("addresses.0.line1", "REQUIRED"),
            ("addresses.0.country", "INVALID"),
            ("addresses.1.postcode", "INVALID"),
            ("taxCode", "INVALID"),
        }
        messages = {e["field"]: e["message"] for e in errors}
        assert messages["emails.1.value"] == "Enter a valid email address."
        assert messages["emails.3.primary"] == "Only one item of the list can be the primary one."
        assert messages["addresses.0.country"] == "Enter a two-letter ISO country code, e.g. IT."
        assert await party_count() == before  # nothing written
        # Messages follow the caller's language.
        it = await h.gql(
            CREATE,
            {"i": {"displayName": "X", "emails": [{"value": "nope"}]}},
            headers={"accept-language": "it"},
        )
        assert it["data"]["partyCreate"]["errors"][0]["message"] == (
            "Inserisci un indirizzo email valido."
        )


async def test_primary_rules_and_lists_replace(sportello_app) -> None:
    async with sportello_app() as h:
        party = await create(
            h,
            displayName="Primary Rules",
            emails=[{"value": "a@example.org"}, {"value": "b@example.org"}],
            addresses=[{"line1": "Via A 1"}, {"line1": "Via B 2"}],
        )
        # None marked: the first is primary.
        assert [e["primary"] for e in party["emails"]] == [True, False]
        assert [a["primary"] for a in party["addresses"]] == [True, False]
        assert party["email"] == "a@example.org"
        data = await h.ok(
            UPDATE,
            {
                "i": {
                    "id": party["id"],
                    "emails": [
                        {"value": "c@example.org"},
                        {"value": "b@example.org", "primary": True},
                    ],
                    "addresses": [{"line1": "Via C 3", "primary": True}],
                }
            },
        )
        updated = data["partyUpdate"]["party"]
        assert values(updated["emails"]) == [
            ("OTHER", "c@example.org", False),
            ("OTHER", "b@example.org", True),
        ]
        assert updated["email"] == "b@example.org"
        assert [a["line1"] for a in updated["addresses"]] == ["Via C 3"]
        # Lists left out stay as they are.
        data = await h.ok(UPDATE, {"i": {"id": party["id"], "familyName": "Rules"}})
        assert data["partyUpdate"]["party"]["emails"] == updated["emails"]
        # Two primaries in an update: refused, the stored list unchanged.
        errors = await errors_of(
            h,
            UPDATE,
            {
                "id": party["id"],
                "addresses": [{"line1": "X 1", "primary": True}, {"line1": "Y 2", "primary": True}],
            },
        )
        assert codes(errors) == {("addresses.1.primary", "MULTIPLE_PRIMARY")}
        node = (await h.ok(NODE, {"id": party["id"]}))["node"]
        assert [a["line1"] for a in node["addresses"]] == ["Via C 3"]
        # The database itself refuses a second primary (partial unique index).
        from tortoise.exceptions import IntegrityError

        from sportello.parties.models import ContactPoint

        pk = await _pk(party["id"])
        try:
            await ContactPoint.create(
                party_id=pk, channel="email", value="z@example.org", is_primary=True
            )
        except IntegrityError:
            pass
        else:
            raise AssertionError("a second primary email was stored")


async def _pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)


# --- names, tax code ---------------------------------------------------------------------


async def test_organisation_legal_name_and_tax_code(sportello_app) -> None:
    async with sportello_app() as h:
        org = await create(
            h, kind="ORGANISATION", legalName="Rossi & Partners S.r.l.", taxCode="it 01234567890"
        )
        assert org["kind"] == "ORGANISATION"
        assert org["displayName"] == "Rossi & Partners S.r.l."
        assert org["legalName"] == "Rossi & Partners S.r.l."
        assert org["taxCode"] == "IT01234567890"
        data = await h.ok(UPDATE, {"i": {"id": org["id"], "displayName": "Studio Rossi"}})
        org = data["partyUpdate"]["party"]
        assert (org["displayName"], org["legalName"]) == ("Studio Rossi", "Rossi & Partners S.r.l.")
        errors = await errors_of(h, CREATE, {"givenName": "Ada", "legalName": "Ada Ltd"})
        assert errors == [
            {
                "field": "legalName",
                "code": "INVALID",
                "message": "Only an organisation has a legal name.",
            }
        ]
        errors = await errors_of(h, CREATE, {"kind": "ORGANISATION"})
        assert codes(errors) == {("displayName", "REQUIRED")}
        # Tax codes are searchable, whatever their spacing or case.
        found = await h.ok(SEARCH, {"q": "01234 567"})
        assert [e["node"]["displayName"] for e in found["parties"]["edges"]] == ["Studio Rossi"]


# --- consents ----------------------------------------------------------------------------


async def test_consent_history_keeps_every_change(sportello_app) -> None:
    async with sportello_app() as h:
        party = await create(
            h,
            displayName="Consenting Adult",
            consents=[{"purpose": "newsletter", "granted": True, "source": "web form"}],
        )
        assert [(c["purpose"], c["granted"]) for c in party["consents"]] == [("newsletter", True)]
        steps = [
            ("marketing", True, "front desk"),
            ("Marketing", False, "email reply"),
            ("profiling", False, ""),
        ]
        for purpose, granted, source in steps:
            data = await h.ok(
                CONSENT,
                {
                    "i": {
                        "partyId": party["id"],
                        "purpose": purpose,
                        "granted": granted,
                        "source": source,
                    }
                },
            )
            payload = data["partyConsentSet"]
            assert payload["errors"] == []
            assert payload["consent"]["purpose"] == purpose.lower()
        current = payload["party"]["consents"]
        assert [(c["purpose"], c["granted"], c["source"]) for c in current] == [
            ("marketing", False, "email reply"),
            ("newsletter", True, "web form"),
            ("profiling", False, ""),
        ]
        history = payload["party"]["consentHistory"]
        assert [(c["purpose"], c["granted"]) for c in history] == [
            ("newsletter", True),
            ("marketing", True),
            ("marketing", False),
            ("profiling", False),
        ]
        # Audited: one entry per change, with what was set.
        audit = await h.ok(
            'query($id: ID!) { auditEntries(object: $id, operation: "partyConsentSet") '
            "{ edges { node { operation changes } } } }",
            {"id": party["id"]},
            as_="auditor",
        )
        changes = [e["node"]["changes"] for e in audit["auditEntries"]["edges"]]
        assert len(changes) == 3
        assert {json.dumps(c["after"]["purpose"]) for c in changes} == {
            '"marketing"',
            '"profiling"',
        }
        # Typed errors; a clerk without parties.manage cannot set consents.
        data = await h.ok(
            CONSENT, {"i": {"partyId": party["id"], "purpose": "no spaces!", "granted": True}}
        )
        assert codes(data["partyConsentSet"]["errors"]) == {("purpose", "INVALID")}
        denied = await h.gql(
            CONSENT, {"i": {"partyId": party["id"], "purpose": "x", "granted": True}}, as_="auditor"
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        bad = await h.ok(
            CONSENT, {"i": {"partyId": "UGFydHk6OTk5OTk=", "purpose": "x", "granted": True}}
        )
        assert codes(bad["partyConsentSet"]["errors"]) == {("partyId", "NOT_FOUND")}


# --- sites -------------------------------------------------------------------------------


async def test_site_organisation_and_party_sites(sportello_app) -> None:
    async with sportello_app() as h:
        org = await create(
            h,
            kind="ORGANISATION",
            legalName="Hotel Group S.p.A.",
            emails=[{"value": "info@hg.example"}],
        )
        person = await create(h, displayName="Just A Person")
        sites = []
        for code in ("RIMINI", "RICCIONE"):
            data = await h.ok(
                SITE, {"i": {"code": code, "name": code.title(), "organisationId": org["id"]}}
            )
            assert data["siteCreate"]["errors"] == []
            site = data["siteCreate"]["site"]
            assert site["organisation"]["legalName"] == "Hotel Group S.p.A."
            assert site["organisation"]["emails"] == [{"value": "info@hg.example"}]
            sites.append(site)
        data = await h.ok(
            SITE, {"i": {"code": "NOPE", "name": "Nope", "organisationId": person["id"]}}
        )
        assert data["siteCreate"]["errors"] == [
            {
                "field": "organisationId",
                "code": "NOT_AN_ORGANISATION",
                "message": "Choose a party that is an organisation.",
            }
        ]
        query = """query($id: ID!) { node(id: $id) { ... on Party {
            sites { code organisation { displayName } } } } }"""
        found = (await h.ok(query, {"id": org["id"]}))["node"]["sites"]
        assert found == [
            {"code": "RICCIONE", "organisation": {"displayName": "Hotel Group S.p.A."}},
            {"code": "RIMINI", "organisation": {"displayName": "Hotel Group S.p.A."}},
        ]
        assert (await h.ok(query, {"id": person["id"]}))["node"]["sites"] == []
        # A clerk bound to one site sees only that site of the organisation.
        rimini = await _pk(sites[0]["id"])
        token = await h.token(roles=["front_desk"], sites=[rimini])
        scoped = (await h.ok(query, {"id": org["id"]}, token=token))["node"]["sites"]
        assert [s["code"] for s in scoped] == ["RIMINI"]
        listed = await h.ok(
            "{ sites(first: 10) { edges { node { code organisation { displayName } } } } }",
            token=token,
        )
        assert listed["sites"]["edges"] == [
            {"node": {"code": "RIMINI", "organisation": {"displayName": "Hotel Group S.p.A."}}}
        ]


# --- search and loading ------------------------------------------------------------------


async def test_search_matches_every_email_and_phone(sportello_app) -> None:
    async with sportello_app() as h:
        await create(
            h,
            displayName="Marco Verdi",
            emails=[
                {"value": "marco@primary.example"},
                {"value": "m.verdi@secondary.acme-mail.example"},
            ],
            phones=[{"value": "+39 051 111 2222"}, {"value": "+39 347 765 4321"}],
        )
        await create(h, displayName="Someone Else", emails=[{"value": "else@acme-mail.example"}])

        async def names(term: str) -> list[str]:
            data = await h.ok(SEARCH, {"q": term})
            return [e["node"]["displayName"] for e in data["parties"]["edges"]]

        assert await names("Secondary.ACME") == ["Marco Verdi"]
        assert await names("347 765") == ["Marco Verdi"]
        assert await names("+39 347-7654321") == ["Marco Verdi"]
        assert await names("verdi") == ["Marco Verdi"]
        assert await names("acme-mail") == ["Marco Verdi", "Someone Else"]
        assert await names("nobody@nowhere") == []
        # One statement per page, whatever the term matches (no query per party).
        await h.token()
        with count_queries() as statements:
            await names("acme-mail")
        assert len(data_queries(statements)) == 1, statements


PAGE = """
query($n: Int!) { parties(first: $n) { edges { node {
  id displayName email
  emails { kind value primary } phones { value primary }
  addresses { line1 city country primary }
  consents { purpose granted } sites { code }
} } } }
"""


async def test_party_page_query_count_is_constant(sportello_app) -> None:
    from sportello.parties import services
    from sportello.services import SYSTEM

    # The caller's token lookup stays cached for the whole test, however slow the machine.
    async with sportello_app(auth={"token_cache_seconds": 60}) as h:
        for i in range(30):
            party = await services.create_party(
                SYSTEM,
                display_name=f"Person {i:03}",
                emails=[{"value": f"p{i}@a.example"}, {"value": f"p{i}@b.example"}],
                phones=[{"value": f"+39 333 000 {i:04}"}],
                addresses=[{"line1": f"Via {i}", "city": "Roma", "country": "IT"}],
            )
            await services.set_consent(SYSTEM, party.id, "marketing", i % 2 == 0)
        await h.token()
        await h.settle()  # the dispatcher's reads of the parties' events are not the page's
        counts = []
        for size in (1, 25):
            with count_queries() as statements:
                data = await h.ok(PAGE, {"n": size})
            edges = data["parties"]["edges"]
            assert len(edges) == size
            assert len(edges[-1]["node"]["emails"]) == 2
            assert edges[-1]["node"]["addresses"][0]["country"] == "IT"
            counts.append(len(data_queries(statements)))
        assert counts[0] == counts[1], counts
        # page + contact points + addresses + consents + sites
        assert counts[0] == 5, counts

        # Sites with their organisation's contact points: constant too.
        org = await services.create_party(
            SYSTEM, kind="organisation", legal_name="Org", emails=[{"value": "o@org.example"}]
        )
        for i in range(12):
            await services.create_site(SYSTEM, f"S{i:02}", f"Site {i:02}", organisation_id=org.id)
        query = """query($n: Int!) { sites(first: $n) { edges { node {
            code organisation { displayName emails { value } } } } } }"""
        counts = []
        for size in (1, 12):
            with count_queries() as statements:
                data = await h.ok(query, {"n": size})
            assert data["sites"]["edges"][-1]["node"]["organisation"]["emails"] == [
                {"value": "o@org.example"}
            ]
            counts.append(len(data_queries(statements)))
        # page of sites joined with their organisation + the organisations' contact points
        assert counts[0] == counts[1] == 2, (counts, data_queries(statements))


# --- concurrency -------------------------------------------------------------------------


async def test_concurrent_updates_leave_one_whole_list(sportello_app) -> None:
    """Clerks saving one party at once: the stored emails are exactly one clerk's list, with
    one primary, and ``email`` is that primary (the party row is locked per update)."""
    async with sportello_app(live=True) as h:
        party = await create(h, displayName="Busy Person", emails=[{"value": "start@example.org"}])
        token = await h.token()
        lists = [
            [
                {"value": f"c{n}-a@example.org"},
                {"value": f"c{n}-b@example.org", "primary": n % 2 == 0},
                {"value": f"c{n}-c@example.org"},
            ]
            for n in range(8)
        ]
        results = await asyncio.gather(
            *(
                h.gql(UPDATE, {"i": {"id": party["id"], "emails": emails}}, token=token)
                for emails in lists
            ),
            *(
                h.gql(
                    CONSENT,
                    {"i": {"partyId": party["id"], "purpose": "marketing", "granted": n % 2 == 0}},
                    token=token,
                )
                for n in range(8)
            ),
        )
        for result in results:
            assert not result.get("errors"), result
            (payload,) = result["data"].values()
            assert payload["errors"] == [], payload
        node = (await h.ok(NODE, {"id": party["id"]}))["node"]
        stored = [e["value"] for e in node["emails"]]
        assert stored in [[e["value"] for e in emails] for emails in lists], stored
        primaries = [e["value"] for e in node["emails"] if e["primary"]]
        assert len(primaries) == 1 and node["email"] == primaries[0]
        assert len(node["consentHistory"]) == 8
        assert node["consents"] == [{**node["consentHistory"][-1], "at": node["consents"][0]["at"]}]


# --- personal data -----------------------------------------------------------------------


async def test_export_and_erasure_cover_every_list(sportello_app) -> None:
    from sportello.parties.models import Address, Consent, ContactPoint, Party

    async with sportello_app() as h:
        party = await create(
            h,
            givenName="Ottavia",
            familyName="Zanzibar",
            emails=[{"value": "ottavia@zanzibar.example"}, {"value": "oz.second@zanzibar.example"}],
            phones=[{"value": "+39 347 000 9911"}],
            addresses=[
                {"line1": "Vicolo Zanzibar 7", "postcode": "00100", "city": "Roma", "country": "IT"}
            ],
            taxCode="ZNZTTV80A41H501Q",
            consents=[{"purpose": "marketing", "granted": True, "source": "Ottavia's signed form"}],
        )
        pid = party["id"]
        # The secondary email also shows in another object's audit trail (an update of it).
        await h.ok(
            UPDATE,
            {
                "i": {
                    "id": pid,
                    "phones": [{"value": "+39 347 000 9911"}, {"value": "+39 06 5550 1234"}],
                }
            },
        )
        export = (await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": pid}))[
            "partyDataExport"
        ]
        section = export["offices"]["parties"]["party"]
        assert [e["value"] for e in section["emails"]] == [
            "ottavia@zanzibar.example",
            "oz.second@zanzibar.example",
        ]
        assert [p["value"] for p in section["phones"]] == ["+393470009911", "+390655501234"]
        assert section["addresses"][0]["line1"] == "Vicolo Zanzibar 7"
        assert section["consent_history"][0]["source"] == "Ottavia's signed form"
        assert section["tax_code"] == "ZNZTTV80A41H501Q"

        counts = [await m.all().count() for m in (Party, ContactPoint, Address, Consent)]
        erased = await h.ok(
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) "
            "{ reports { plugin erased } errors { code } } }",
            {"i": {"id": pid}},
        )
        assert erased["partyErase"]["errors"] == []
        report = next(r for r in erased["partyErase"]["reports"] if r["plugin"] == "parties")
        assert {"parties_contact_point.value", "parties_address.line1"} <= set(report["erased"])
        # Anonymised in place: no row deleted.
        assert [await m.all().count() for m in (Party, ContactPoint, Address, Consent)] == counts
        # Long enough not to turn up by chance in timestamps, request IDs or token digests.
        markers = ("zanzibar", "ottavia", "3470009911", "0655501234", "znzttv80a41h501q")
        assert "00100" not in await Address.all().values_list("postcode", flat=True)
        for model in (Party, ContactPoint, Address, Consent):
            text = json.dumps(await model.all().values(), default=str).lower()
            assert not [m for m in markers if m in text], (model.__name__, text)
        from sportello.identity.models import AuditEntry

        audit = json.dumps(await AuditEntry.all().values("changes", "actor_label"), default=str)
        assert not [m for m in markers if m in audit.lower()], audit
        node = (await h.ok(NODE, {"id": pid}))["node"]
        assert node["emails"] == node["phones"] == node["addresses"] == []
        assert node["email"] is node["phone"] is node["taxCode"] is None
        # What was agreed and when stays; how (free text) does not.
        assert [(c["purpose"], c["granted"], c["source"]) for c in node["consentHistory"]] == [
            ("marketing", True, "")
        ]
        # An erased party cannot be filled in again.
        errors = await errors_of(h, UPDATE, {"id": pid, "email": "back@example.org"})
        assert codes(errors) == {("id", "CONFLICT")}


# --- migration 0002 ----------------------------------------------------------------------

LEGACY = [
    # number, email, phone, addresses JSON, consents JSON, tax code
    (
        1,
        "' Legacy@Example.ORG '",
        "'+39 051 123 4567'",
        '\'[{"street": "Via Vecchia 3", "zip": "40100", "city": "Bologna", "country": "it"}]\'',
        '\'{"marketing": true, "newsletter": {"granted": false, "at": "2025-05-01T10:00:00+00:00",'
        ' "source": "paper"}}\'',
        "' abc 123 '",
    ),
    (2, "NULL", "'051 7654321'", '\'[{"line1": "Via Nuova 1", "country": "IT"}]\'', "'{}'", "NULL"),
    (3, "NULL", "'ask reception'", "'[]'", "'{}'", "NULL"),
]


async def test_migration_copies_legacy_rows(backend: str, tmp_path) -> None:
    """A database at parties 0001 with the old untyped columns, migrated to 0002: every
    email, phone, address and consent is in the new tables, normalised where possible."""
    import httpx
    from tortoise.connection import get_connection
    from tortoise.migrations.api import migrate as tortoise_migrate

    from sportello import testing
    from sportello.app import create_app
    from sportello.db import close_orm, migrate
    from sportello.graphql.ids import encode_id
    from sportello.runtime import Runtime
    from sportello.settings import Settings

    if backend == "sqlite":
        url = f"sqlite://{tmp_path / 'legacy.sqlite3'}"
    else:
        name = f"sportello_test_{__import__('os').getpid()}_legacy"
        await testing._pg_exec(f'DROP DATABASE IF EXISTS "{name}"')
        await testing._pg_exec(f'CREATE DATABASE "{name}"')
        url = testing._with_db(testing._pg_url(), name)
    settings = Settings(database_url=url, debug=True)
    try:
        config = Runtime(settings).db_config
        await tortoise_migrate(config=config, app_labels=["parties"], target="parties.0001_initial")
        conn = get_connection("default")
        for pid, email, phone, addresses, consents, tax in LEGACY:
            await conn.execute_script(
                "INSERT INTO parties_party (kind, display_name, given_name, family_name, email,"
                " phone, addresses, tax_code, preferred_language, consents, created_at, updated_at)"
                f" VALUES ('person', 'Legacy {pid}', '', '', {email}, {phone}, {addresses},"
                f" {tax}, 'it', {consents}, '2026-01-01 00:00:00+00:00', '2026-01-02 00:00:00+00:00')"
            )
        rows = await conn.execute_query_dict("SELECT id, display_name FROM parties_party")
        ids = {int(r["display_name"].split()[-1]): r["id"] for r in rows}
        await close_orm()
        await migrate(config)
        await close_orm()

        app = create_app(settings)
        runtime = app.state.runtime
        await runtime.start()
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                h = testing.Harness(app, runtime, client, backend)
                nodes = {}
                for pid in (1, 2, 3):
                    data = await h.ok(NODE, {"id": encode_id("Party", ids[pid])})
                    nodes[pid] = data["node"]
            one = nodes[1]
            assert values(one["emails"]) == [("OTHER", "legacy@example.org", True)]
            assert one["email"] == "legacy@example.org"
            assert values(one["phones"]) == [("OTHER", "+390511234567", True)]
            assert one["phone"] == "+390511234567"
            assert one["taxCode"] == "ABC123"
            assert one["addresses"] == [
                {
                    "kind": "OTHER",
                    "line1": "Via Vecchia 3",
                    "line2": "",
                    "postcode": "40100",
                    "city": "Bologna",
                    "region": "",
                    "country": "IT",
                    "primary": True,
                }
            ]
            assert [(c["purpose"], c["granted"], c["source"]) for c in one["consents"]] == [
                ("marketing", True, ""),
                ("newsletter", False, "paper"),
            ]
            # A national number completed from the party's country; one that cannot be a
            # phone number is kept as it was (a clerk fixes it), never dropped.
            assert values(nodes[2]["phones"]) == [("OTHER", "+390517654321", True)]
            assert values(nodes[3]["phones"]) == [("OTHER", "ask reception", True)]
            from sportello.parties.models import Party

            legacy = await Party.filter(id__in=list(ids.values())).values_list(
                "addresses", "consents"
            )
            assert set(map(json.dumps, (v for row in legacy for v in row))) == {"[]", "{}"}
        finally:
            await runtime.stop()
        if backend == "sqlite":
            # Tortoise drops a column on SQLite by rebuilding the table, which the foreign
            # keys pointing at parties_party refuse: going back is for PostgreSQL only.
            return
        # Going back to 0001 puts addresses and consents back into the JSON columns.
        await tortoise_migrate(config=config, app_labels=["parties"], target="parties.0001_initial")
        rows = await get_connection("default").execute_query_dict(
            f"SELECT addresses, consents FROM parties_party WHERE id = {ids[1]}"
        )
        back = {k: json.loads(v) if isinstance(v, str) else v for k, v in rows[0].items()}
        assert [a["line1"] for a in back["addresses"]] == ["Via Vecchia 3"]
        assert back["consents"]["newsletter"]["granted"] is False
    finally:
        await close_orm()
        await testing.drop_database(url)
