"""Payment reminders on a schedule: the core scheduler fires each reminder level's timer once
(in every process), and sales sends that level once, even with two sweeps at once and the event
redelivered; an invoice paid in full gets none. Reminders are no SLA clocks: a catch-all SLA
policy changes nothing, and ``slaClocks`` / ``slaReport`` do not list them."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PAYMENT_REGISTER, PLUGINS, hotel_catalogue, issued
from test_sales_receivables import ROOMS, SEND, _due, _person

from sportello import api
from sportello_sales import models
from sportello_sales.services import _common, reminder_schedule

SLA_POLICY = """
mutation($i: SlaPolicyCreateInput!) {
  slaPolicyCreate(input: $i) { slaPolicy { id } errors { field code message } }
}
"""
SLA_CLOCKS = "query { slaClocks(first: 100) { totalCount edges { node { office itemType } } } }"
SLA_REPORT = """
query($from: DateTime!, $to: DateTime!) {
  slaReport(from: $from, to: $to, groupBy: OFFICE) { office met breached open }
}
"""


async def test_each_level_goes_out_once_on_time(
    sportello_app: Callable[..., Any], mail_server: Any
) -> None:
    from sportello.events.models import OutboxEvent
    from sportello.schedule.models import Timer
    from sportello.schedule.services import fire_due

    async with sportello_app(MODULES, plugins=PLUGINS, **mail_server.settings()) as h:
        # A catch-all policy (every office, 10 minutes) used to replace the reminders' moments.
        policy = {"name": "Everything in 10 minutes", "resolutionMinutes": 10}
        made = await h.ok(SLA_POLICY, {"i": policy}, as_="manager")
        assert made["slaPolicyCreate"]["errors"] == []
        await hotel_catalogue(h)
        rossi = await _person(h, "Maria Rossi", "maria@example.it", "it")
        late = await issued(h, rossi, ROOMS, pricesIncludeTax=True)
        paid = await issued(h, rossi, ROOMS, pricesIncludeTax=True)
        pk = api.decode_id(late["id"], "Invoice", "id")
        # one timer per level, due at 09:00 (office time) 1, 15 and 30 days after the due date
        invoice = await models.Invoice.get(id=pk)
        assert invoice.due_date is not None
        timers = await Timer.filter(key__startswith=f"sales.reminder:{pk}:").order_by("key")
        assert [t.key for t in timers] == [f"sales.reminder:{pk}:{n}" for n in (1, 2, 3)]
        for timer, days in zip(timers, (1, 15, 30), strict=True):
            assert timer.due_at == reminder_schedule.remind_at(invoice.due_date, days)
        # ... and nothing of it is a service level
        clocks = (await h.ok(SLA_CLOCKS, as_="manager"))["slaClocks"]
        assert clocks["totalCount"] == 0, clocks
        window = {"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}
        report = (await h.ok(SLA_REPORT, window, as_="manager"))["slaReport"]
        assert [row for row in report if row["office"] == "sales"] == []

        pay = {"invoiceId": paid["id"], "amount": "110.00", "method": "card"}
        assert (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]["errors"] == []
        paid_pk = api.decode_id(paid["id"], "Invoice", "id")
        # paid in full: its timers are cancelled
        assert not await Timer.filter(key__startswith=f"sales.reminder:{paid_pk}:").exists()

        # Before the first level's moment nothing fires, the catch-all policy's 10 minutes
        # notwithstanding.
        first = reminder_schedule.remind_at(invoice.due_date, 1)
        assert await fire_due(_common.now() + dt.timedelta(minutes=30)) == 0
        assert await fire_due(first - dt.timedelta(minutes=1)) == 0

        # The first level's moment: time moves on (the due date was yesterday), two processes
        # sweep at once: the level fires once.
        await _due(late, -1)
        fired = await asyncio.gather(fire_due(first), fire_due(first))
        assert sorted(fired) == [0, 1]
        await h.settle()
        (message,) = await mail_server.received(1)
        assert late["number"] in str(message["Subject"]) and "Sollecito" in str(message["Subject"])
        assert [r.level for r in await models.Reminder.filter(invoice_id=pk)] == [1]
        assert not await models.Reminder.filter(invoice_id=paid_pk).exists()

        # a redelivered event sends nothing more
        rows = await OutboxEvent.filter(name=reminder_schedule.REMINDER_DUE)
        assert len(rows) == 1 and rows[0].payload == {"invoice_id": pk, "level": 1}
        event = api.Event(
            id=rows[0].id,
            name=rows[0].name,
            version=rows[0].version,
            aggregate=rows[0].aggregate,
            payload=rows[0].payload,
            site_id=rows[0].site_id,
        )
        await reminder_schedule.on_reminder_due(event)
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 1

        # the second level, 15 days after the due date
        await _due(late, -15)
        second = reminder_schedule.remind_at(invoice.due_date, 15)
        assert await fire_due(second) == 1
        await h.settle()
        await mail_server.received(2)
        levels = await models.Reminder.filter(invoice_id=pk).order_by("level")
        assert [r.level for r in levels] == [1, 2]
        assert _common.today() - dt.timedelta(days=15) == (await models.Invoice.get(id=pk)).due_date
        assert (await h.ok(SLA_CLOCKS, as_="manager"))["slaClocks"]["totalCount"] == 0


async def test_a_timer_of_an_invoice_paid_meanwhile_sends_nothing(
    sportello_app: Callable[..., Any], mail_server: Any
) -> None:
    """The handler checks the invoice is still open: a timer that fires although the invoice
    was settled (its cancellation lost, a timer kept from before) sends no reminder."""
    from sportello.schedule.services import fire_due

    async with sportello_app(MODULES, plugins=PLUGINS, **mail_server.settings()) as h:
        await hotel_catalogue(h)
        rossi = await _person(h, "Maria Rossi", "maria@example.it", "it")
        invoice = await issued(h, rossi, ROOMS, pricesIncludeTax=True)
        pk = api.decode_id(invoice["id"], "Invoice", "id")
        await _due(invoice, -2)
        row = await models.Invoice.get(id=pk)
        await models.Invoice.filter(id=pk).update(paid_total=row.total)
        assert row.due_date is not None
        assert await fire_due(_common.now() + dt.timedelta(days=400)) == 3
        await h.settle()
        await asyncio.sleep(0.3)
        assert mail_server.messages == []
        assert not await models.Reminder.filter(invoice_id=pk).exists()


async def test_the_timer_and_clerks_racing_over_http_send_a_level_once(
    sportello_app: Callable[..., Any], mail_server: Any
) -> None:
    """The level's timer fires while clerks run ``paymentRemindersSend`` over real HTTP at
    the same moment: one reminder, one email (the UNIQUE invoice and level row)."""
    from sportello.schedule.services import fire_due

    async with sportello_app(MODULES, plugins=PLUGINS, live=True, **mail_server.settings()) as h:
        await hotel_catalogue(h)
        rossi = await _person(h, "Maria Rossi", "maria@example.it", "it")
        late = await issued(h, rossi, ROOMS, pricesIncludeTax=True)
        pk = api.decode_id(late["id"], "Invoice", "id")
        invoice = await models.Invoice.get(id=pk)
        assert invoice.due_date is not None
        first = reminder_schedule.remind_at(invoice.due_date, 1)
        await _due(late, -1)

        async def timer() -> int:
            fired = await fire_due(first)
            await h.settle()
            return fired

        send = {"i": {"invoiceId": late["id"]}}
        results = await asyncio.gather(
            timer(), *(h.ok(SEND, send, check_audit=False) for _ in range(4))
        )
        assert results[0] == 1
        await h.settle()
        assert [r.level for r in await models.Reminder.filter(invoice_id=pk)] == [1]
        await mail_server.received(1)
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 1
