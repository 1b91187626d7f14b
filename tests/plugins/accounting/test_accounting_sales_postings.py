"""Postings from the sales office's events: a hotel invoice, a deposit and a final payment, a
credit note, the same event handled twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import accounting_sales_setup as sales
import pytest
from accounting_helpers import by_account, ledger, trial
from accounting_sales_setup import (
    CREDIT,
    INVOICE_CREATE,
    INVOICE_ISSUE,
    MODULES,
    PARTY,
    PAY,
    PLUGINS,
    PRODUCT,
)

from sportello import api
from sportello.events.models import OutboxEvent
from sportello_accounting.models import Entry, EntryLine
from sportello_accounting.services import organisations, sales_postings
from sportello_accounting.services._common import configure, settings

VAT = """
query($f: Date!, $t: Date!) { vatRegister(book: SALES, from: $f, to: $t) { rate base tax } }
"""


async def _hotel_invoice(h: Any) -> tuple[dict[str, Any], str]:
    taxes = await sales.tax_rates(h)
    for code, tax, price, cat in (
        ("ROOM_NIGHT", "IT10", "110.00", "rooms"),
        ("MINIBAR", "IT22", "6.10", "food_beverage"),
        ("CITY_TAX", "N1", "3.50", "taxes"),
    ):
        made = await h.ok(
            PRODUCT,
            {
                "i": {
                    "chargeCode": code,
                    "name": code,
                    "taxRateId": taxes[tax],
                    "price": price,
                    "category": cat,
                }
            },
        )
        assert made["productCreate"]["errors"] == [], made
    guest = await sales.party(h, "Maria Rossi")
    lines = [
        {"chargeCode": "ROOM_NIGHT", "quantity": "3"},
        {"chargeCode": "MINIBAR", "quantity": "2"},
        {"chargeCode": "CITY_TAX", "quantity": "6"},
    ]
    draft = (await h.ok(INVOICE_CREATE, {"i": {"partyId": guest, "lines": lines}}))["invoiceCreate"]
    assert draft["errors"] == [], draft
    issued = (await h.ok(INVOICE_ISSUE, {"i": {"id": draft["invoice"]["id"]}}))["invoiceIssue"]
    assert issued["errors"] == [], issued
    return issued["invoice"], guest


async def test_hotel_invoice_and_payments_post_balanced_entries(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        year = dt.date.today().year
        await ledger(h, year=year)
        inv, _ = await _hotel_invoice(h)
        nets = {ln["chargeCode"]: Decimal(ln["net"]) for ln in inv["lines"]}
        total, tax = Decimal(inv["total"]), Decimal(inv["taxTotal"])
        assert {t["taxCode"] for t in inv["taxes"] if Decimal(t["tax"])} == {"IT10", "IT22"}
        deposit = Decimal("100.00")
        paid = await h.ok(
            PAY, {"i": {"invoiceId": inv["id"], "amount": str(deposit), "method": "card"}}
        )
        assert paid["paymentRegister"]["errors"] == [], paid
        rest = total - deposit
        paid = await h.ok(
            PAY, {"i": {"invoiceId": inv["id"], "amount": str(rest), "method": "cash"}}
        )
        assert Decimal(paid["paymentRegister"]["invoice"]["balance"]) == 0
        await h.settle()

        entries = await sales.entries(h)
        assert len(entries) == 3, entries
        invoice_entry = next(v for k, v in entries.items() if k.startswith("invoice:"))
        assert by_account(invoice_entry) == {
            "1200": total,
            "4200": -nets["ROOM_NIGHT"],
            "4300": -nets["MINIBAR"],
            "2350": -nets["CITY_TAX"],
            "2100": -tax,
        }
        payments = [by_account(v) for k, v in entries.items() if k.startswith("payment:")]
        assert {"1150": deposit, "1200": -deposit} in payments
        assert {"1000": rest, "1200": -rest} in payments

        tb = await trial(h, f"{year}-01-01", f"{year}-12-31")
        closing = {r["code"]: Decimal(r["closing"]) for r in tb["rows"]}
        assert closing.get("1200", Decimal(0)) == 0
        assert Decimal(tb["totalDebit"]) == Decimal(tb["totalCredit"])
        assert closing["2350"] == -nets["CITY_TAX"]  # owed to the municipality, not revenue
        assert "2350" not in {r["code"] for r in tb["rows"] if r["type"] == "income"}

        vat = (await h.ok(VAT, {"f": f"{year}-01-01", "t": f"{year}-12-31"}))["vatRegister"]
        rows = {Decimal(r["rate"]): (Decimal(r["base"]), Decimal(r["tax"])) for r in vat}
        taxes = {Decimal(t["rate"]): Decimal(t["tax"]) for t in inv["taxes"] if Decimal(t["tax"])}
        assert rows == {
            Decimal(10): (nets["ROOM_NIGHT"], taxes[Decimal(10)]),
            Decimal(22): (nets["MINIBAR"], taxes[Decimal(22)]),
        }


async def test_the_same_event_handled_twice_posts_once(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await ledger(h, year=dt.date.today().year)
        inv, _ = await _hotel_invoice(h)
        await h.ok(
            PAY, {"i": {"invoiceId": inv["id"], "amount": "50.00", "method": "bank_transfer"}}
        )
        await h.settle()
        before = await sales.entries(h)
        assert len(before) == 2
        for row in await OutboxEvent.filter(name__startswith="sales.").order_by("id"):
            if row.name not in (sales_postings.INVOICE_ISSUED, sales_postings.PAYMENT_REGISTERED):
                continue
            event = api.Event(
                row.id, row.name, row.version, row.aggregate, row.payload, row.site_id
            )
            for _ in range(2):  # a retried handler: same event id, no delivery mark
                await sales_postings.handle(event)
        after = await sales.entries(h)
        assert after == before


async def test_a_credit_note_reverses_the_amounts(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        year = dt.date.today().year
        await ledger(h, year=year)
        inv, _ = await _hotel_invoice(h)
        minibar_line = next(ln["id"] for ln in inv["lines"] if ln["chargeCode"] == "MINIBAR")
        made = await h.ok(
            CREDIT,
            {
                "i": {
                    "invoiceId": inv["id"],
                    "lines": [{"invoiceLineId": minibar_line, "quantity": "1"}],
                }
            },
        )
        assert made["creditNoteCreate"]["errors"] == [], made
        note_id = made["creditNoteCreate"]["creditNote"]["id"]
        issued = await h.ok(INVOICE_ISSUE, {"i": {"id": note_id}})
        assert issued["invoiceIssue"]["errors"] == [], issued
        await h.settle()
        entries = await sales.entries(h)
        note = next(v for k, v in entries.items() if k.startswith("credit_note:"))
        amounts = by_account(note)
        cn = made["creditNoteCreate"]["creditNote"]
        minibar, vat = Decimal(cn["netTotal"]), Decimal(cn["taxTotal"])
        assert minibar > 0 and vat > 0 and Decimal(cn["total"]) == minibar + vat
        assert amounts == {"1200": -(minibar + vat), "4300": minibar, "2100": vat}, amounts
        tb = await trial(h, f"{year}-01-01", f"{year}-12-31")
        assert Decimal(tb["totalDebit"]) == Decimal(tb["totalCredit"])
        closing = {r["code"]: Decimal(r["closing"]) for r in tb["rows"]}
        assert closing["1200"] == Decimal(inv["total"]) - minibar - vat


async def test_the_mapping_is_configured_per_installation(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await ledger(h, year=dt.date.today().year)
        original = settings()
        try:
            configure(original.model_copy(update={"sales_accounts": {"charge:MINIBAR": "4100"}}))
            inv, _ = await _hotel_invoice(h)
            await h.settle()
            entry = next(iter((await sales.entries(h)).values()))
            assert "4100" in by_account(entry) and "4300" not in by_account(entry)
            configure(original.model_copy(update={"sales_accounts": {"receivable": "9999"}}))
            row = await OutboxEvent.filter(name=sales_postings.INVOICE_ISSUED).first()
            assert row is not None
            with pytest.raises(api.ServiceError) as failed:
                org = await organisations.resolve(api.SYSTEM, None)
                await sales_postings.document_lines(row.payload, org)
            assert failed.value.code == "NO_ACCOUNT"
        finally:
            configure(original)


async def test_a_foreign_currency_document_posts_at_its_rate(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        year = dt.date.today().year
        await ledger(h, year=year)
        guest = (await h.ok(PARTY, {"i": {"displayName": "John Smith"}}))["partyCreate"]["party"]
        payload = {
            "invoice_id": 900,
            "kind": "invoice",
            "number": f"{year}/FT/000900",
            "issue_date": f"{year}-03-01",
            "party_id": api.decode_id(guest["id"], "Party", "partyId"),
            "currency": "USD",
            "exchange_rate": "0.9137",
            "total": "110.01",
            "taxes": [
                {
                    "tax_code": "IT10",
                    "rate": "10",
                    "nature": None,
                    "taxable": "33.33",
                    "tax": "3.33",
                },
                {
                    "tax_code": "IT22",
                    "rate": "22",
                    "nature": None,
                    "taxable": "60.05",
                    "tax": "13.30",
                },
            ],
            "categories": [
                {
                    "charge_code": "ROOM_NIGHT",
                    "category": "rooms",
                    "tax_code": "IT10",
                    "net": "33.33",
                    "tax": "3.33",
                },
                {
                    "charge_code": "MINIBAR",
                    "category": "food_beverage",
                    "tax_code": "IT22",
                    "net": "60.05",
                    "tax": "13.30",
                },
            ],
        }
        event = api.Event(10_000, sales_postings.INVOICE_ISSUED, 1, "invoice:900", payload, None)
        entry, created = await sales_postings.post_event(event)
        assert created
        again, created = await sales_postings.post_event(event)
        assert again.id == entry.id and not created
        lines = await EntryLine.filter(entry_id=entry.id).values(
            "debit", "credit", "currency", "amount", "label"
        )
        assert sum(ln["debit"] for ln in lines) == sum(ln["credit"] for ln in lines)
        assert {ln["currency"] for ln in lines if ln["label"] != "rounding"} == {"USD"}
        receivable = next(ln for ln in lines if ln["amount"] == 11001)
        assert receivable["debit"] == 10052  # 110.01 USD x 0.9137 = 100.5161 EUR
        assert any(ln["label"] == "rounding" for ln in lines)  # the cent lost converting


async def test_the_demo_of_both_offices_posts_every_sales_document(
    sportello_app: Callable[..., Any],
) -> None:
    from sportello.events.models import EventDelivery

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await h.load_demo()
        await h.settle(within=60)
        issued = await OutboxEvent.filter(name__startswith="sales.").exclude(
            name="sales.cash_session.closed"
        )
        parked = await EventDelivery.filter(
            handler__startswith="accounting.post.", status="parked"
        ).count()
        posted = await Entry.filter(source_office="sales").count()
        assert parked == 0
        assert issued and posted == len(issued)
