"""Invoices through GraphQL: draft, totals, issue with its number, payments, credit notes,
cancellation, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sales_setup import (
    CREDIT_NOTE_CREATE,
    INVOICE,
    INVOICE_CANCEL,
    INVOICE_ISSUE,
    MODULES,
    PAYMENT_REGISTER,
    PLUGINS,
    codes,
    draft,
    hotel_catalogue,
    issued,
    party,
)

EVENTS = """
query($n: String) { events(name: $n, first: 50) { edges { node { name payload } } } }
"""
STAY = [
    {"chargeCode": "ROOM_NIGHT", "quantity": "3"},
    {"chargeCode": "MINIBAR", "quantity": "2"},
    {"chargeCode": "CITY_TAX", "quantity": "3"},
]


def year() -> int:
    return dt.date.today().year


async def _pay(h: Any, invoice: str, amount: str, method: str = "card") -> dict[str, Any]:
    data = await h.ok(
        PAYMENT_REGISTER, {"i": {"invoiceId": invoice, "amount": amount, "method": method}}
    )
    return dict(data["paymentRegister"])


async def test_hotel_stay_invoiced_taxed_paid(sportello_app: Callable[..., Any]) -> None:
    """Room nights at 10 %, minibar at 22 %, the city tax out of scope (N1), prices with tax."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest = await party(h)
        made = await draft(h, guest, STAY, pricesIncludeTax=True)
        assert made["errors"] == []
        inv = made["invoice"]
        assert (inv["status"], inv["number"], inv["currency"]) == ("DRAFT", None, "EUR")
        assert (inv["total"], inv["taxTotal"], inv["netTotal"]) == ("352.70", "32.20", "320.50")
        assert [(t["taxCode"], t["taxable"], t["tax"], t["nature"]) for t in inv["taxes"]] == [
            ("IT10", "300.00", "30.00", None),
            ("IT22", "10.00", "2.20", None),
            ("N1", "10.50", "0.00", "N1"),
        ]
        assert [(ln["chargeCode"], ln["net"], ln["tax"]) for ln in inv["lines"]] == [
            ("ROOM_NIGHT", "300.00", "30.00"),
            ("MINIBAR", "10.00", "2.20"),
            ("CITY_TAX", "10.50", "0.00"),
        ]

        data = await h.ok(INVOICE_ISSUE, {"i": {"id": inv["id"]}})
        out = data["invoiceIssue"]
        assert out["errors"] == []
        assert out["invoice"]["number"] == f"{year()}/FT/000001"
        assert (out["invoice"]["status"], out["invoice"]["total"]) == ("ISSUED", "352.70")
        again = (await h.ok(INVOICE_ISSUE, {"i": {"id": inv["id"]}}))["invoiceIssue"]
        assert codes(again) == [("id", "INVALID_STATUS")] and again["invoice"] is None
        # an issued invoice is never cancelled
        cancel = (await h.ok(INVOICE_CANCEL, {"i": {"id": inv["id"]}}))["invoiceCancel"]
        assert codes(cancel) == [("id", "INVALID_STATUS")]

        deposit = await _pay(h, inv["id"], "100.00", "bank_transfer")
        assert deposit["errors"] == []
        assert deposit["invoice"]["paymentStatus"] == "PARTIAL"
        assert deposit["invoice"]["balance"] == "252.70"
        over = await _pay(h, inv["id"], "252.71")
        assert codes(over) == [("amount", "OVERPAYMENT")]
        assert "€252.70" in over["errors"][0]["message"]
        over_it = await h.ok(
            PAYMENT_REGISTER,
            {"i": {"invoiceId": inv["id"], "amount": "300", "method": "card"}},
            headers={"accept-language": "it"},
        )
        message = over_it["paymentRegister"]["errors"][0]["message"].replace("\xa0", " ")
        assert "252,70 €" in message
        cents = await _pay(h, inv["id"], "1.001")
        assert codes(cents) == [("amount", "INVALID")]
        bad_method = await _pay(h, inv["id"], "1.00", "bitcoin")
        assert codes(bad_method) == [("method", "INVALID_PAYMENT_METHOD")]
        final = await _pay(h, inv["id"], "252.70", "cash")
        assert final["errors"] == []
        assert (final["invoice"]["paymentStatus"], final["invoice"]["balance"]) == ("PAID", "0.00")

        await h.settle()
        issued_events = (await h.ok(EVENTS, {"n": "sales.invoice.issued"}))["events"]["edges"]
        [event] = [e["node"]["payload"] for e in issued_events]
        assert event["number"] == f"{year()}/FT/000001"
        assert (event["total"], event["currency"], event["exchange_rate"]) == (
            "352.70",
            "EUR",
            "1.00000000",
        )
        taxes = {(t["tax_code"], Decimal(t["taxable"]), Decimal(t["tax"])) for t in event["taxes"]}
        assert taxes == {
            ("IT10", Decimal("300"), Decimal("30")),
            ("IT22", Decimal("10"), Decimal("2.2")),
            ("N1", Decimal("10.5"), Decimal("0")),
        }
        categories = {
            c["category"]: (Decimal(c["net"]), Decimal(c["tax"])) for c in event["categories"]
        }
        assert categories == {
            "rooms": (Decimal("300"), Decimal("30")),
            "food_beverage": (Decimal("10"), Decimal("2.2")),
            "taxes": (Decimal("10.5"), Decimal("0")),
        }
        paid = (await h.ok(EVENTS, {"n": "sales.payment.registered"}))["events"]["edges"]
        amounts = sorted(Decimal(e["node"]["payload"]["amount"]) for e in paid)
        assert amounts == [Decimal("100"), Decimal("252.70")]


