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
    #: The requester's satisfaction with the answer, 1 (poor) to 5 (excellent)
    satisfaction = fields.SmallIntField(null=True)
    satisfaction_comment = fields.TextField(default="")
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


# Pipeline stage outcomes and opportunity statuses.
STAGE_OPEN = "open"
WON = "won"
LOST = "lost"
OUTCOMES = (STAGE_OPEN, WON, LOST)

# Activity kinds.
ACTIVITY_KINDS = ("call", "meeting", "email", "task", "follow_up")


class Stage(Model):
    """A step of the sales pipeline: open steps in order, then a won and a lost one."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    position = fields.IntField(default=100)
    #: open, won or lost: where an opportunity in this stage stands
    outcome = fields.CharField(max_length=8, default=STAGE_OPEN)
    #: The chance of winning an opportunity in this stage, in percent
    probability = fields.IntField(default=10)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "crm_stage"
        ordering = ["position", "id"]


class LostReason(Model):
    """Why an opportunity was lost (price, a competitor), for the pipeline's statistics."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "crm_lost_reason"
        ordering = ["name", "id"]


class Opportunity(Model):
    """A lead or an opportunity in the sales pipeline: who, what it is worth, where it stands."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="crm_opportunities", on_delete=fields.RESTRICT
    )
    site_id: int
    title = fields.CharField(max_length=200)
    party: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="crm_opportunities", null=True, on_delete=fields.RESTRICT
    )
    party_id: int | None
    #: A lead's contact before it is a party (from a web form, a fair)
    contact_name = fields.CharField(max_length=200, default="")
    contact_email = fields.CharField(max_length=254, default="")
    stage: fields.ForeignKeyRelation[Stage] = fields.ForeignKeyField(
        "crm.Stage", related_name="opportunities", on_delete=fields.RESTRICT
    )
    stage_id: int
    #: open, won or lost
    status = fields.CharField(max_length=8, default=STAGE_OPEN, db_index=True)
    expected_value = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    #: ISO 4217 code
    currency = fields.CharField(max_length=3, default="EUR")
    expected_close = fields.DateField(null=True)
    #: The user who owns it (null: nobody yet)
    owner_id = fields.IntField(null=True, db_index=True)
    #: Where it came from: a channel (phone, web, email...) or an event
    source = fields.CharField(max_length=64, default="")
    lost_reason: fields.ForeignKeyNullableRelation[LostReason] = fields.ForeignKeyField(
        "crm.LostReason", related_name="opportunities", null=True, on_delete=fields.RESTRICT
    )
    lost_reason_id: int | None
    lost_note = fields.TextField(default="")
    version = fields.IntField(default=1)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "crm_opportunity"
        ordering = ["-created_at", "-id"]


class Activity(Model):
    """A call, meeting, task or follow-up about an opportunity or a party, with its due date."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="crm_activities", on_delete=fields.RESTRICT
    )
    site_id: int
    opportunity: fields.ForeignKeyNullableRelation[Opportunity] = fields.ForeignKeyField(
        "crm.Opportunity", related_name="activities", null=True, on_delete=fields.CASCADE
    )
    opportunity_id: int | None
    party: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="crm_activities", null=True, on_delete=fields.RESTRICT
    )
    party_id: int | None
    #: call, meeting, email, task or follow_up
    kind = fields.CharField(max_length=16, default="follow_up")
    title = fields.CharField(max_length=200)
    note = fields.TextField(default="")
    due_at = fields.DatetimeField(null=True, db_index=True)
    #: Minutes before the due time the owner is reminded (null: no reminder)
    remind_minutes = fields.IntField(null=True)
    done_at = fields.DatetimeField(null=True)
    owner_id = fields.IntField(null=True, db_index=True)
    #: The event that created it (event name and id): one follow-up per event
    source_event = fields.CharField(max_length=200, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "crm_activity"
        ordering = ["due_at", "id"]
