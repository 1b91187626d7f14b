"""Payment reminders on a schedule, through the core's SLA engine (no scheduler of our own).

At issue an invoice gets one SLA clock per reminder level (office ``sales``, item type
``reminder_<level>``, the invoice's id) whose resolution target is that level's moment: 09:00
in the office's time zone, ``reminder_days[level]`` days after the due date. The SLA sweeper,
running in every server process, publishes ``sla.clock.breached`` once per clock (its mark is
an atomic update: two processes publish it once), and its delivery runs ``send_due`` for that
invoice: the level reached is sent unless its ``sales_reminder`` row (UNIQUE invoice and level)
exists, so a redelivery, a second process or a clerk's ``paymentRemindersSend`` never sends a
level twice. Paid in full, the invoice's clocks are resolved: nothing more is published.

The clocks count every minute (an invoice belongs to no site, so no site's working hours
apply); a manager's SLA policy for office ``sales`` would override their targets.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, reminders

OFFICE = "sales"
ITEM_PREFIX = "reminder_"
CATEGORY = "payment_reminder"
HOUR = dt.time(9, 0)


def thresholds() -> list[int]:
    return sorted(set(_common.settings().reminder_days))


def remind_at(due: dt.date, days: int) -> dt.datetime:
    """09:00 in the office's time zone, ``days`` days after ``due``."""
    zone = ZoneInfo(_common.settings().timezone)
    local = dt.datetime.combine(due + dt.timedelta(days=days), HOUR, zone)
    return local.astimezone(dt.UTC)


async def schedule(invoice: m.Invoice) -> None:
    """Start the invoice's reminder clocks (inside its issuing transaction)."""
    if invoice.kind != m.INVOICE or invoice.due_date is None:
        return
    now = _common.now()
    for level, days in enumerate(thresholds(), start=1):
        minutes = math.ceil((remind_at(invoice.due_date, days) - now).total_seconds() / 60)
        await api.sla_start(
            OFFICE,
            f"{ITEM_PREFIX}{level}",
            invoice.id,
            site_id=None,
            party_id=invoice.party_id,
            category=CATEGORY,
            at=now,
            resolution_minutes=max(1, minutes),
        )


async def settled(invoice: m.Invoice) -> None:
    """The invoice is paid (or credited) in full: its pending reminder clocks are met."""
    for level in range(1, len(thresholds()) + 1):
        await api.sla_resolve(OFFICE, f"{ITEM_PREFIX}{level}", invoice.id)


async def on_clock_breached(event: api.Event) -> None:
    """A reminder level's moment came: send what is due for that invoice (once per level)."""
    payload = event.payload
    if payload.get("office") != OFFICE or not str(payload.get("item_type")).startswith(ITEM_PREFIX):
        return
    await reminders.send_due(api.SYSTEM, invoice_id=int(payload["item_id"]))


HANDLER = api.EventHandler(api.SLA_CLOCK_BREACHED, "sales.payment_reminder", on_clock_breached)
