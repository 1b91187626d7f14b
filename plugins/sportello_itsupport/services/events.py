"""The events the office publishes and their payloads."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import reference

TICKET_CREATED = "itsupport.ticket.created"
TICKET_RESOLVED = "itsupport.ticket.resolved"
SLA_WARNING = "itsupport.sla.warning"
SLA_BREACHED = "itsupport.sla.breached"


class TicketCreated(BaseModel):
    ticket_id: int = Field(description="The ticket's id")
    number: int = Field(description="Its number")
    reference: str = Field(description="Its printed reference, e.g. IT-000042")
    kind: str = Field(description="incident or service_request")
    channel: str = Field(description="web, email, phone, walk_in or event")
    priority: str = Field(description="critical, high, medium or low")
    category_id: int | None = Field(description="Its category")
    team_id: int | None = Field(description="The team it is routed to")
    agent_id: int | None = Field(description="The agent (a user id) it was given to")
    requester_id: int | None = Field(description="The requester (a party id)")


class TicketResolved(BaseModel):
    ticket_id: int = Field(description="The ticket's id")
    number: int = Field(description="Its number")
    reference: str = Field(description="Its printed reference")
    status: str = Field(description="resolved or closed")
    team_id: int | None = Field(description="The team it was routed to")
    agent_id: int | None = Field(description="The agent who had it")
    article_id: int | None = Field(description="The knowledge-base article given as the answer")
    response_minutes: int | None = Field(description="Business minutes to the first response")
    resolution_minutes: int | None = Field(description="Business minutes to resolution")
    breached: bool = Field(description="Whether a service-level target was missed")


class TicketSla(BaseModel):
    ticket_id: int = Field(description="The ticket's id")
    number: int = Field(description="Its number")
    reference: str = Field(description="Its printed reference")
    metric: str = Field(description="response or resolution: the target concerned")
    due_at: dt.datetime = Field(
        description="When the target is (or was) due", json_schema_extra={"format": "date-time"}
    )
    team_id: int | None = Field(description="The team it is routed to")
    agent_id: int | None = Field(description="The agent who has it")
    lead_ids: list[int] = Field(description="The team leads told (user ids)")


EVENT_TYPES = [
    api.EventType(
        TICKET_CREATED, description="A support ticket was opened.", payload=TicketCreated
    ),
    api.EventType(
        TICKET_RESOLVED,
        description="A support ticket was resolved (or closed without being resolved first).",
        payload=TicketResolved,
    ),
    api.EventType(
        SLA_WARNING,
        description="A support ticket's target is close (from the SLA engine): lead told.",
        payload=TicketSla,
    ),
    api.EventType(
        SLA_BREACHED,
        description="A support ticket missed a target (from the SLA engine): lead told.",
        payload=TicketSla,
    ),
]


async def publish_created(ticket: m.Ticket) -> None:
    payload = TicketCreated(
        ticket_id=ticket.id,
        number=ticket.number,
        reference=reference(ticket.number),
        kind=ticket.kind,
        channel=ticket.channel,
        priority=ticket.priority,
        category_id=ticket.category_id,
        team_id=ticket.team_id,
        agent_id=ticket.agent_id,
        requester_id=ticket.requester_id,
    )
    await api.publish(
        TICKET_CREATED, payload, aggregate=f"itsupport_ticket:{ticket.id}", site_id=ticket.site_id
    )


async def publish_resolved(ticket: m.Ticket) -> None:
    payload = TicketResolved(
        ticket_id=ticket.id,
        number=ticket.number,
        reference=reference(ticket.number),
        status=ticket.status,
        team_id=ticket.team_id,
        agent_id=ticket.agent_id,
        article_id=ticket.article_id,
        response_minutes=ticket.response_minutes,
        resolution_minutes=ticket.resolution_minutes,
        breached=ticket.breached_at is not None,
    )
    await api.publish(
        TICKET_RESOLVED, payload, aggregate=f"itsupport_ticket:{ticket.id}", site_id=ticket.site_id
    )
