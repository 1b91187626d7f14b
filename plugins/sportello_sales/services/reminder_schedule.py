"""Payment reminders on a schedule, through the core scheduler's one-shot timers.

At issue an invoice gets one timer per reminder level (key ``sales.reminder:<invoice>:<level>``,
written in the issuing transaction) due at that level's moment: 09:00 in the office's time
zone, ``reminder_days[level]`` days after the due date. The scheduler, running in every server
process, fires each timer once (its claim is an atomic update: two processes publish it once)
by publishing ``sales.payment_reminder.due``; its delivery runs ``send_due`` for that invoice:
the level reached is sent unless its ``sales_reminder`` row (UNIQUE invoice and level) exists,
so a redelivery, a second process or a clerk's ``paymentRemindersSend`` never sends a level
twice, and an invoice no longer open (paid, credited, cancelled) gets nothing. Paid or credited
in full, the invoice's pending timers are cancelled as well.

A refund that makes a settled invoice owed again (``reopened``, in the refund's transaction)
sets its reminders again from where dunning stood: the levels already sent are not sent again;
of the levels not sent whose moment has passed meanwhile, only the highest is set (due now, so
the next sweep sends that one reminder, as a late run would); the later levels at their
moments. Paid or credited in full again, they are cancelled again.

Timers are not SLA clocks: no SLA policy changes their moments, and they are no service level
(``slaClocks`` and ``slaReport`` do not list them).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, reminders

REMINDER_DUE = "sales.payment_reminder.due"
HOUR = dt.time(9, 0)


class ReminderDue(BaseModel):
    """Payload of ``sales.payment_reminder.due``."""

    invoice_id: int = Field(description="The invoice's id")
    level: int = Field(description="The reminder level whose moment came (1 for the first)")


def thresholds() -> list[int]:
    return sorted(set(_common.settings().reminder_days))


def remind_at(due: dt.date, days: int) -> dt.datetime:
    """09:00 in the office's time zone, ``days`` days after ``due``."""
    zone = ZoneInfo(_common.settings().timezone)
    local = dt.datetime.combine(due + dt.timedelta(days=days), HOUR, zone)
    return local.astimezone(dt.UTC)


def timer_key(invoice_id: int, level: int) -> str:
    return f"sales.reminder:{invoice_id}:{level}"


async def schedule(invoice: m.Invoice) -> None:
    """Set the invoice's reminder timers (inside its issuing transaction)."""
    if invoice.kind != m.INVOICE or invoice.due_date is None:
        return
    for level, days in enumerate(thresholds(), start=1):
        await api.schedule_at(
            timer_key(invoice.id, level),
            remind_at(invoice.due_date, days),
            REMINDER_DUE,
            ReminderDue(invoice_id=invoice.id, level=level),
        )


async def settled(invoice: m.Invoice) -> None:
    """The invoice is paid (or credited) in full: its pending reminders are cancelled."""
    for level in range(1, len(thresholds()) + 1):
        await api.cancel_timer(timer_key(invoice.id, level))


async def reopened(invoice: m.Invoice) -> None:
    """A settled invoice is owed again (a refund, inside its transaction): set the reminder
    levels not yet sent again, the highest one already past due at once, the later ones at
    their moments."""
    if invoice.kind != m.INVOICE or invoice.status != m.ISSUED or invoice.due_date is None:
        return
    sent = await m.Reminder.filter(invoice_id=invoice.id).order_by("-level").first()
    moment = _common.now()
    late: tuple[int, dt.datetime] | None = None
    for level, days in enumerate(thresholds(), start=1):
        if sent is not None and level <= sent.level:
            continue
        at = remind_at(invoice.due_date, days)
        if at <= moment:
            late = (level, at)  # the highest passed level wins: one reminder, not a burst
            continue
        await _set(invoice.id, level, at)
    if late is not None:
        await _set(invoice.id, *late)


async def _set(invoice_id: int, level: int, at: dt.datetime) -> None:
    await api.schedule_at(
        timer_key(invoice_id, level),
        at,
        REMINDER_DUE,
        ReminderDue(invoice_id=invoice_id, level=level),
    )


async def on_reminder_due(event: api.Event) -> None:
    """A reminder level's moment came: send what is due for that invoice (once per level;
    nothing when it is no longer open)."""
    await reminders.send_due(api.SYSTEM, invoice_id=int(event.payload["invoice_id"]))


EVENT_TYPE = api.EventType(
    REMINDER_DUE,
    description=(
        "An issued invoice reached a payment reminder level's moment (a scheduled timer):"
        " sales sends the reminder if the invoice is still overdue."
    ),
    payload=ReminderDue,
    permission="sales.view",
)
HANDLER = api.EventHandler(REMINDER_DUE, "sales.payment_reminder", on_reminder_due)
