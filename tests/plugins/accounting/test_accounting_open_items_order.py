"""Open items whatever the order their events are handled in: an invoice's posting and its
payment's are separate handlers (on PostgreSQL they run at once), so a payment may be posted
before the invoice it pays. It then waits, pending, and settles the invoice when the invoice is
opened: the aged receivables show the invoice's open amount, not the whole invoice plus money on
account."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from accounting_sales_setup import (
    INVOICE_CREATE,
    INVOICE_ISSUE,
    MODULES,
    PAY,
    PLUGINS,
    YEAR,
    invoice,
    pay,
    setup,
)

from sportello_accounting.models import Entry, PendingSettlement
from sportello_accounting.services import sales_postings

AGED = """
query($at: Date!) {
  agedReceivables(at: $at) { total onAccount documents { number openAmount } }
}
"""


async def _invoice_paid_30(h: Any, party: str) -> str:
    """An invoice of 100.00 and, at once, a payment of 30.00 on it: its number."""
    issued = await invoice(h, party, 1)
    await pay(h, issued["id"], "30.00", f"{YEAR}-10-05")
    number: str = issued["number"]
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
        party = await setup(h)
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
        party = await setup(h)
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
        ask = {"invoiceId": issued["id"], "amount": "30.00", "method": "cash"}
        # paid in November: the two entries share no period (no balance row to queue on)
        made = await h.ok(PAY, {"i": {**ask, "paidOn": f"{YEAR}-11-05"}})
        assert made["paymentRegister"]["errors"] == [], made
        await h.settle()
        assert paying.is_set()
        (row,) = (await h.ok(AGED, {"at": f"{YEAR}-11-30"}))["agedReceivables"]
        assert row["documents"] == [{"number": issued["number"], "openAmount": "70.00"}]
        assert (row["total"], row["onAccount"]) == ("70.00", "0.00")
