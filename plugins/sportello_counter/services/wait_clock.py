"""The wait target of a service (``target_wait_minutes``) as an SLA clock.

A ticket's clock starts when it is issued (at its issue time), is answered when the ticket is
called (the wait is over: the clock is met, or was breached), and stops when a waiting ticket
is cancelled or a called one is a no-show. A transfer keeps the clock: the ticket keeps its
place and its issue time. An SLA policy for office ``counter`` (matched by the service's name as
category, the ticket's priority and channel) replaces the service's own target. Every call
runs inside the ticket's transaction; breaches show in ``slaReport`` like any other.
"""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_counter import models as m

OFFICE = "counter"
ITEM = "ticket"


async def ticket_issued(ticket: m.Ticket, service: m.CounterService) -> None:
    await api.sla_start(
        OFFICE,
        ITEM,
        ticket.id,
        site_id=ticket.site_id,
        category=service.name,
        priority=ticket.priority,
        channel=ticket.channel,
        at=ticket.issued_at,
        response_minutes=service.target_wait_minutes or None,
        returning=False,  # written with the ticket's audit entry and event, at commit
    )


async def ticket_moved(ticket: m.Ticket) -> None:
    """After a status change (a transition or call next): a called ticket's wait is over, a
    cancelled or no-show ticket's clock stops; other moves leave it as it is."""
    if ticket.status == m.CALLED:
        await api.sla_respond(OFFICE, ITEM, ticket.id, at=ticket.called_at)
    elif ticket.status in (m.CANCELLED, m.NO_SHOW):
        await api.sla_stop(OFFICE, ITEM, ticket.id, at=ticket.finished_at)


async def load_wait_clocks(tickets: list[Any]) -> None:
    """The clocks of a page of tickets, in one query (``QueueTicket.slaClock``)."""
    found = await api.sla_clocks(OFFICE, ITEM, [t.id for t in tickets])
    for ticket in tickets:
        ticket.sla_clock_loaded = found.get(ticket.id)


async def wait_clock(ticket: Any) -> api.ClockInfo | None:
    return await api.sla_clock(OFFICE, ITEM, ticket.id)
