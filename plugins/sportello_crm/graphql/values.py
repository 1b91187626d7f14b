"""Enums and plain (non-node) types of the CRM's GraphQL."""

from __future__ import annotations

import datetime as dt
import enum

import strawberry

from sportello_crm import models


@strawberry.enum(description="How a party got in touch, or was contacted.")
class Channel(enum.Enum):
    PHONE = models.PHONE
    EMAIL = models.EMAIL
    COUNTER = models.COUNTER
    WEB = models.WEB
    CHAT = models.CHAT
    LETTER = models.LETTER
    SOCIAL = models.SOCIAL


@strawberry.enum(description="IN: from the party. OUT: to the party.")
class Direction(enum.Enum):
    IN = models.INBOUND
    OUT = models.OUTBOUND


@strawberry.enum(description="What a case is about.")
class CaseKind(enum.Enum):
    COMPLAINT = models.COMPLAINT
    INFORMATION = models.INFORMATION
    REQUEST = models.REQUEST


@strawberry.enum(description="How urgent a case is.")
class CasePriority(enum.Enum):
    LOW = models.LOW
    NORMAL = models.NORMAL
    HIGH = models.HIGH
    URGENT = models.URGENT


@strawberry.enum(
    description=(
        "OPEN: at the desk. TRANSFERRED: a department works on it. WAITING: waiting on the"
        " party (the SLA clock is paused). RESOLVED: answered, with an outcome."
    )
)
class CaseStatus(enum.Enum):
    OPEN = models.OPEN
    TRANSFERRED = models.TRANSFERRED
    WAITING = models.WAITING
    RESOLVED = models.RESOLVED


@strawberry.type(description="A link to any office's object (a reservation, a ticket).")
class LinkedObject:
    object_type: str = strawberry.field(description="The object's GraphQL type.")
    object_id: strawberry.ID = strawberry.field(description="Its global id: node(id:) reads it.")


@strawberry.type(description="One step of a case's history.")
class CaseHistoryEntry:
    action: str = strawberry.field(
        description=(
            "created, triaged, taken, transferred, waiting, party_answered, note, resolved,"
            " reopened"
        )
    )
    from_status: CaseStatus | None
    to_status: CaseStatus | None
    department_id: strawberry.ID | None = strawberry.field(
        description="The department the case was with after this step."
    )
    note: str
    user_id: strawberry.ID | None = strawberry.field(description="Who did it (a user).")
    at: dt.datetime


@strawberry.input(description="Any office's object, by its global id.")
class LinkInput:
    object_id: strawberry.ID


@strawberry.type(description="A file that came with an inbound email.")
class EmailAttachment:
    filename: str
    content_type: str
    size: int = strawberry.field(description="In bytes.")
    stored: bool = strawberry.field(
        description="False when it was over the size cap: only its name and size were kept."
    )
