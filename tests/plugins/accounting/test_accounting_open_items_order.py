"""Open items whatever the order their events are handled in: an invoice's posting and its
payment's are separate handlers (on PostgreSQL they run at once), so a payment may be posted
before the invoice it pays. It then waits, pending, and settles the invoice when the invoice is
opened: the aged receivables show the invoice's open amount, not the whole invoice plus money on
account."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from accounting_helpers import ledger

from sportello_accounting.models import Entry, PendingSettlement
from sportello_accounting.services import sales_postings

MODULES = ["sales", "accounting"]
PLUGINS = ["sportello_sales.plugin", "sportello_accounting.plugin"]

PARTY = "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } } }"
TAX_RATES = "query { taxRates(first: 100) { edges { node { id code } } } }"
PRODUCT = """
mutation($i: ProductCreateInput!) { productCreate(input: $i) { errors { field code } } }
"""
INVOICE_CREATE = """
mutation($i: InvoiceCreateInput!) {
  invoiceCreate(input: $i) { invoice { id } errors { field code message } }
}
"""
INVOICE_ISSUE = """
mutation($i: InvoiceIssueInput!) {
  invoiceIssue(input: $i) { invoice { id number } errors { field code } }
}
"""
PAY = """
mutation($i: PaymentRegisterInput!) {
  paymentRegister(input: $i) { errors { field code } }
}
"""
AGED = """
query($at: Date!) {
  agedReceivables(at: $at) { total onAccount documents { number openAmount } }
}
"""
YEAR = 2026


@pytest.fixture
def issue_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    from sportello_sales.services import _common

    def set_day(day: str) -> None:
        monkeypatch.setattr(_common, "today", lambda: dt.date.fromisoformat(day))

    yield set_day


async def _setup(h: Any) -> str:
    await ledger(h, year=YEAR)
    taxes = {
        e["node"]["code"]: e["node"]["id"] for e in (await h.ok(TAX_RATES))["taxRates"]["edges"]
    }
    product = {
        "chargeCode": "ROOM_NIGHT",
        "name": "Room",
        "taxRateId": taxes["IT10"],
        "price": "100.00",
        "category": "rooms",
    }
    assert (await h.ok(PRODUCT, {"i": product}))["productCreate"]["errors"] == []
    party: str = (await h.ok(PARTY, {"i": {"displayName": "Rossi Srl"}}))["partyCreate"]["party"][
        "id"
    ]
    return party


async def _invoice_paid_30(h: Any, party: str) -> str:
    """An invoice of 100.00 and, at once, a payment of 30.00 on it: its number."""
    lines = [{"chargeCode": "ROOM_NIGHT", "quantity": "1"}]
    draft = (await h.ok(INVOICE_CREATE, {"i": {"partyId": party, "lines": lines}}))["invoiceCreate"]
    issued = (await h.ok(INVOICE_ISSUE, {"i": {"id": draft["invoice"]["id"]}}))["invoiceIssue"]
    assert issued["errors"] == [], issued
    pay = {"invoiceId": issued["invoice"]["id"], "amount": "30.00", "method": "cash"}
    made = await h.ok(PAY, {"i": {**pay, "paidOn": f"{YEAR}-10-05"}})
    assert made["paymentRegister"]["errors"] == [], made
    number: str = issued["invoice"]["number"]
    return number


async def test_a_payment_posted_before_its_invoice_settles_it_when_it_opens(
    sportello_app: Callable[..., Any],
    issue_day: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        core = h.runtime.state["events"]
        core.config.backoff_base = 0.02
        core.config.poll_interval = 0.05
        party = await _setup(h)
        issue_day(f"{YEAR}-10-01")
        # The invoice's posting fails (a chart not ready, say) until told otherwise: it is
        # retried, and meanwhile its payment is posted.
        hold = {"invoices": True}
        lines_of = sales_postings.document_lines

        async def failing(p: dict[str, Any], organisation_id: int) -> Any:
            if hold["invoices"] and p["kind"] == "invoice":
                raise RuntimeError("not yet")
            return await lines_of(p, organisation_id)

        monkeypatch.setattr(sales_postings, "document_lines", failing)
        number = await _invoice_paid_30(h, party)
        for _ in range(500):
            if await Entry.filter(source_document__startswith="payment:").exists():
                break
            await asyncio.sleep(0.02)
        assert not await Entry.filter(source_document__startswith="invoice:").exists()
        assert await PendingSettlement.all().count() == 1
        hold["invoices"] = False
        await h.settle()
        (row,) = (await h.ok(AGED, {"at": f"{YEAR}-10-31"}))["agedReceivables"]
        assert row["documents"] == [{"number": number, "openAmount": "70.00"}]
        assert (row["total"], row["onAccount"]) == ("70.00", "0.00")
        assert await PendingSettlement.all().count() == 0


async def test_a_payment_posted_while_its_invoice_opens_waits_for_it(
    sportello_app: Callable[..., Any],
    issue_day: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PostgreSQL runs the two postings at once: the payment's, reaching its invoice while the
    invoice's transaction is still open, waits for it and settles it (SQLite runs one
    transaction at a time)."""
    from sportello_accounting.services import open_items

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        if h.backend != "postgres":
            pytest.skip("SQLite runs one transaction at a time")
        party = await _setup(h)
        issue_day(f"{YEAR}-10-01")
        opening, paying = asyncio.Event(), asyncio.Event()
        open_item, lines_of = open_items._open, sales_postings.payment_lines

        async def slow_open(*args: Any) -> None:
            await open_item(*args)
            opening.set()
            # the invoice's transaction stays open until the payment's posting is under way
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(5):
                    await paying.wait()
            await asyncio.sleep(0.3)

        async def payment_lines(p: dict[str, Any], organisation_id: int) -> Any:
            paying.set()
            return await lines_of(p, organisation_id)

        monkeypatch.setattr(open_items, "_open", slow_open)
        monkeypatch.setattr(sales_postings, "payment_lines", payment_lines)
        lines = [{"chargeCode": "ROOM_NIGHT", "quantity": "1"}]
        draft = await h.ok(INVOICE_CREATE, {"i": {"partyId": party, "lines": lines}})
        invoice = await h.ok(INVOICE_ISSUE, {"i": {"id": draft["invoiceCreate"]["invoice"]["id"]}})
        issued = invoice["invoiceIssue"]["invoice"]
        async with asyncio.timeout(20):
            await opening.wait()
        pay = {"invoiceId": issued["id"], "amount": "30.00", "method": "cash"}
        # paid in November: the two entries share no period (no balance row to queue on)
        made = await h.ok(PAY, {"i": {**pay, "paidOn": f"{YEAR}-11-05"}})
        assert made["paymentRegister"]["errors"] == [], made
        await h.settle()
        assert paying.is_set()
        (row,) = (await h.ok(AGED, {"at": f"{YEAR}-11-30"}))["agedReceivables"]
        assert row["documents"] == [{"number": issued["number"], "openAmount": "70.00"}]
        assert (row["total"], row["onAccount"]) == ("70.00", "0.00")
