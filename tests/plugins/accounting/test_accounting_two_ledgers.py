"""Sales documents of two organisations, each with its own ledger: every invoice, payment and
refund posts into its own organisation's ledger (named on the document, or by its site), never
ORGANISATION_REQUIRED; a document of no organisation still needs the only ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from accounting_helpers import ledger, organisation
from strawberry import relay

from sportello import api
from sportello.events.models import OutboxEvent
from sportello_accounting.services import sales_postings

MODULES = ["sales", "accounting"]
PLUGINS = ["sportello_sales.plugin", "sportello_accounting.plugin"]

PARTY = "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } } }"
SITE = """
mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { field code } } }
"""
INVOICE_CREATE = """
mutation($i: InvoiceCreateInput!) {
  invoiceCreate(input: $i) {
    invoice { id site { id } organisation { id } }
    errors { field code message }
  }
}
"""
INVOICE_ISSUE = """
mutation($i: InvoiceIssueInput!) {
  invoiceIssue(input: $i) { invoice { id number total } errors { field code } }
}
"""
PAY = """
mutation($i: PaymentRegisterInput!) {
  paymentRegister(input: $i) {
    payment { id organisation { id } } invoice { balance } errors { field code }
  }
}
"""
REFUND = """
mutation($i: PaymentRefundInput!) {
  paymentRefund(input: $i) { refund { id organisation { id } } errors { field code } }
}
"""
ENTRIES = """
query($o: ID) { journalEntries(first: 20, organisationId: $o, sourceOffice: "sales") {
  edges { node { sourceDocument lines { account { id } debit credit } } }
} }
"""
LINE = [{"description": "Room", "unitPrice": "100.00", "quantity": "1", "taxCode": "IT10"}]


async def _invoice(h: Any, party: str, **where: str) -> dict[str, Any]:
    made = await h.ok(INVOICE_CREATE, {"i": {"partyId": party, "lines": LINE, **where}})
    payload = made["invoiceCreate"]
    assert payload["errors"] == [], payload
    issued = await h.ok(INVOICE_ISSUE, {"i": {"id": payload["invoice"]["id"]}})
    assert issued["invoiceIssue"]["errors"] == [], issued
    return {**payload["invoice"], **issued["invoiceIssue"]["invoice"]}


async def _pay(h: Any, invoice: str, amount: str) -> dict[str, Any]:
    paid = await h.ok(PAY, {"i": {"invoiceId": invoice, "amount": amount, "method": "card"}})
    assert paid["paymentRegister"]["errors"] == [], paid
    payment: dict[str, Any] = paid["paymentRegister"]["payment"]
    return payment


def local(gid: str) -> str:
    return str(int(relay.GlobalID.from_id(gid).node_id))


async def _entries(h: Any, org: str) -> dict[str, set[str]]:
    """The sales entries of an organisation's ledger: source document -> the accounts used."""
    edges = (await h.ok(ENTRIES, {"o": org}))["journalEntries"]["edges"]
    return {
        e["node"]["sourceDocument"]: {ln["account"]["id"] for ln in e["node"]["lines"]}
        for e in edges
    }


async def test_each_organisation_posts_into_its_own_ledger(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        year = dt.date.today().year
        a = await ledger(h, year=year, org=await organisation("Hotel Aurora Srl"))
        b = await ledger(h, year=year, org=await organisation("Villa Borea Srl"))
        site = await h.ok(
            SITE, {"i": {"code": "BOREA", "name": "Villa Borea", "organisationId": b.organisation}}
        )
        borea = site["siteCreate"]["site"]["id"]
        guest = (await h.ok(PARTY, {"i": {"displayName": "Maria Rossi"}}))["partyCreate"]
        guest = guest["party"]["id"]

        # A by name; B by its site (the site's organisation).
        inv_a = await _invoice(h, guest, organisationId=a.organisation)
        inv_b = await _invoice(h, guest, siteId=borea)
        assert inv_a["organisation"] == {"id": a.organisation} and inv_a["site"] is None
        assert inv_b["organisation"] == {"id": b.organisation} and inv_b["site"] == {"id": borea}
        # Each organisation numbers its own invoices from 1.
        assert inv_a["number"] == inv_b["number"] == f"{year}/FT/000001"

        pay_a = await _pay(h, inv_a["id"], "110.00")
        pay_b = await _pay(h, inv_b["id"], "110.00")
        assert pay_a["organisation"] == {"id": a.organisation}
        assert pay_b["organisation"] == {"id": b.organisation}
        refund = await h.ok(
            REFUND, {"i": {"paymentId": pay_b["id"], "amount": "10.00", "reason": "Breakfast"}}
        )
        assert refund["paymentRefund"]["errors"] == [], refund
        assert refund["paymentRefund"]["refund"]["organisation"] == {"id": b.organisation}
        await h.settle()

        events = await OutboxEvent.filter(name__startswith="sales.").values("name", "payload")
        for ev in events:
            if ev["name"] == "sales.payment_reminder.due":
                continue
            assert "organisation_id" in ev["payload"] and "site_id" in ev["payload"], ev

        in_a, in_b = await _entries(h, a.organisation), await _entries(h, b.organisation)
        assert set(in_a) == {f"invoice:{local(inv_a['id'])}", f"payment:{local(pay_a['id'])}"}
        refund_id = local(refund["paymentRefund"]["refund"]["id"])
        assert set(in_b) == {
            f"invoice:{local(inv_b['id'])}",
            f"payment:{local(pay_b['id'])}",
            f"refund:{refund_id}",
        }
        # Every line of an entry is on its own ledger's accounts.
        for found, lg in ((in_a, a), (in_b, b)):
            for accounts in found.values():
                assert accounts <= set(lg.accounts.values()), (accounts, lg.organisation)

        # The payments settled each ledger's receivable: A's is paid off, B's owes the refund.
        receivable = "1200"
        for lg, owed in ((a, Decimal(0)), (b, Decimal("10.00"))):
            gl = await h.ok(
                "query($a: ID!, $o: ID, $f: Date!, $t: Date!) { generalLedger(accountId: $a,"
                " from: $f, to: $t, organisationId: $o) { closing } }",
                {
                    "a": lg.accounts[receivable],
                    "o": lg.organisation,
                    "f": f"{year}-01-01",
                    "t": f"{year}-12-31",
                },
            )
            assert Decimal(gl["generalLedger"]["closing"]) == owed, (lg.organisation, gl)


async def test_a_document_of_no_organisation_still_needs_the_only_ledger(
    sportello_app: Callable[..., Any],
) -> None:
    """With two ledgers, an invoice naming neither site nor organisation cannot be routed: it is
    posted into neither (ORGANISATION_REQUIRED; its delivery is retried, then parked)."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        year = dt.date.today().year
        await ledger(h, year=year, org=await organisation("Hotel Aurora Srl"))
        await ledger(h, year=year, org=await organisation("Villa Borea Srl"))
        guest = (await h.ok(PARTY, {"i": {"displayName": "Maria Rossi"}}))["partyCreate"]
        await _invoice(h, guest["party"]["id"])
        row = await OutboxEvent.get(name="sales.invoice.issued")
        assert row.payload["organisation_id"] is None
        event = api.Event(row.id, row.name, row.version, row.aggregate, row.payload, row.site_id)
        with pytest.raises(api.ServiceError) as refused:
            await sales_postings.post_event(event)
        assert refused.value.problems[0].code == "ORGANISATION_REQUIRED"
