"""A ticket's service levels, counted by the core's SLA engine (never a copy of it).

The clock starts when the ticket is created (policies match office ``itsupport``, the
category's name, the priority, the channel, the requester and the team), is answered by the
first public reply of an agent, pauses while the ticket waits on the requester
(``waiting_customer``) or a supplier (``waiting_third_party``), is reassessed when the
priority, category or team changes, is met when the ticket is resolved and stops when it is
merged into another. Every call runs inside the ticket's transaction. The ticket keeps a copy
of what lists filter on: the next due time, the breach, the minutes counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import ITEM, OFFICE, settings

PAUSE_REASONS = {
    m.WAITING_REQUESTER: "waiting_customer",
    m.WAITING_SUPPLIER: "waiting_third_party",
}


def _category_name(category: m.Category | None) -> str | None:
    return category.name if category is not None else None


def copy_of(clock: api.ClockInfo | None) -> dict[str, Any]:
    """The ticket's columns that mirror its clock."""
    if clock is None:
        return {"due_at": None}
    due: dt.datetime | None = None
    if clock.state == "running":
        if clock.responded_at is None and clock.due_response_at is not None:
            due = clock.due_response_at
        else:
            due = clock.due_resolution_at
    return {
        "due_at": due,
        "response_minutes": clock.response_minutes,
        "resolution_minutes": clock.resolution_minutes,
    }


async def start(ticket: m.Ticket, category: m.Category | None) -> dict[str, Any]:
    clock = await api.sla_start(
        OFFICE,
        ITEM,
        ticket.id,
        site_id=ticket.site_id,
        department_id=ticket.team_id,
        category=_category_name(category),
        priority=ticket.priority,
        party_id=ticket.requester_id,
        channel=ticket.channel,
        at=ticket.created_at,
        response_minutes=settings().response_minutes,
        resolution_minutes=settings().resolution_minutes,
    )
    return copy_of(clock)


async def reassess(
    ticket: m.Ticket, category: m.Category | None, at: dt.datetime
) -> dict[str, Any]:
    clock = await api.sla_reassess(
        OFFICE,
        ITEM,
        ticket.id,
        department_id=ticket.team_id,
        category=_category_name(category),
        priority=ticket.priority,
        at=at,
    )
    return copy_of(clock)


async def responded(ticket: m.Ticket, at: dt.datetime) -> dict[str, Any]:
    return copy_of(await api.sla_respond(OFFICE, ITEM, ticket.id, at=at))


async def status_changed(
    ticket_id: int, before: str, after: str, at: dt.datetime
) -> dict[str, Any]:
    """Pause, resume, resolve or stop the clock as the ticket moves from ``before`` to
    ``after``; the ticket's mirrored columns."""
    clock: api.ClockInfo | None = None
    if before in (m.RESOLVED, m.CLOSED) and after not in (m.RESOLVED, m.CLOSED, m.MERGED):
        clock = await api.sla_restart(OFFICE, ITEM, ticket_id, at=at)  # reopened
    if before in PAUSE_REASONS and after != before:
        clock = await api.sla_resume(OFFICE, ITEM, ticket_id, at=at)
    if after in PAUSE_REASONS and after != before:
        clock = await api.sla_pause(OFFICE, ITEM, ticket_id, PAUSE_REASONS[after], at=at)
    elif after in (m.RESOLVED, m.CLOSED):
        clock = await api.sla_resolve(OFFICE, ITEM, ticket_id, at=at)
    elif after == m.MERGED:
        clock = await api.sla_stop(OFFICE, ITEM, ticket_id, at=at)
    if clock is None:
        clock = await api.sla_clock(OFFICE, ITEM, ticket_id)
    return copy_of(clock)


async def load_clocks(tickets: list[Any]) -> None:
    """The clocks of a page of tickets, in one query (``SupportTicket.slaClock``)."""
    found = await api.sla_clocks(OFFICE, ITEM, [t.id for t in tickets])
    for ticket in tickets:
        ticket.sla_clock_loaded = found.get(ticket.id)


async def clock_of(ticket: Any) -> api.ClockInfo | None:
    return await api.sla_clock(OFFICE, ITEM, ticket.id)
