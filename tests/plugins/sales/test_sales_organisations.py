"""Sales documents name their site and organisation: given (checked), or taken from the site,
the desk's session, the closed folio's hotel, the document they come from; each organisation
numbers its own invoices gaplessly, also under concurrent issues over real HTTP."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import (
    INVOICE_ISSUE,
    MODULES,
    PLUGINS,
    codes,
    hotel_catalogue,
    party,
)
from strawberry import relay

from sportello import api

CONCURRENT = 12
LINE = [{"description": "Consulting", "unitPrice": "100", "quantity": "1", "taxCode": "IT22"}]
PLACE = "site { id } organisation { id }"
CREATE = f"""
mutation($i: InvoiceCreateInput!) {{
  invoiceCreate(input: $i) {{ invoice {{ id {PLACE} }} errors {{ field code message }} }}
}}
"""
SITE = """
mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { field code } } }
"""
INVOICES = f"query {{ invoices(first: 50) {{ edges {{ node {{ id number kind {PLACE} }} }} }} }}"
CREDIT = f"""
mutation($i: CreditNoteCreateInput!) {{
  creditNoteCreate(input: $i) {{ creditNote {{ id {PLACE} }} errors {{ field code }} }}
}}
"""
QUOTE = f"""
mutation($i: QuoteCreateInput!) {{
  quoteCreate(input: $i) {{ salesOrder {{ id {PLACE} }} errors {{ field code }} }}
}}
"""
ACCEPT = "mutation($i: QuoteAcceptInput!) { quoteAccept(input: $i) { errors { code } } }"
ORDER_INVOICE = f"""
mutation($i: OrderInvoiceInput!) {{
  orderInvoice(input: $i) {{ invoice {{ id {PLACE} }} errors {{ field code }} }}
}}
"""
OPEN = """
mutation($i: CashSessionOpenInput!) {
  cashSessionOpen(input: $i) { cashSession { id } errors { field code } }
}
"""
SELL = f"""
mutation($i: CounterSaleCreateInput!) {{
  counterSaleCreate(input: $i) {{
    invoice {{ id number {PLACE} }} payment {{ {PLACE} }} errors {{ field code }}
  }}
}}
"""


async def _organisation(name: str, kind: str = "organisation") -> str:
    party_row = await api.PartyModel.create(kind=kind, display_name=name, legal_name=name)
    return str(api.encode_id("Party", party_row.id))


async def _site(h: Any, code: str, org: str | None = None) -> str:
    data = {"code": code, "name": code, **({"organisationId": org} if org else {})}
    made = await h.ok(SITE, {"i": data})
    assert made["siteCreate"]["errors"] == [], made
    return str(made["siteCreate"]["site"]["id"])


def _local(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)


async def test_concurrent_issues_number_each_organisation_consecutively(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        customer = await party(h, "ACME S.p.A.")
        orgs = [await _organisation("Hotel Aurora Srl"), await _organisation("Villa Borea Srl")]
        drafts: dict[str, list[str]] = {org: [] for org in orgs}
        for _ in range(CONCURRENT):
            for org in orgs:
                made = await h.ok(
                    CREATE, {"i": {"partyId": customer, "lines": LINE, "organisationId": org}}
                )
                assert made["invoiceCreate"]["errors"] == [], made
                drafts[org].append(made["invoiceCreate"]["invoice"]["id"])
        # A document of no organisation numbers on its own counter too.
        plain = await h.ok(CREATE, {"i": {"partyId": customer, "lines": LINE}})
        token = await h.token(roles=["front_desk"])
        everything = [(org, i) for org in orgs for i in drafts[org]]
        everything.append(("", plain["invoiceCreate"]["invoice"]["id"]))
        results = await asyncio.gather(
            *(h.gql(INVOICE_ISSUE, {"i": {"id": i}}, token=token) for _, i in everything)
        )
        numbers: dict[str, list[str]] = {org: [] for org in [*orgs, ""]}
        for (org, _), result in zip(everything, results, strict=True):
            assert not result.get("errors"), result
            payload = result["data"]["invoiceIssue"]
            assert payload["errors"] == [], payload
            numbers[org].append(payload["invoice"]["number"])
        year = dt.date.today().year
        expected = [f"{year}/FT/{n:06d}" for n in range(1, CONCURRENT + 1)]
        assert sorted(numbers[orgs[0]]) == expected
        assert sorted(numbers[orgs[1]]) == expected
        assert numbers[""] == [f"{year}/FT/000001"]


async def test_the_site_names_the_organisation_and_bad_input_writes_nothing(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        customer = await party(h)
        aurora, borea = await _organisation("Aurora Srl"), await _organisation("Borea Srl")
        person = await _organisation("Mario Bianchi", kind="person")
        site_a = await _site(h, "AURORA", aurora)
        site_b = await _site(h, "BOREA", borea)
        bare = await _site(h, "SHOP")

        made = await h.ok(CREATE, {"i": {"partyId": customer, "lines": LINE, "siteId": site_a}})
        inv = made["invoiceCreate"]["invoice"]
        assert (inv["site"], inv["organisation"]) == ({"id": site_a}, {"id": aurora})
        both = {"siteId": site_a, "organisationId": aurora}
        made = await h.ok(CREATE, {"i": {"partyId": customer, "lines": LINE, **both}})
        assert made["invoiceCreate"]["invoice"]["organisation"] == {"id": aurora}
        # A site naming no organisation: the one named, else none.
        made = await h.ok(
            CREATE,
            {"i": {"partyId": customer, "lines": LINE, "siteId": bare, "organisationId": borea}},
        )
        assert made["invoiceCreate"]["invoice"]["organisation"] == {"id": borea}

        before = len((await h.ok(INVOICES))["invoices"]["edges"])
        bad = [
            ({"siteId": site_a, "organisationId": borea}, [("organisationId", "INVALID")]),
            ({"organisationId": person}, [("organisationId", "NOT_AN_ORGANISATION")]),
            ({"organisationId": customer}, [("organisationId", "NOT_AN_ORGANISATION")]),
            ({"siteId": str(api.encode_id("Site", 999999))}, [("siteId", "NOT_FOUND")]),
        ]
        for where, expected in bad:
            out = await h.ok(CREATE, {"i": {"partyId": customer, "lines": LINE, **where}})
            assert codes(out["invoiceCreate"]) == expected, where
            assert out["invoiceCreate"]["errors"][0]["message"], out
        # A user of site A makes documents for site A and its organisation only.
        clerk = await h.token(roles=["front_desk"], sites=[_local(site_a)])
        for where, expected in (
            ({"siteId": site_b}, [("siteId", "FORBIDDEN")]),
            ({"organisationId": borea}, [("organisationId", "FORBIDDEN")]),
        ):
            out = await h.ok(
                CREATE, {"i": {"partyId": customer, "lines": LINE, **where}}, token=clerk
            )
            assert codes(out["invoiceCreate"]) == expected, where
        assert len((await h.ok(INVOICES))["invoices"]["edges"]) == before
        ok = await h.ok(
            CREATE,
            {"i": {"partyId": customer, "lines": LINE, "organisationId": aurora}},
            token=clerk,
        )
        assert ok["invoiceCreate"]["errors"] == [], ok


async def test_documents_follow_the_document_session_or_folio_they_come_from(
    sportello_app: Callable[..., Any],
) -> None:
    from sportello_sales.services.integrations import lodging

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        customer = await party(h)
        borea = await _organisation("Borea Srl")
        site = await _site(h, "BOREA", borea)
        where = {"id": site}, {"id": borea}

        # A credit note is its invoice's organisation's.
        made = await h.ok(CREATE, {"i": {"partyId": customer, "lines": LINE, "siteId": site}})
        inv = made["invoiceCreate"]["invoice"]["id"]
        await h.ok(INVOICE_ISSUE, {"i": {"id": inv}})
        credit = await h.ok(CREDIT, {"i": {"invoiceId": inv}})
        note = credit["creditNoteCreate"]["creditNote"]
        assert (note["site"], note["organisation"]) == where

        # quote -> order -> invoice keeps the quote's placement.
        quote = await h.ok(QUOTE, {"i": {"partyId": customer, "lines": LINE, "siteId": site}})
        order = quote["quoteCreate"]["salesOrder"]
        assert (order["site"], order["organisation"]) == where
        await h.ok(ACCEPT, {"i": {"id": order["id"]}})
        billed = await h.ok(ORDER_INVOICE, {"i": {"id": order["id"]}})
        inv_o = billed["orderInvoice"]["invoice"]
        assert (inv_o["site"], inv_o["organisation"]) == where

        # A counter sale is its desk's site's, payment included.
        opened = await h.ok(OPEN, {"i": {"siteId": site, "desk": "BAR", "openingFloat": "0"}})
        session = opened["cashSessionOpen"]["cashSession"]["id"]
        sale = await h.ok(
            SELL,
            {"i": {"sessionId": session, "lines": [{"chargeCode": "MINIBAR"}], "method": "cash"}},
        )
        sold = sale["counterSaleCreate"]
        assert sold["errors"] == [], sold
        assert (sold["invoice"]["site"], sold["invoice"]["organisation"]) == where
        assert (sold["payment"]["site"], sold["payment"]["organisation"]) == where

        # A closed hotel folio is invoiced by its hotel's site (the event's site_id).
        guest = await party(h, "Ada Guest")
        payload = {
            "reservation_id": 77,
            "guest_party_id": _local(guest),
            "site_id": _local(site),
            "currency": "EUR",
            "total": "220.00",
            "paid": "0",
            "lines": [
                {
                    "line_id": 1,
                    "kind": "room",
                    "charge_code": "ROOM_NIGHT",
                    "quantity": 2,
                    "unit_amount": "110.00",
                    "amount": "220.00",
                }
            ],
        }
        event = api.Event(1, "lodging.folio.closed", 1, "reservation:77", payload, _local(site))
        await lodging.on_folio_closed(event)
        stay = [
            e["node"]
            for e in (await h.ok(INVOICES))["invoices"]["edges"]
            if e["node"]["id"] not in {inv, inv_o["id"], note["id"], sold["invoice"]["id"]}
        ]
        assert [(s["site"], s["organisation"]) for s in stay] == [where]


NODE = "query($id: ID!) { node(id: $id) { id ... on Invoice { lines { description } } } }"
QUOTES = "query { salesOrders(first: 50) { edges { node { id } } } }"


async def test_a_site_bound_clerk_reads_only_the_documents_of_their_sites(
    sportello_app: Callable[..., Any],
) -> None:
    """Another site's invoice or quote is neither listed nor read by id (null, as for a row that
    does not exist); documents of the whole installation (no site) are read from every site."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        customer = await party(h, "ACME S.p.A.")
        site_a, site_b = await _site(h, "A"), await _site(h, "B")
        made: dict[str, str] = {}
        for name, site in (("a", site_a), ("b", site_b), ("none", None)):
            extra = {"siteId": site} if site else {}
            out = await h.ok(CREATE, {"i": {"partyId": customer, "lines": LINE, **extra}})
            assert out["invoiceCreate"]["errors"] == [], out
            made[name] = out["invoiceCreate"]["invoice"]["id"]
            quote = await h.ok(QUOTE, {"i": {"partyId": customer, "lines": LINE, **extra}})
            assert quote["quoteCreate"]["errors"] == [], quote
            made[f"quote-{name}"] = quote["quoteCreate"]["salesOrder"]["id"]
        clerk = await h.token(roles=["front_desk"], sites=[_local(site_a)])
        listed = await h.gql(INVOICES, token=clerk)
        assert not listed.get("errors"), listed
        ids = {e["node"]["id"] for e in listed["data"]["invoices"]["edges"]}
        assert ids == {made["a"], made["none"]}
        quotes = await h.gql(QUOTES, token=clerk)
        assert not quotes.get("errors"), quotes
        ids = {e["node"]["id"] for e in quotes["data"]["salesOrders"]["edges"]}
        assert ids == {made["quote-a"], made["quote-none"]}
        for name, seen in (("a", True), ("none", True), ("b", False)):
            got = await h.gql(NODE, {"id": made[name]}, token=clerk)
            assert not got.get("errors"), got
            assert (got["data"]["node"] is not None) is seen, (name, got)
        admin = await h.gql(INVOICES)
        assert len(admin["data"]["invoices"]["edges"]) == 3
