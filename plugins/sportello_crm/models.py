"""Interactions with parties, cases routed to departments and back, their history and links."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Interaction channels (the column's values).
PHONE = "phone"
EMAIL = "email"
COUNTER = "counter"
WEB = "web"
CHAT = "chat"
LETTER = "letter"
SOCIAL = "social"
CHANNELS = (PHONE, EMAIL, COUNTER, WEB, CHAT, LETTER, SOCIAL)

INBOUND = "in"
OUTBOUND = "out"

# Case kinds.
COMPLAINT = "complaint"
INFORMATION = "information"
REQUEST = "request"
KINDS = (COMPLAINT, INFORMATION, REQUEST)

# Case priorities.
LOW = "low"
NORMAL = "normal"
HIGH = "high"
URGENT = "urgent"
PRIORITIES = (LOW, NORMAL, HIGH, URGENT)

# Case statuses: at the desk, with a department, waiting on the party, resolved.
OPEN = "open"
TRANSFERRED = "transferred"
WAITING = "waiting"
RESOLVED = "resolved"
STATUSES = (OPEN, TRANSFERRED, WAITING, RESOLVED)
#: Statuses a case is worked in (not resolved).
ACTIVE = (OPEN, TRANSFERRED, WAITING)

# Case history entries.
CREATED = "created"
TRIAGED = "triaged"
TAKEN = "taken"
TRANSFER = "transferred"
RETURNED = "returned"
WAITING_PARTY = "waiting"
PARTY_ANSWERED = "party_answered"
REPLIED = "replied"
NOTE = "note"
RESOLVE = "resolved"
REOPENED = "reopened"


class Case(Model):
    """A complaint, information request or citizen request, from the desk to a department and back."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="crm_cases", on_delete=fields.RESTRICT
    )
    site_id: int
    #: complaint, information or request
    kind = fields.CharField(max_length=16, default=REQUEST)
    party: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="crm_cases", null=True, on_delete=fields.RESTRICT
    )
    party_id: int | None
    subject = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    #: The channel the case came in through
    channel = fields.CharField(max_length=16)
    category = fields.CharField(max_length=100, default="")
    priority = fields.CharField(max_length=16, default=NORMAL)
    #: open (at the desk), transferred (with a department), waiting (on the party), resolved
    status = fields.CharField(max_length=16, default=OPEN, db_index=True)
    department: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        api.DEPARTMENT, related_name="crm_cases", null=True, on_delete=fields.RESTRICT
    )
    department_id: int | None
    #: The user working on the case (null: nobody has taken it)
    assignee_id = fields.IntField(null=True, db_index=True)
    #: The status a case waiting on the party goes back to when the party answers
    resume_status = fields.CharField(max_length=16, null=True)
    outcome = fields.TextField(null=True)
    #: Raised by every change: a write naming an older version is a conflict
    version = fields.IntField(default=1)
    #: The Message-ID of the last email about the case, for threading replies
    thread_key = fields.CharField(max_length=300, null=True, db_index=True)
    reopened_count = fields.IntField(default=0)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "crm_case"
        ordering = ["-created_at", "-id"]


class CaseEntry(Model):
    """One step of a case's history: created, triaged, transferred with its note, resolved."""

    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "crm.Case", related_name="entries", on_delete=fields.CASCADE
    )
    case_id: int
    #: What happened (created, triaged, taken, transferred, waiting, party_answered, resolved, ...)
    action = fields.CharField(max_length=32)
    from_status = fields.CharField(max_length=16, null=True)
    to_status = fields.CharField(max_length=16, null=True)
    department_id = fields.IntField(null=True)
    note = fields.TextField(default="")
    user_id = fields.IntField(null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "crm_case_entry"
        ordering = ["at", "id"]


class Interaction(Model):
    """A contact with a party on one channel: a call, an email, a visit at the counter, a letter."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="crm_interactions", on_delete=fields.RESTRICT
    )
    site_id: int
    party: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="crm_interactions", null=True, on_delete=fields.RESTRICT
    )
    party_id: int | None
    #: phone, email, counter, web, chat, letter or social
    channel = fields.CharField(max_length=16)
    #: in (from the party) or out (to the party)
    direction = fields.CharField(max_length=3, default=INBOUND)
    subject = fields.CharField(max_length=200, default="")
    body = fields.TextField(default="")
    #: The switchboard's filtering note on a call (who, what about, who it went to)
    filter_note = fields.TextField(default="")
    #: The address or number it came from or went to (an email address, a phone number)
    contact = fields.CharField(max_length=254, default="")
    case: fields.ForeignKeyNullableRelation[Case] = fields.ForeignKeyField(
        "crm.Case", related_name="interactions", null=True, on_delete=fields.SET_NULL
    )
    case_id: int | None
    #: The RFC 822 Message-ID of an email (inbound or sent)
    message_id = fields.CharField(max_length=300, null=True, db_index=True)
    #: Files that came with an inbound email: id, filename, content type, size, stored
    attachments: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    occurred_at = fields.DatetimeField(db_index=True)
    handled_at = fields.DatetimeField(null=True)
    handled_by_id = fields.IntField(null=True)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "crm_interaction"
        ordering = ["-occurred_at", "-id"]


class Link(Model):
    """A link from an interaction or a case to any office's object, by its global id."""

    id = fields.IntField(primary_key=True)
    interaction: fields.ForeignKeyNullableRelation[Interaction] = fields.ForeignKeyField(
        "crm.Interaction", related_name="links", null=True, on_delete=fields.CASCADE
    )
    interaction_id: int | None
    case: fields.ForeignKeyNullableRelation[Case] = fields.ForeignKeyField(
        "crm.Case", related_name="links", null=True, on_delete=fields.CASCADE
    )
    case_id: int | None
    #: The GraphQL type of the object (Reservation, QueueTicket, Invoice)
    object_type = fields.CharField(max_length=100)
    #: The object's global id, as the API gives it
    object_id = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "crm_link"
        ordering = ["id"]
