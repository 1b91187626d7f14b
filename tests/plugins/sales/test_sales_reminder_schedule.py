"""Payment reminders on a schedule: the SLA engine's sweeper (in every process) reaches each
reminder level's moment once, and sales sends that level once, even with two sweeps at once
and the event redelivered; an invoice paid in full gets none."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PAYMENT_REGISTER, PLUGINS, hotel_catalogue, issued
from test_sales_receivables import ROOMS, _due, _person

from sportello import api
from sportello_sales import models
from sportello_sales.services import _common, reminder_schedule


async def test_each_level_goes_out_once_on_time(
    sportello_app: Callable[..., Any], mail_server: Any
) -> None:
    from sportello.sla.models import SlaClock
    from sportello.sla.services import sweep

    async with sportello_app(MODULES, plugins=PLUGINS, **mail_server.settings()) as h:
        await hotel_catalogue(h)
        rossi = await _person(h, "Maria Rossi", "maria@example.it", "it")
        late = await issued(h, rossi, ROOMS, pricesIncludeTax=True)
        paid = await issued(h, rossi, ROOMS, pricesIncludeTax=True)
        pk = api.decode_id(late["id"], "Invoice", "id")
        # one clock per level, due at 09:00 (office time) 1, 15 and 30 days after the due date
        invoice = await models.Invoice.get(id=pk)
        assert invoice.due_date is not None
        clocks = await SlaClock.filter(office="sales", item_id=pk).order_by("item_type")
        assert [c.item_type for c in clocks] == ["reminder_1", "reminder_2", "reminder_3"]
        for clock, days in zip(clocks, (1, 15, 30), strict=True):
            due = clock.due_resolution_at
            assert due is not None
            assert abs(due - reminder_schedule.remind_at(invoice.due_date, days)) < dt.timedelta(
                minutes=1
            )
        pay = {"invoiceId": paid["id"], "amount": "110.00", "method": "card"}
        assert (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]["errors"] == []

        # The first level's moment: time moves on (the due date was yesterday), two processes
        # sweep at once; the paid invoice's clocks were resolved and publish nothing.
        await _due(late, -1)
        first = reminder_schedule.remind_at(invoice.due_date, 1) + dt.timedelta(minutes=1)
        await asyncio.gather(sweep(first), sweep(first))
        await h.settle()
        (message,) = await mail_server.received(1)
        assert late["number"] in str(message["Subject"]) and "Sollecito" in str(message["Subject"])
        assert [r.level for r in await models.Reminder.filter(invoice_id=pk)] == [1]
        paid_pk = api.decode_id(paid["id"], "Invoice", "id")
        assert not await models.Reminder.filter(invoice_id=paid_pk).exists()

        # a redelivered breach event sends nothing more
        from sportello.events.models import OutboxEvent

        rows = await OutboxEvent.filter(name="sla.clock.breached")
        assert len(rows) == 1
        event = api.Event(
            id=rows[0].id,
            name=rows[0].name,
            version=rows[0].version,
            aggregate=rows[0].aggregate,
            payload=rows[0].payload,
            site_id=rows[0].site_id,
        )
        await reminder_schedule.on_clock_breached(event)
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 1

        # the second level, 15 days after the due date
        await _due(late, -15)
        second = reminder_schedule.remind_at(invoice.due_date, 15) + dt.timedelta(minutes=1)
        await sweep(second)
        await h.settle()
        await mail_server.received(2)
        levels = await models.Reminder.filter(invoice_id=pk).order_by("level")
        assert [r.level for r in levels] == [1, 2]
        assert _common.today() - dt.timedelta(days=15) == (await models.Invoice.get(id=pk)).due_date
