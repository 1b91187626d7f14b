"""Shared GraphQL documents and setup of the accounting tests that post sales documents: a
ledger, the IT10 room night product, a party, invoices issued and paid through the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounting_helpers import ledger

MODULES = ["sales", "accounting"]
PLUGINS = ["sportello_sales.plugin", "sportello_accounting.plugin"]
YEAR = 2026

PARTY = "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } } }"
TAX_RATES = "query { taxRates(first: 100) { edges { node { id code } } } }"
PRODUCT = """
mutation($i: ProductCreateInput!) { productCreate(input: $i) { errors { field code } } }
"""
INVOICE_CREATE = """
mutation($i: InvoiceCreateInput!) {
  invoiceCreate(input: $i) { invoice { id lines { id } } errors { field code message } }
}
"""
INVOICE_ISSUE = """
mutation($i: InvoiceIssueInput!) {
  invoiceIssue(input: $i) {
    invoice { id number total taxTotal dueDate lines { id chargeCode net } taxes { taxCode rate tax } }
    errors { field code }
  }
}
"""
PAY = """
mutation($i: PaymentRegisterInput!) {
  paymentRegister(input: $i) { payment { id } invoice { balance } errors { field code } }
}
"""
CREDIT = """
mutation($i: CreditNoteCreateInput!) {
  creditNoteCreate(input: $i) {
    creditNote { id total taxTotal netTotal } errors { field code message }
  }
}
"""
REFUND = """
mutation($i: PaymentRefundInput!) {
  paymentRefund(input: $i) {
    refund { id } invoice { balance refundDue } errors { field code message }
  }
}
"""
AGED = """
query($at: Date!, $party: ID) {
  agedReceivables(at: $at, partyId: $party) {
    partyId name notDue overdue30 overdue60 overdue90 older onAccount withoutDocument total
    documents { document number date dueDate daysOverdue bucket amount openAmount }
  }
}
"""
ENTRIES = """
{ journalEntries(first: 20, sourceOffice: "sales") { edges { node {
  id date sourceDocument journal { kind } lines { id account { code } debit credit party { id } }
} } } }
"""


async def tax_rates(h: Any) -> dict[str, str]:
    """Tax rate ids by code."""
    edges = (await h.ok(TAX_RATES))["taxRates"]["edges"]
    return {e["node"]["code"]: e["node"]["id"] for e in edges}


async def party(h: Any, name: str = "Rossi Srl") -> str:
    made: str = (await h.ok(PARTY, {"i": {"displayName": name}}))["partyCreate"]["party"]["id"]
    return made


async def setup(h: Any, year: int = YEAR) -> str:
    """A ledger for ``year``, a room night of 100.00 (VAT 10 % included) and a party: its id."""
    await ledger(h, year=year)
    taxes = await tax_rates(h)
    product = {
        "chargeCode": "ROOM_NIGHT",
        "name": "Room",
        "taxRateId": taxes["IT10"],
        "price": "100.00",
        "category": "rooms",
    }
    assert (await h.ok(PRODUCT, {"i": product}))["productCreate"]["errors"] == []
    return await party(h)


async def invoice(h: Any, party_id: str, nights: int = 1, **kw: Any) -> dict[str, Any]:
    """An invoice of ``nights`` room nights issued on the day set (due 30 days later)."""
    lines = [{"chargeCode": "ROOM_NIGHT", "quantity": str(nights)}]
    made = await h.ok(INVOICE_CREATE, {"i": {"partyId": party_id, "lines": lines, **kw}})
    draft = made["invoiceCreate"]
    assert draft["errors"] == [], draft
    issued = (await h.ok(INVOICE_ISSUE, {"i": {"id": draft["invoice"]["id"]}}))["invoiceIssue"]
    assert issued["errors"] == [], issued
    found: dict[str, Any] = {**issued["invoice"], "lines": draft["invoice"]["lines"]}
    return found


async def pay(h: Any, invoice_id: str, amount: str, day: str, method: str = "cash") -> dict:
    """Registers a payment on the invoice: the mutation's payload."""
    ask = {"invoiceId": invoice_id, "amount": amount, "method": method, "paidOn": day}
    made: dict[str, Any] = (await h.ok(PAY, {"i": ask}))["paymentRegister"]
    assert made["errors"] == [], made
    return made


async def aged(h: Any, at: str, party_id: str | None = None) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = (await h.ok(AGED, {"at": at, "party": party_id}))[
        "agedReceivables"
    ]
    return result


async def entries(h: Any) -> dict[str, dict[str, Any]]:
    """The sales entries by source document."""
    edges = (await h.ok(ENTRIES))["journalEntries"]["edges"]
    return {e["node"]["sourceDocument"]: e["node"] for e in edges}


def set_issue_day(monkeypatch: Any, day: str) -> None:
    """Sales issues documents on ``day`` (its invoices are due 30 days later)."""
    from sportello_sales.services import _common

    monkeypatch.setattr(_common, "today", lambda: dt.date.fromisoformat(day))
