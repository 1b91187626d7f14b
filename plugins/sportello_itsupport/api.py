"""What other offices may call (those that declare ``requires=("itsupport",)``).

An office opens a ticket from one of its own events, inside the handler's
``event.transaction()``, giving the event's idempotency key: a redelivered event finds the
ticket it already opened::

    from sportello_itsupport.api import open_ticket

    async def on_kiosk_fault(event: api.Event) -> None:
        async with event.transaction():
            await open_ticket(
                "Kiosk printer out of paper",
                "Reported by the kiosk at 08:12.",
                key=event.idempotency_key,
                site_id=event.site_id,
                category="Printers",
            )
"""

from __future__ import annotations

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services import create_ticket


async def open_ticket(
    subject: str,
    description: str,
    *,
    key: str,
    site_id: int | None = None,
    requester_id: int | None = None,
    category: str | None = None,
    impact: str | None = None,
    urgency: str | None = None,
) -> int:
    """Open a ticket (channel ``event``) once per ``key``; returns its id. The category is
    named (an unknown or archived one routes nowhere: the ticket waits as ``new``)."""
    found = await m.Ticket.filter(source_key=key).first()
    if found is not None:
        return int(found.id)
    category_id = None
    if category is not None:
        row = await m.Category.filter(name=category, active=True).first()
        category_id = row.id if row is not None else None
    ticket = await create_ticket(
        api.SYSTEM,
        subject=subject,
        description=description,
        requester_id=requester_id,
        category_id=category_id,
        impact=impact,
        urgency=urgency,
        site_id=site_id,
        channel="event",
        source_key=key,
    )
    return int(ticket.id)


__all__ = ["open_ticket"]