async def test_credit_note_corrects_an_issued_invoice(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest = await party(h)
        inv = await issued(h, guest, STAY, pricesIncludeTax=True)
        full = (await h.ok(INVOICE, {"id": inv["id"]}))["node"]
        minibar = next(ln for ln in full["lines"] if ln["chargeCode"] == "MINIBAR")
        made = await h.ok(
            CREDIT_NOTE_CREATE,
            {"i": {"invoiceId": inv["id"], "lines": [{"invoiceLineId": minibar["id"]}]}},
        )
        note = made["creditNoteCreate"]
        assert note["errors"] == []
        cn = note["creditNote"]
        assert (cn["kind"], cn["status"], cn["total"], cn["taxTotal"]) == (
            "CREDIT_NOTE",
            "DRAFT",
            "12.20",
            "2.20",
        )
        out = (await h.ok(INVOICE_ISSUE, {"i": {"id": cn["id"]}}))["invoiceIssue"]
        assert out["invoice"]["number"] == f"{year()}/NC/000001"
        after = (await h.ok(INVOICE, {"id": inv["id"]}))["node"]
        assert (after["creditedTotal"], after["balance"], after["total"]) == (
            "12.20",
            "340.50",
            "352.70",
        )
        # lines and totals of the issued invoice did not change
        assert after["lines"] == full["lines"]
        corrected = (await h.ok(INVOICE, {"id": cn["id"]}))["node"]
        assert corrected["correctsNumber"] == inv["number"]

        # more than what is left cannot be credited: the whole invoice now exceeds it
        whole = await h.ok(CREDIT_NOTE_CREATE, {"i": {"invoiceId": inv["id"]}})
        whole_id = whole["creditNoteCreate"]["creditNote"]["id"]
        refused = (await h.ok(INVOICE_ISSUE, {"i": {"id": whole_id}}))["invoiceIssue"]
        assert codes(refused) == [("id", "CREDIT_EXCEEDS_INVOICE")]
        still = (await h.ok(INVOICE, {"id": whole_id}))["node"]
        assert (still["status"], still["number"]) == ("DRAFT", None)
        # ... and that refusal left no gap in the credit note series
        await h.ok(INVOICE_CANCEL, {"i": {"id": whole_id}})
        rest = await h.ok(
            CREDIT_NOTE_CREATE,
            {"i": {"invoiceId": inv["id"], "lines": [{"invoiceLineId": minibar["id"]}]}},
        )
        rest_id = rest["creditNoteCreate"]["creditNote"]["id"]
        second = (await h.ok(INVOICE_ISSUE, {"i": {"id": rest_id}}))["invoiceIssue"]
        assert second["errors"] == []
        assert second["invoice"]["number"] == f"{year()}/NC/000002"

        # a draft cannot be credited, a credit note is not paid
        dr = await draft(h, guest, STAY[:1])
        not_issued = await h.ok(CREDIT_NOTE_CREATE, {"i": {"invoiceId": dr["invoice"]["id"]}})
        assert codes(not_issued["creditNoteCreate"]) == [("invoiceId", "INVALID_STATUS")]
        pay = await _pay(h, cn["id"], "1.00")
        assert codes(pay) == [("invoiceId", "INVALID_STATUS")]


async def test_drafts_cancel_and_bad_input(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest = await party(h)
        dr = await draft(h, guest, STAY[:1])
        cancelled = await h.ok(INVOICE_CANCEL, {"i": {"id": dr["invoice"]["id"]}})
        assert cancelled["invoiceCancel"]["invoice"]["status"] == "CANCELLED"
        refused = (await h.ok(INVOICE_ISSUE, {"i": {"id": dr["invoice"]["id"]}}))["invoiceIssue"]
        assert codes(refused) == [("id", "INVALID_STATUS")]

        cases = [
            ([], {}, [("lines", "REQUIRED")]),
            ([{"chargeCode": "NOPE"}], {}, [("lines.0.chargeCode", "NOT_FOUND")]),
            ([{"chargeCode": "MINIBAR", "quantity": "0"}], {}, [("lines.0.quantity", "INVALID")]),
            (
                [{"chargeCode": "MINIBAR", "discountPercent": "101"}],
                {},
                [("lines.0.discountPercent", "INVALID")],
            ),
            ([{"description": "Fee", "unitPrice": "5"}], {}, [("lines.0.taxCode", "REQUIRED")]),
            (
                [{"description": "Fee", "unitPrice": "5", "taxCode": "XX"}],
                {},
                [("lines.0.taxCode", "NOT_FOUND")],
            ),
            ([{"chargeCode": "MINIBAR"}], {"currency": "EUX"}, [("currency", "INVALID_CURRENCY")]),
            (
                [{"chargeCode": "MINIBAR", "quantity": "1.00001"}],
                {},
                [("lines.0.quantity", "INVALID")],
            ),
            (
                [{"chargeCode": "MINIBAR", "quantity": "9999999", "unitPrice": "99999999"}],
                {},
                [("lines", "INVALID")],
            ),
            ([{"chargeCode": "MINIBAR"}], {"currency": "USD"}, [("exchangeRate", "REQUIRED")]),
            (
                [{"chargeCode": "MINIBAR"}],
                {"currency": "USD", "exchangeRate": "0.92"},
                [("lines.0.unitPrice", "PRICE_MISSING")],
            ),
        ]
        for lines, extra, expected in cases:
            out = await draft(h, guest, lines, **extra)
            assert codes(out) == expected, (lines, extra, out)
            assert out["invoice"] is None
        italian = await h.ok(
            """mutation($i: InvoiceCreateInput!) {
                 invoiceCreate(input: $i) { errors { message } } }""",
            {"i": {"partyId": guest, "lines": [], "currency": "EUR"}},
            headers={"accept-language": "it"},
        )
        assert italian["invoiceCreate"]["errors"][0]["message"] == (
            "Un documento richiede almeno una riga."
        )
        from sportello_sales.models import Invoice, InvoiceLine

        assert await Invoice.all().count() == 1  # only the cancelled draft
        assert await InvoiceLine.all().count() == 1


async def test_foreign_currency_with_its_decimals(sportello_app: Callable[..., Any]) -> None:
    """A yen invoice has no decimals; the rate to the company currency is kept on it."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        guest = await party(h)
        lines = [
            {"description": "Tour", "unitPrice": "1234.5", "quantity": "3", "taxCode": "IT22"},
            {"description": "Guide", "unitPrice": "999", "taxCode": "IT10"},
        ]
        made = await draft(h, guest, lines, currency="JPY", exchangeRate="0.0061")
        inv = made["invoice"]
        assert made["errors"] == [] and inv["currency"] == "JPY"
        assert inv["exchangeRate"] == "0.00610000"
        # 3704 (3703.5 rounded) at 22 % = 815 (814.88), 999 at 10 % = 100 (99.9)
        assert (inv["netTotal"], inv["taxTotal"], inv["total"]) == ("4703", "915", "5618")
        out = (await h.ok(INVOICE_ISSUE, {"i": {"id": inv["id"]}}))["invoiceIssue"]
        assert out["invoice"]["currency"] == "JPY" and out["invoice"]["total"] == "5618"
        pay = await _pay(h, inv["id"], "5618.5")
        assert codes(pay) == [("amount", "INVALID")]


async def test_demo_data(sportello_app: Callable[..., Any]) -> None:
    """A real-looking morning: issued, paid, partly paid and credited invoices and a draft."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await h.load_demo()
        query = """query { invoices(first: 20) { totalCount edges { node {
            number status kind paymentStatus total balance } } } }"""
        first = (await h.ok(query))["invoices"]
        await h.load_demo()
        again = (await h.ok(query))["invoices"]
        assert first == again and first["totalCount"] == 7
        nodes = [e["node"] for e in first["edges"]]
        year = dt.date.today().year
        assert sorted(n["number"] for n in nodes if n["number"]) == [
            f"{year}/FT/000001",
            f"{year}/FT/000002",
            f"{year}/FT/000003",
            f"{year}/NC/000001",
            f"{year}/RC/000001",
            f"{year}/RC/000002",
        ]
        statuses = {n["paymentStatus"] for n in nodes if n["kind"] == "INVOICE"}
        assert {"PAID", "PARTIAL"} <= statuses
        assert any(n["status"] == "DRAFT" for n in nodes)
