"""What the office tells people, through the core's notifications (mail goes out after
commit, never from a request). The ticket's reference is in every subject, so that a reply
by mail finds its ticket."""

from __future__ import annotations

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import reference

RECEIVED = "itsupport.ticket_received"
REPLY = "itsupport.ticket_reply"
RESOLVED = "itsupport.ticket_resolved"
ASSIGNED = "itsupport.ticket_assigned"
SLA_WARNING = "itsupport.sla_warning"
SLA_BREACHED = "itsupport.sla_breached"

KINDS = [
    api.NotificationKind(
        RECEIVED,
        "Support ticket received",
        audience="requested",
        channels=("email", "in_app"),
        params=("reference", "subject"),
        description="Sent to the requester when a ticket is opened.",
    ),
    api.NotificationKind(
        REPLY,
        "Reply on a support ticket",
        audience="requested",
        channels=("email", "in_app"),
        params=("reference", "subject", "body"),
        description="An agent's public reply, sent to the requester.",
    ),
    api.NotificationKind(
        RESOLVED,
        "Support ticket resolved",
        audience="requested",
        channels=("email", "in_app"),
        params=("reference", "subject", "answer"),
        description="Sent to the requester when the ticket is resolved or closed.",
    ),
    api.NotificationKind(
        ASSIGNED,
        "Support ticket assigned to you",
        audience="staff",
        channels=("in_app", "email"),
        params=("reference", "subject", "priority"),
        description="Sent to the agent a ticket is given to.",
    ),
    api.NotificationKind(
        SLA_WARNING,
        "Support ticket close to its target",
        audience="staff",
        channels=("in_app", "email"),
        params=("reference", "subject", "metric", "due"),
        description="Sent to the team lead (and the agent) when a target is close.",
    ),
    api.NotificationKind(
        SLA_BREACHED,
        "Support ticket past its target",
        audience="staff",
        channels=("in_app", "email"),
        params=("reference", "subject", "metric", "due"),
        description="Sent to the team lead (and the agent) when a target is missed.",
    ),
]


def _key(ticket: m.Ticket, what: str) -> str:
    return f"itsupport:{ticket.id}:{what}"


async def to_requester(ticket: m.Ticket, kind: str, **params: str) -> int:
    """Tell the requester. The email's Message-ID is recorded as the ticket's thread (inside
    the caller's transaction): the requester's reply lands on the ticket by In-Reply-To, even
    with the reference taken out of the subject."""
    if ticket.requester_id is None:
        return 0
    message_id = api.mail_message_id()
    await api.mail_thread_add(message_id, api.MailThread("itsupport", "ticket", ticket.id))
    return await api.notify(
        kind,
        party_ids=[ticket.requester_id],
        site_id=ticket.site_id,
        params={"reference": reference(ticket.number), "subject": ticket.subject, **params},
        key=_key(ticket, kind),
        email_headers={"Message-ID": message_id},
    )


async def to_agent(ticket: m.Ticket) -> int:
    if ticket.agent_id is None:
        return 0
    return await api.notify(
        ASSIGNED,
        user_ids=[ticket.agent_id],
        site_id=ticket.site_id,
        params={
            "reference": reference(ticket.number),
            "subject": ticket.subject,
            "priority": ticket.priority,
        },
        key=_key(ticket, ASSIGNED),
    )


async def to_leads(ticket: m.Ticket, kind: str, lead_ids: list[int], metric: str, due: str) -> int:
    users = sorted({*lead_ids, *([ticket.agent_id] if ticket.agent_id else [])})
    if not users:
        return 0
    return await api.notify(
        kind,
        user_ids=users,
        site_id=ticket.site_id,
        params={
            "reference": reference(ticket.number),
            "subject": ticket.subject,
            "metric": metric,
            "due": due,
        },
        key=_key(ticket, kind),
    )
