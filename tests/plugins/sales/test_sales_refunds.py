"""Refunds of payments: permission, reason, audited, never more than what is left of the
payment (a typed error, nothing written), race-safe over real HTTP; a credit note on a paid
invoice leaves a refund due that a refund gives back; the event accounting posts from."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sales_setup import (
    CREDIT_NOTE_CREATE,
    INVOICE,
    INVOICE_ISSUE,
    MODULES,
    PAYMENT_REGISTER,
    PLUGINS,
    codes,
    issued,
    party,
)
from strawberry import relay

LINE = [{"description": "Consulting", "unitPrice": "100", "quantity": "1", "taxCode": "IT22"}]
REFUND = """
mutation($i: PaymentRefundInput!) {
  paymentRefund(input: $i) {
    refund { id amount method reason refundedOn payment { id } invoice { id } }
    payment { id amount refundedTotal }
    invoice { id paidTotal balance refundDue paymentStatus }
    errors { field code message }
  }
}
"""


async def paid_invoice(h: Any, amount: str = "122.00") -> tuple[str, str]:
    """An issued invoice of 122.00 paid ``amount`` by card: (invoice id, payment id)."""
    customer = await party(h)
    inv = await issued(h, customer, LINE)
    pay = {"invoiceId": inv["id"], "amount": amount, "method": "card"}
    out = (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]
    assert out["errors"] == [], out
    return inv["id"], out["payment"]["id"]


def pk(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)


async def test_a_refund_gives_back_part_of_a_payment(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        inv, payment = await paid_invoice(h)
        ask = {"paymentId": payment, "amount": "22.00", "reason": "Charged twice for parking"}
        out = (await h.ok(REFUND, {"i": ask}, as_="back_office"))["paymentRefund"]
        assert out["errors"] == [], out
        refund = out["refund"]
        assert (refund["amount"], refund["method"], refund["reason"]) == (
            "22.00",
            "card",
            "Charged twice for parking",
        )
        assert refund["payment"]["id"] == payment and refund["invoice"]["id"] == inv
        assert (out["payment"]["amount"], out["payment"]["refundedTotal"]) == ("122.00", "22.00")
        assert (out["invoice"]["paidTotal"], out["invoice"]["balance"]) == ("100.00", "22.00")
        assert out["invoice"]["paymentStatus"] == "PARTIAL"

        # the event accounting posts from, with the amounts in the invoice's currency
        from sportello.events.models import OutboxEvent
        from sportello.identity.models import AuditEntry

        (event,) = await OutboxEvent.filter(name="sales.payment.refunded")
        assert event.payload["amount"] == "22.00"
        assert event.payload["payment_id"] == pk(payment)
        assert event.payload["invoice_id"] == pk(inv)
        assert (event.payload["method"], event.payload["payment_method"]) == ("card", "card")
        assert (event.payload["balance"], event.payload["currency"]) == ("22.00", "EUR")
        assert event.payload["reason"] == "Charged twice for parking"
        entry = await AuditEntry.filter(operation="paymentRefund").first()
        assert entry is not None and entry.object_id == str(pk(refund["id"]))
        assert "Charged twice for parking" in str(entry.changes)

        # by another method, the rest: the payment is fully given back
        rest = {"paymentId": payment, "amount": "100.00", "reason": "Cancelled", "method": "cash"}
        out = (await h.ok(REFUND, {"i": rest}, as_="manager"))["paymentRefund"]
        assert out["errors"] == [] and out["refund"]["method"] == "cash"
        assert (out["invoice"]["paidTotal"], out["invoice"]["paymentStatus"]) == (
            "0.00",
            "UNPAID",
        )


async def test_a_refund_beyond_the_payment_is_refused_and_writes_nothing(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        inv, payment = await paid_invoice(h, "50.00")
        too_much = {"paymentId": payment, "amount": "50.01", "reason": "Mistyped"}
        out = (await h.ok(REFUND, {"i": too_much}, as_="manager"))["paymentRefund"]
        assert codes(out) == [("amount", "REFUND_EXCEEDS_PAYMENT")]
        assert "50.00" in out["errors"][0]["message"] and out["refund"] is None
        cases = [
            ({"amount": "10.00", "reason": "  "}, ("reason", "REQUIRED")),
            ({"amount": "0", "reason": "Mistyped"}, ("amount", "INVALID")),
            ({"amount": "-5", "reason": "Mistyped"}, ("amount", "INVALID")),
            ({"amount": "1.001", "reason": "Mistyped"}, ("amount", "INVALID")),
            ({"amount": "1", "reason": "x" * 501}, ("reason", "TOO_LONG")),
            (
                {"amount": "1", "reason": "Mistyped", "method": "gold"},
                ("method", "INVALID_PAYMENT_METHOD"),
            ),
        ]
        for extra, expected in cases:
            out = await h.ok(REFUND, {"i": {"paymentId": payment, **extra}}, as_="manager")
            assert codes(out["paymentRefund"]) == [expected], (extra, out)
        after = (await h.ok(INVOICE, {"id": inv}))["node"]
        assert (after["paidTotal"], after["balance"]) == ("50.00", "72.00")
        from sportello.events.models import OutboxEvent
        from sportello_sales.models import Refund

        assert await Refund.all().count() == 0
        assert not await OutboxEvent.filter(name="sales.payment.refunded").exists()

        # the permission: a front desk clerk takes payments, but gives none back
        denied = await h.gql(
            REFUND, {"i": {"paymentId": payment, "amount": "1", "reason": "x"}}, as_="front_desk"
        )
        assert denied["errors"] and denied["data"] is None
        assert await Refund.all().count() == 0


async def test_a_paid_invoice_credited_owes_a_refund_until_given_back(
    sportello_app: Callable[..., Any],
) -> None:
    """As in Odoo and ERPNext: a credit note on a paid invoice is allowed; the party is owed
    its amount back (refundDue) until a refund of the payment gives it."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        inv, payment = await paid_invoice(h)
        full = (await h.ok(INVOICE, {"id": inv}))["node"]
        line = full["lines"][0]["id"]
        credit = {"invoiceId": inv, "lines": [{"invoiceLineId": line, "quantity": "0.5"}]}
        note = (await h.ok(CREDIT_NOTE_CREATE, {"i": credit}))["creditNoteCreate"]
        assert note["errors"] == [], note
        out = (await h.ok(INVOICE_ISSUE, {"i": {"id": note["creditNote"]["id"]}}))["invoiceIssue"]
        assert out["errors"] == [], out
        after = (await h.ok(INVOICE, {"id": inv}))["node"]
        assert (after["creditedTotal"], after["balance"], after["paymentStatus"]) == (
            "61.00",
            "-61.00",
            "PAID",
        )
        refund_due = "query($id: ID!) { node(id: $id) { ... on Invoice { refundDue } } }"
        assert (await h.ok(refund_due, {"id": inv}))["node"]["refundDue"] == "61.00"
        # more than the invoice's total cannot be credited, paid or not
        whole = (await h.ok(CREDIT_NOTE_CREATE, {"i": {"invoiceId": inv}}))["creditNoteCreate"]
        refused = await h.ok(INVOICE_ISSUE, {"i": {"id": whole["creditNote"]["id"]}})
        assert codes(refused["invoiceIssue"]) == [("id", "CREDIT_EXCEEDS_INVOICE")]

        give = {"paymentId": payment, "amount": "61.00", "reason": "Half the stay credited"}
        out = (await h.ok(REFUND, {"i": give}, as_="manager"))["paymentRefund"]
        assert out["errors"] == [], out
        assert (out["invoice"]["paidTotal"], out["invoice"]["balance"]) == ("61.00", "0.00")
        assert (out["invoice"]["refundDue"], out["invoice"]["paymentStatus"]) == ("0.00", "PAID")


async def test_concurrent_refunds_never_exceed_the_payment(
    sportello_app: Callable[..., Any],
) -> None:
    """Ten clerks refunding 30.00 each of a 122.00 payment at once: four go through."""
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        inv, payment = await paid_invoice(h)
        token = await h.token(roles=["manager"])
        ask = {"paymentId": payment, "amount": "30.00", "reason": "Partial refund"}
        results = await asyncio.gather(*(h.gql(REFUND, {"i": ask}, token=token) for _ in range(10)))
        outcomes = [codes(r["data"]["paymentRefund"]) for r in results]
        assert outcomes.count([]) == 4, results
        assert outcomes.count([("amount", "REFUND_EXCEEDS_PAYMENT")]) == 6
        from sportello_sales.models import Invoice, Payment, Refund

        assert (await Payment.get(id=pk(payment))).refunded_total == 120
        assert (await Invoice.get(id=pk(inv))).paid_total == 2
        assert await Refund.all().count() == 4
