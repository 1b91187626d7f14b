"""Payment reminders after a refund: paid in full, an invoice's reminder timers are cancelled;
a refund that makes it owed again sets them back from where dunning stood (the level already
sent is not sent again, the level whose moment passed meanwhile is sent at the next sweep,
once, the later one waits for its moment); a credit note or a payment that settles it again
cancels them again."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import (
    CREDIT_NOTE_CREATE,
    INVOICE,
    INVOICE_ISSUE,
    MODULES,
    PAYMENT_REGISTER,
    PLUGINS,
    hotel_catalogue,
    issued,
)
from test_sales_receivables import ROOMS, SEND, _due, _person

from sportello import api
from sportello_sales import models
from sportello_sales.services import _common, reminder_schedule

REFUND = """
mutation($i: PaymentRefundInput!) {
  paymentRefund(input: $i) { invoice { balance paymentStatus } errors { field code message } }
}
"""


async def _pending(pk: int) -> dict[int, dt.datetime]:
    """The invoice's reminder timers not fired yet: level -> moment."""
    from sportello.schedule.models import Timer

    rows = await Timer.filter(key__startswith=f"sales.reminder:{pk}:", fired_at=None)
    return {int(t.key.rsplit(":", 1)[1]): t.due_at for t in rows}


async def test_a_refund_sets_the_reminders_back_and_settling_cancels_them(
    sportello_app: Callable[..., Any], mail_server: Any
) -> None:
    from sportello.schedule.services import fire_due

    async with sportello_app(MODULES, plugins=PLUGINS, **mail_server.settings()) as h:
        await hotel_catalogue(h)
        rossi = await _person(h, "Maria Rossi", "maria@example.it", "it")
        late = await issued(h, rossi, ROOMS, pricesIncludeTax=True)  # 110.00
        pk = api.decode_id(late["id"], "Invoice", "id")
        assert sorted(await _pending(pk)) == [1, 2, 3]

        # 5 days past due, a clerk sends the first reminder; then the party pays in full.
        await _due(late, -5)
        sent = (await h.ok(SEND, {"i": {"invoiceId": late["id"]}}))["paymentRemindersSend"]
        assert sent["sent"] == 1, sent
        await h.settle()
        await mail_server.received(1)
        pay = {"invoiceId": late["id"], "amount": "110.00", "method": "card"}
        paid = (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]
        assert paid["errors"] == [] and paid["invoice"]["paymentStatus"] == "PAID", paid
        assert await _pending(pk) == {}  # paid in full: the timers are cancelled
        payment = paid["payment"]["id"]

        # 20 days past due, 55.00 of the payment go back: owed again. The first level was sent,
        # the second's moment (15 days) has passed, the third's (30 days) is still to come.
        await _due(late, -20)
        due = _common.today() - dt.timedelta(days=20)
        give = {"paymentId": payment, "amount": "55.00", "reason": "Charged twice"}
        out = (await h.ok(REFUND, {"i": give}, as_="manager"))["paymentRefund"]
        assert out["errors"] == [] and out["invoice"]["balance"] == "55.00", out
        assert await _pending(pk) == {
            2: reminder_schedule.remind_at(due, 15),
            3: reminder_schedule.remind_at(due, 30),
        }
        # The next sweep sends the second reminder, once, with what is owed now.
        assert await fire_due(_common.now()) == 1
        await h.settle()
        messages = await mail_server.received(2)
        assert late["number"] in str(messages[1]["Subject"])
        reminders = await models.Reminder.filter(invoice_id=pk).order_by("level")
        assert [(r.level, r.balance) for r in reminders] == [(1, 110), (2, 55)]
        assert list(await _pending(pk)) == [3]
        assert await fire_due(_common.now()) == 0

        # Half the stay credited: settled again, the third reminder is cancelled.
        full = (await h.ok(INVOICE, {"id": late["id"]}))["node"]
        lines = [{"invoiceLineId": full["lines"][0]["id"], "quantity": "0.5"}]
        note = (await h.ok(CREDIT_NOTE_CREATE, {"i": {"invoiceId": late["id"], "lines": lines}}))[
            "creditNoteCreate"
        ]
        assert note["errors"] == [], note
        issued_note = await h.ok(INVOICE_ISSUE, {"i": {"id": note["creditNote"]["id"]}})
        assert issued_note["invoiceIssue"]["errors"] == [], issued_note
        assert await _pending(pk) == {}

        # 10.00 more given back: owed again, the third level is set back at its moment; a
        # payment of it settles the invoice and cancels it; nothing more is ever sent.
        give = {"paymentId": payment, "amount": "10.00", "reason": "Minibar not taken"}
        out = (await h.ok(REFUND, {"i": give}, as_="manager"))["paymentRefund"]
        assert out["errors"] == [] and out["invoice"]["balance"] == "10.00", out
        assert await _pending(pk) == {3: reminder_schedule.remind_at(due, 30)}
        pay = {"invoiceId": late["id"], "amount": "10.00", "method": "cash"}
        assert (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]["errors"] == []
        assert await _pending(pk) == {}
        assert await fire_due(_common.now() + dt.timedelta(days=400)) == 0
        await h.settle()
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 2


async def test_a_refund_long_after_the_due_date_sends_one_reminder(
    sportello_app: Callable[..., Any], mail_server: Any
) -> None:
    """Paid before any reminder, refunded when every level's moment has passed: the next sweep
    sends one reminder (the highest level reached), not one per level."""
    from sportello.schedule.services import fire_due

    async with sportello_app(MODULES, plugins=PLUGINS, **mail_server.settings()) as h:
        await hotel_catalogue(h)
        rossi = await _person(h, "Maria Rossi", "maria@example.it", "it")
        invoice = await issued(h, rossi, ROOMS, pricesIncludeTax=True)
        pk = api.decode_id(invoice["id"], "Invoice", "id")
        pay = {"invoiceId": invoice["id"], "amount": "110.00", "method": "bank_transfer"}
        paid = (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]
        assert paid["errors"] == [], paid
        assert await _pending(pk) == {}
        await _due(invoice, -40)
        give = {"paymentId": paid["payment"]["id"], "amount": "110.00", "reason": "Bounced"}
        out = (await h.ok(REFUND, {"i": give}, as_="manager"))["paymentRefund"]
        assert out["errors"] == [] and out["invoice"]["paymentStatus"] == "UNPAID", out
        assert list(await _pending(pk)) == [3]
        assert await fire_due(_common.now()) == 1
        await h.settle()
        (message,) = await mail_server.received(1)
        assert invoice["number"] in str(message["Subject"])
        assert [r.level for r in await models.Reminder.filter(invoice_id=pk)] == [3]
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 1
