"""Escalation: the SLA engine's sweeper publishes ``sla.clock.warning`` / ``sla.clock.breached``
once per clock and target; for a ticket of this office the handler marks the ticket, publishes
``itsupport.sla.warning`` / ``itsupport.sla.breached`` and tells the team lead (the team's
manager, or the nearest one above it) and the agent. The effects commit with the delivery's
mark (``event.transaction()``), so a retried delivery does it all exactly once."""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services import notices
from sportello_itsupport.services._common import ITEM, OFFICE, reference
from sportello_itsupport.services.events import SLA_BREACHED, SLA_WARNING, TicketSla


async def _escalate(event: api.Event, breached: bool) -> None:
    payload = event.payload
    if payload.get("office") != OFFICE or payload.get("item_type") != ITEM:
        return
    ticket = await m.Ticket.filter(id=int(payload["item_id"])).first()
    if ticket is None:
        return
    leads = await api.department_manager_ids(ticket.team_id) if ticket.team_id else []
    due = dt.datetime.fromisoformat(str(payload["due_at"]))
    async with event.transaction():
        column = "breached_at" if breached else "warned_at"
        if getattr(ticket, column) is None:
            await m.Ticket.filter(id=ticket.id, **{column: None}).update(**{column: due})
        body = TicketSla(
            ticket_id=ticket.id,
            number=ticket.number,
            reference=reference(ticket.number),
            metric=str(payload["metric"]),
            due_at=due,
            team_id=ticket.team_id,
            agent_id=ticket.agent_id,
            lead_ids=sorted(leads),
        )
        await api.publish(
            SLA_BREACHED if breached else SLA_WARNING,
            body,
            aggregate=f"itsupport_ticket:{ticket.id}",
            site_id=ticket.site_id,
        )
        await notices.to_leads(
            ticket,
            notices.SLA_BREACHED if breached else notices.SLA_WARNING,
            list(leads),
            body.metric,
            due.isoformat(timespec="minutes"),
        )


async def on_breached(event: api.Event) -> None:
    await _escalate(event, breached=True)


async def on_warning(event: api.Event) -> None:
    await _escalate(event, breached=False)


HANDLERS = [
    api.EventHandler(api.SLA_CLOCK_BREACHED, "itsupport.escalate_breach", on_breached),
    api.EventHandler(api.SLA_CLOCK_WARNING, "itsupport.escalate_warning", on_warning),
]
