"""Aged receivables per party, and payment reminders sent once per invoice and level by mail
(the real SMTP server fixture), in the party's language with its amounts formatted."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PAYMENT_REGISTER, PLUGINS, hotel_catalogue, issued

from sportello import api
from sportello.testing import count_queries
from sportello_sales import models
from sportello_sales.services import _common

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
RECEIVABLES = """
query($p: ID) {
  receivables(partyId: $p) {
    party { id displayName } currency current days1To30 days31To60 days61To90 over90
    total overdue invoices oldestDueDate
  }
}
"""
SEND = """
mutation($i: PaymentRemindersSendInput!) {
  paymentRemindersSend(input: $i) { sent errors { field code message } }
}
"""
ROOMS = [{"chargeCode": "ROOM_NIGHT", "quantity": "1"}]  # 110.00 with 10 % VAT included


async def _person(h: Any, name: str, email: str, language: str) -> str:
    data = await h.ok(
        PARTY, {"i": {"displayName": name, "email": email, "preferredLanguage": language}}
    )
    return str(data["partyCreate"]["party"]["id"])


async def _due(invoice: dict[str, Any], days_from_today: int) -> None:
    """Moves the due date (what time does in a test): N days from today."""
    due = _common.today() + dt.timedelta(days=days_from_today)
    pk = api.decode_id(invoice["id"], "Invoice", "id")
    await models.Invoice.filter(id=pk).update(due_date=due)


async def test_aged_receivables_and_reminders_once_per_level(
    sportello_app: Callable[..., Any], mail_server: Any
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, **mail_server.settings()) as h:
        await hotel_catalogue(h)
        rossi = await _person(h, "Maria Rossi", "maria@example.it", "it")
        papa = await _person(h, "Nikos Papadopoulos", "nikos@example.gr", "el")
        rooms = {"pricesIncludeTax": True}
        current = await issued(h, rossi, ROOMS, **rooms)
        late_10 = await issued(h, rossi, ROOMS, **rooms)
        late_45 = await issued(h, rossi, ROOMS, **rooms)
        late_100 = await issued(h, rossi, ROOMS, **rooms)
        late_70 = await issued(h, papa, ROOMS * 2, **rooms)
        paid = await issued(h, papa, ROOMS, **rooms)
        for invoice, days in (
            (current, 5),
            (late_10, -10),
            (late_45, -45),
            (late_100, -100),
            (late_70, -70),
            (paid, -40),
        ):
            await _due(invoice, days)
        pay = {"invoiceId": late_45["id"], "amount": "40.00", "method": "cash"}
        assert (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]["errors"] == []
        pay = {"invoiceId": paid["id"], "amount": "110.00", "method": "card"}
        assert (await h.ok(PAYMENT_REGISTER, {"i": pay}))["paymentRegister"]["errors"] == []

        rows = (await h.ok(RECEIVABLES))["receivables"]
        aged = {
            r["party"]["displayName"]: (
                r["current"],
                r["days1To30"],
                r["days31To60"],
                r["days61To90"],
                r["over90"],
                r["total"],
                r["overdue"],
                r["invoices"],
            )
            for r in rows
        }
        assert aged == {
            "Maria Rossi": ("110.00", "110.00", "70.00", "0.00", "110.00", "400.00", "290.00", 4),
            "Nikos Papadopoulos": ("0.00", "0.00", "0.00", "220.00", "0.00", "220.00", "220.00", 1),
        }
        assert [r["party"]["displayName"] for r in rows] == ["Maria Rossi", "Nikos Papadopoulos"]
        only = (await h.ok(RECEIVABLES, {"p": papa}))["receivables"]
        assert [(r["party"]["id"], r["total"]) for r in only] == [(papa, "220.00")]
        # Without sales.view, nothing.
        refused = await h.gql(RECEIVABLES, as_=None)
        assert refused.get("errors") and not (refused.get("data") or {}).get("receivables")

        # Reminders: 10 days late is level 1, 45, 70 and 100 days late level 3 (1, 15, 30).
        sent = await h.ok(SEND, {"i": {}})
        assert sent["paymentRemindersSend"] == {"sent": 4, "errors": []}
        messages = await mail_server.received(4)
        # Nothing due: nothing sent and nothing written (so no audit entry either).
        again = await h.ok(SEND, {"i": {}}, check_audit=False)
        assert again["paymentRemindersSend"]["sent"] == 0
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 4
        by_to = {}
        for message in messages:
            by_to.setdefault(str(message["To"]), []).append(message)
        assert len(by_to["maria@example.it"]) == 3
        greek = by_to["nikos@example.gr"][0]
        assert late_70["number"] in greek["Subject"] and "Υπενθύμιση" in greek["Subject"]
        body = greek.get_body(("plain",)).get_content().replace("\xa0", " ")
        assert "220,00 €" in body and "70" in body
        italian = " ".join(
            m.get_body(("plain",)).get_content().replace("\xa0", " ")
            for m in by_to["maria@example.it"]
        )
        assert "70,00 €" in italian and "Sollecito" in str(by_to["maria@example.it"][0]["Subject"])

        # Time passes: the 10-day-late invoice reaches level 2, once, even with two runs at once.
        await _due(late_10, -20)
        runs = await asyncio.gather(
            h.ok(SEND, {"i": {}}, check_audit=False),
            h.ok(SEND, {"i": {"invoiceId": late_10["id"]}}, check_audit=False),
        )
        assert sorted(r["paymentRemindersSend"]["sent"] for r in runs) == [0, 1]
        await mail_server.received(5)
        pk = api.decode_id(late_10["id"], "Invoice", "id")
        levels = await models.Reminder.filter(invoice_id=pk).order_by("level")
        assert [r.level for r in levels] == [1, 2]


async def test_receivables_sql_does_not_grow_with_the_parties(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        counts = []
        for batch in range(2):
            for n in range(1 if batch == 0 else 20):
                person = await _person(h, f"Guest {batch}-{n}", f"g{batch}-{n}@example.it", "en")
                await _due(await issued(h, person, ROOMS), -(n + 1) * 7)
            await h.settle()
            with count_queries() as statements:
                rows = (await h.ok(RECEIVABLES))["receivables"]
            assert len(rows) == (1 if batch == 0 else 21)
            # The event dispatcher's and the SLA sweeper's background ticks are not the query's.
            counts.append(len([s for s in statements if "events_" not in s and "sla_" not in s]))
        assert counts[0] == counts[1], counts
