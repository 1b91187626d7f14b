"""Refunds from sales (``sales.payment.refunded``): money paid back posts a balanced entry
(receivable debited for the party, the way the money went back credited) once however often
the event is handled, on the refund's date; a payment refunded without a credit note makes its
invoice open again in the aged receivables, a refund of what a credit note left owed consumes
the party's money on account and reopens nothing; the trial balance stays balanced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import accounting_sales_setup as sales
from accounting_helpers import by_account, trial
from accounting_sales_setup import CREDIT, INVOICE_ISSUE, MODULES, PLUGINS, REFUND, YEAR

from sportello import api
from sportello.events.models import OutboxEvent
from sportello_accounting.models import Entry, Settlement
from sportello_accounting.services import sales_postings


async def _paid_invoice(h: Any, party: str, method: str = "card") -> tuple[dict[str, Any], str]:
    """An invoice of 100.00 (issued on the day set, due 30 days later) paid in full 5 days
    after issue: (invoice, payment id)."""
    invoice = await sales.invoice(h, party, 1)
    await h.settle()  # the invoice's item is open before its payment settles it
    paid_on = dt.date.fromisoformat(invoice["dueDate"]) - dt.timedelta(days=25)
    made = await sales.pay(h, invoice["id"], "100.00", paid_on.isoformat(), method)
    assert made["invoice"]["balance"] == "0.00", made
    await h.settle()
    return invoice, made["payment"]["id"]


async def _refund(h: Any, payment: str, amount: str, day: str, **kw: Any) -> dict[str, Any]:
    ask = {"paymentId": payment, "amount": amount, "reason": "Given back", "refundedOn": day}
    out: dict[str, Any] = (await h.ok(REFUND, {"i": {**ask, **kw}}))["paymentRefund"]
    assert out["errors"] == [], out
    await h.settle()
    return out


def _open(row: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {d["number"]: (d["openAmount"], d["bucket"]) for d in row["documents"]}


async def _balanced(h: Any) -> dict[str, Decimal]:
    tb = await trial(h, f"{YEAR}-01-01", f"{YEAR}-12-31")
    assert Decimal(tb["totalDebit"]) == Decimal(tb["totalCredit"]), tb
    return {r["code"]: Decimal(r["closing"]) for r in tb["rows"]}


async def test_a_refund_posts_money_back_once_and_reopens_the_invoice(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        party = await sales.setup(h)
        issue_day(f"{YEAR}-09-01")  # due 1 October, paid 6 September
        invoice, payment = await _paid_invoice(h, party)
        assert await sales.aged(h, f"{YEAR}-09-30") == []

        # 40.00 of the card payment go back in cash on 10 October: a mistaken charge, no
        # credit note. The invoice is owed again for it, overdue since 1 October.
        out = await _refund(h, payment, "40.00", f"{YEAR}-10-10", method="cash")
        assert out["invoice"]["balance"] == "40.00"
        refund_id = api.decode_id(out["refund"]["id"], "Refund", "id")
        entries = await sales.entries(h)
        entry = entries[f"refund:{refund_id}"]
        assert by_account(entry) == {"1200": Decimal("40.00"), "1000": Decimal("-40.00")}
        assert entry["date"] == f"{YEAR}-10-10" and entry["journal"]["kind"] == "CASH"
        (receivable,) = [ln for ln in entry["lines"] if ln["account"]["code"] == "1200"]
        assert receivable["party"]["id"] == party

        (row,) = await sales.aged(h, f"{YEAR}-10-31")
        assert _open(row) == {invoice["number"]: ("40.00", "OVERDUE_30")}
        assert (row["total"], row["onAccount"], row["withoutDocument"]) == (
            "40.00",
            "0.00",
            "0.00",
        )
        assert await sales.aged(h, f"{YEAR}-10-09") == []  # before the refund: paid

        # The event handled again (a retried handler): one entry, one settlement taken back.
        row_ = await OutboxEvent.get(name=sales_postings.PAYMENT_REFUNDED)
        event = api.Event(
            row_.id, row_.name, row_.version, row_.aggregate, row_.payload, row_.site_id
        )
        for _ in range(2):
            await sales_postings.handle(event)
        assert await Entry.filter(source_document=f"refund:{refund_id}").count() == 1
        assert await Settlement.filter(amount__lt=0).count() == 1
        (row,) = await sales.aged(h, f"{YEAR}-10-31")
        assert _open(row) == {invoice["number"]: ("40.00", "OVERDUE_30")}

        # The rest goes back by card: the whole invoice is open again.
        await _refund(h, payment, "60.00", f"{YEAR}-10-12")
        entry = (await sales.entries(h))[f"refund:{refund_id + 1}"]
        assert by_account(entry) == {"1200": Decimal("60.00"), "1150": Decimal("-60.00")}
        (row,) = await sales.aged(h, f"{YEAR}-10-31")
        assert _open(row) == {invoice["number"]: ("100.00", "OVERDUE_30")}
        closing = await _balanced(h)
        assert closing["1200"] == Decimal("100.00")
        assert closing["1150"] == Decimal("40.00") and closing["1000"] == Decimal("-40.00")


async def test_a_refund_of_what_a_credit_note_left_owed_reopens_nothing(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        party = await sales.setup(h)
        issue_day(f"{YEAR}-09-01")
        invoice, payment = await _paid_invoice(h, party, method="bank_transfer")
        # Half the stay credited after payment: the party is owed 50.00 back.
        lines = [{"invoiceLineId": invoice["lines"][0]["id"], "quantity": "0.5"}]
        made = await h.ok(CREDIT, {"i": {"invoiceId": invoice["id"], "lines": lines}})
        assert made["creditNoteCreate"]["errors"] == [], made
        issue_day(f"{YEAR}-09-20")
        note = made["creditNoteCreate"]["creditNote"]["id"]
        issued = await h.ok(INVOICE_ISSUE, {"i": {"id": note}})
        assert issued["invoiceIssue"]["errors"] == [], issued
        await h.settle()
        (row,) = await sales.aged(h, f"{YEAR}-09-30")
        assert row["documents"] == [] and row["onAccount"] == "50.00"

        # The refund gives the credit note's money back: the money on account is consumed, the
        # invoice stays settled, nobody owes anything.
        out = await _refund(h, payment, "50.00", f"{YEAR}-10-05")
        assert (out["invoice"]["balance"], out["invoice"]["refundDue"]) == ("0.00", "0.00")
        refund_id = api.decode_id(out["refund"]["id"], "Refund", "id")
        entry = (await sales.entries(h))[f"refund:{refund_id}"]
        assert by_account(entry) == {"1200": Decimal("50.00"), "1100": Decimal("-50.00")}
        assert entry["journal"]["kind"] == "BANK"
        assert await sales.aged(h, f"{YEAR}-10-31") == []
        (row,) = await sales.aged(h, f"{YEAR}-10-04")  # before it: still on account
        assert row["onAccount"] == "50.00"

        # 20.00 more given back (what was left of the payment, no credit note for it): the
        # invoice is owed again for those 20.00 only.
        await _refund(h, payment, "20.00", f"{YEAR}-10-08")
        (row,) = await sales.aged(h, f"{YEAR}-10-31")
        assert _open(row) == {invoice["number"]: ("20.00", "OVERDUE_30")}
        assert (row["total"], row["onAccount"]) == ("20.00", "0.00")
        closing = await _balanced(h)
        assert closing["1200"] == Decimal("20.00")
