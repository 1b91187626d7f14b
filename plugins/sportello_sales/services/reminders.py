"""Payment reminders for overdue invoices, through the core's notifications.

A reminder level is reached when an invoice is that many days past due
(``reminder_days``, e.g. 1, 15, 30: the first, second and third reminder). Each level is sent
at most once per invoice: the ``sales_reminder`` row (UNIQUE invoice and level) and the
notification are written in one transaction, so two runs at once, or a run repeated, send
nothing twice, and a failed run sends nothing it did not record. A run catching up on an
invoice sends only its highest level reached, and the levels below it count as passed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, receivables
from sportello_sales.services.documents import formatting

PAYMENT_REMINDER = api.NotificationKind(
    name="sales.payment_reminder",
    title="Payment reminder",
    audience="requested",
    channels=("email",),
    params=("number", "amount", "due_date", "days", "level"),
    description="Sent when an issued invoice is overdue, once per reminder level.",
)

AUDIT = "paymentRemindersSend"


def level_of(days_overdue: int, thresholds: list[int]) -> int:
    """How many thresholds ``days_overdue`` has reached (0: none)."""
    return sum(1 for t in sorted(set(thresholds)) if days_overdue >= t)


async def send_due(
    actor: api.Actor, day: dt.date | None = None, invoice_id: int | None = None
) -> int:
    """Send the reminders due on ``day`` (today in the office's time zone), of one invoice or
    of all; how many went out."""
    day = day or _common.today()
    thresholds = _common.settings().reminder_days
    sent = 0
    for invoice in await receivables.overdue_invoices(day, invoice_id):
        assert invoice.due_date is not None
        days = (day - invoice.due_date).days
        level = level_of(days, thresholds)
        if level == 0:
            continue
        if await m.Reminder.filter(invoice_id=invoice.id, level__gte=level).exists():
            continue
        if await _send(actor, invoice, level, days):
            sent += 1
    if sent == 0:  # the run itself is an action someone took: audited even when nothing was due
        await api.record(actor, AUDIT, after={"sent": 0, "day": day.isoformat()})
    return sent


async def _send(actor: api.Actor, invoice: m.Invoice, level: int, days: int) -> bool:
    party = await api.PartyModel.get(id=invoice.party_id)
    language = party.preferred_language if party.preferred_language in api.LANGUAGES else "en"
    assert invoice.due_date is not None
    balance = invoice.total - invoice.paid_total - invoice.credited_total
    amount = _common.money(Decimal(balance), invoice.currency)
    try:
        async with api.atomic():
            reminder = await m.Reminder.create(
                invoice_id=invoice.id, level=level, days_overdue=days, balance=amount
            )
            await api.notify(
                PAYMENT_REMINDER.name,
                party_ids=[invoice.party_id],
                params={
                    "number": invoice.number,
                    "amount": formatting.money(amount, invoice.currency, language),
                    "due_date": formatting.day(invoice.due_date, language),
                    "days": str(days),
                    "level": str(level),
                },
                key=f"sales.reminder:{invoice.id}:{level}",
            )
            await api.record(actor, AUDIT, reminder, after={"invoice": invoice.number})
    except IntegrityError:
        return False  # another run sent this level meanwhile
    return True
