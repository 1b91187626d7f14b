"""Shared GraphQL documents and setup of the sales tests."""

from __future__ import annotations

from typing import Any

MODULES = ["sales"]
PLUGINS = ["sportello_sales.plugin"]

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
TAX_RATES = "query { taxRates(first: 100) { edges { node { id code rate nature } } } }"
PRODUCT_CREATE = """
mutation($i: ProductCreateInput!) {
  productCreate(input: $i) {
    product { id chargeCode name price priceIncludesTax taxRate { code } }
    errors { field code message }
  }
}
"""
INVOICE_FIELDS = """
id number status kind total taxTotal netTotal currency exchangeRate paidTotal creditedTotal
balance paymentStatus issueDate dueDate correctsNumber party { id }
lines { id position chargeCode description quantity unitPrice taxCode taxRate taxNature net tax }
taxes { taxCode rate nature taxable tax }
"""
INVOICE_CREATE = f"""
mutation($i: InvoiceCreateInput!) {{
  invoiceCreate(input: $i) {{ invoice {{ {INVOICE_FIELDS} }} errors {{ field code message }} }}
}}
"""
INVOICE_ISSUE = """
mutation($i: InvoiceIssueInput!) {
  invoiceIssue(input: $i) {
    invoice { id number status total taxTotal currency }
    errors { field code message }
  }
}
"""
INVOICE_CANCEL = """
mutation($i: InvoiceCancelInput!) {
  invoiceCancel(input: $i) { invoice { id status } errors { field code message } }
}
"""
PAYMENT_REGISTER = """
mutation($i: PaymentRegisterInput!) {
  paymentRegister(input: $i) {
    payment { id amount method paidOn }
    invoice { id paidTotal balance paymentStatus }
    errors { field code message }
  }
}
"""
CREDIT_NOTE_CREATE = f"""
mutation($i: CreditNoteCreateInput!) {{
  creditNoteCreate(input: $i) {{
    creditNote {{ {INVOICE_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""
INVOICE = f"query($id: ID!) {{ node(id: $id) {{ ... on Invoice {{ {INVOICE_FIELDS} }} }} }}"


async def party(h: Any, name: str = "Maria Rossi") -> str:
    data = await h.ok(PARTY, {"i": {"displayName": name}})
    return str(data["partyCreate"]["party"]["id"])


async def tax_ids(h: Any) -> dict[str, str]:
    data = await h.ok(TAX_RATES)
    return {e["node"]["code"]: e["node"]["id"] for e in data["taxRates"]["edges"]}


async def product(h: Any, code: str, name: str, tax: str, price: str, **kw: Any) -> str:
    taxes = await tax_ids(h)
    data = await h.ok(
        PRODUCT_CREATE,
        {"i": {"chargeCode": code, "name": name, "taxRateId": taxes[tax], "price": price, **kw}},
    )
    assert data["productCreate"]["errors"] == [], data
    return str(data["productCreate"]["product"]["id"])


async def hotel_catalogue(h: Any) -> None:
    await product(h, "ROOM_NIGHT", "Room night", "IT10", "110.00", unit="night", category="rooms")
    await product(h, "MINIBAR", "Minibar", "IT22", "6.10", category="food_beverage")
    await product(h, "CITY_TAX", "City tax", "N1", "3.50", unit="person", category="taxes")


async def draft(h: Any, party_id: str, lines: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    data = await h.ok(INVOICE_CREATE, {"i": {"partyId": party_id, "lines": lines, **kw}})
    payload: dict[str, Any] = data["invoiceCreate"]
    return payload


async def issued(h: Any, party_id: str, lines: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    made = await draft(h, party_id, lines, **kw)
    assert made["errors"] == [], made
    data = await h.ok(INVOICE_ISSUE, {"i": {"id": made["invoice"]["id"]}})
    assert data["invoiceIssue"]["errors"] == [], data
    return dict(data["invoiceIssue"]["invoice"])


def codes(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]
