"""Support tickets, categories, team queues, assets (CMDB) and the knowledge base."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Ticket.status
NEW = "new"
OPEN = "open"
WAITING_REQUESTER = "waiting_requester"
WAITING_SUPPLIER = "waiting_supplier"
RESOLVED = "resolved"
CLOSED = "closed"
MERGED = "merged"
STATUSES = (NEW, OPEN, WAITING_REQUESTER, WAITING_SUPPLIER, RESOLVED, CLOSED, MERGED)
#: Statuses of a ticket someone still has to work on (the backlog)
ACTIVE = (NEW, OPEN, WAITING_REQUESTER, WAITING_SUPPLIER)

# Ticket.kind
INCIDENT = "incident"
SERVICE_REQUEST = "service_request"
KINDS = (INCIDENT, SERVICE_REQUEST)

CHANNELS = ("web", "email", "phone", "walk_in", "event")

# Asset.kind
HARDWARE = "hardware"
SOFTWARE = "software"
NETWORK = "network"
ASSET_KINDS = (HARDWARE, SOFTWARE, NETWORK)
ASSET_STATUSES = ("in_use", "in_stock", "repair", "retired")
RELATION_KINDS = ("depends_on", "connected_to", "installed_on")

# KbArticle.visibility
AGENTS = "agents"
STAFF = "staff"
PUBLIC = "public"
VISIBILITIES = (AGENTS, STAFF, PUBLIC)


class Category(Model):
    """A kind of request (printers, accounts, the PMS) and the team that takes it by default."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    #: incident or service_request
    kind = fields.CharField(max_length=16, default=INCIDENT)
    team: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        api.DEPARTMENT, related_name="itsupport_categories", null=True, on_delete=fields.RESTRICT
    )
    team_id: int | None
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "itsupport_category"
        ordering = ["name", "id"]


class TeamQueue(Model):
    """How a team hands out its tickets, and the round robin's position (one row per team)."""

    id = fields.IntField(primary_key=True)
    team: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        api.DEPARTMENT, related_name="itsupport_queue", unique=True, on_delete=fields.RESTRICT
    )
    team_id: int
    #: manual, round_robin or least_loaded
    assignment = fields.CharField(max_length=16)
    #: Tickets handed out so far (the round robin gives the next to member number handed_out mod n)
    handed_out = fields.BigIntField(default=0)

    class Meta:
        table = "itsupport_team_queue"


class TicketCounter(Model):
    """The last ticket number issued (one row): numbers are gapless and unique."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=32, unique=True)
    last_number = fields.BigIntField(default=0)

    class Meta:
        table = "itsupport_ticket_counter"


class Ticket(Model):
    """An incident or a service request brought to IT support."""

    id = fields.IntField(primary_key=True)
    #: Gapless, unique across the organisation
    number = fields.IntField(unique=True)
    #: The site the ticket belongs to (null: the whole organisation)
    site: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        api.SITE, related_name="itsupport_tickets", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    kind = fields.CharField(max_length=16, default=INCIDENT)
    subject = fields.CharField(max_length=200)
    description = fields.TextField()
    requester: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        api.PARTY, related_name="itsupport_tickets", null=True, on_delete=fields.RESTRICT
    )
    requester_id: int | None
    #: web, email, phone, walk_in or event
    channel = fields.CharField(max_length=16, default="web")
    category: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "itsupport.Category", related_name="tickets", null=True, on_delete=fields.RESTRICT
    )
    category_id: int | None
    impact = fields.CharField(max_length=8, default="medium")
    urgency = fields.CharField(max_length=8, default="medium")
    #: From impact and urgency by the configured matrix
    priority = fields.CharField(max_length=8, default="medium")
    status = fields.CharField(max_length=20, default=NEW)
    team: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        api.DEPARTMENT, related_name="itsupport_tickets", null=True, on_delete=fields.RESTRICT
    )
    team_id: int | None
    #: The agent (a user id) working on it
    agent_id = fields.IntField(null=True)
    parent: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "itsupport.Ticket", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    parent_id: int | None
    #: The ticket this duplicate was merged into
    merged_into: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "itsupport.Ticket", related_name="duplicates", null=True, on_delete=fields.RESTRICT
    )
    merged_into_id: int | None
    #: The knowledge-base article given as the answer
    article: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "itsupport.KbArticle", related_name="answered", null=True, on_delete=fields.RESTRICT
    )
    article_id: int | None
    #: 1 to 5, given by the requester when the ticket is closed
    satisfaction = fields.IntField(null=True)
    satisfaction_comment = fields.TextField(default="")
    #: The next target due (first response, then resolution), from the SLA clock
    due_at = fields.DatetimeField(null=True)
    breached_at = fields.DatetimeField(null=True)
    warned_at = fields.DatetimeField(null=True)
    #: Business minutes to the first response and to resolution, from the SLA clock
    response_minutes = fields.IntField(null=True)
    resolution_minutes = fields.IntField(null=True)
    first_response_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    reopened = fields.IntField(default=0)
    created_by_id = fields.IntField(null=True)
    #: What opened it when another office did (an event's idempotency key): opened once
    source_key = fields.CharField(max_length=100, null=True, unique=True)
    #: Files of the email that opened it: id, filename, content type, size, stored
    attachments: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    #: Changes with every write (the conditional updates check it)
    version = fields.IntField(default=0)

    class Meta:
        table = "itsupport_ticket"
        ordering = ["-created_at", "-id"]
        indexes = (
            ("status", "team_id"),
            ("agent_id", "status"),
            ("status", "due_at"),
            ("created_at", "id"),
        )


class TicketMessage(Model):
    """A public reply, a requester's message or an internal note on a ticket."""

    id = fields.IntField(primary_key=True)
    ticket: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.Ticket", related_name="messages", on_delete=fields.CASCADE
    )
    ticket_id: int
    #: Internal notes are seen by agents only
    internal = fields.BooleanField(default=False)
    body = fields.TextField()
    #: The user who wrote it (null: the requester by email)
    author_id = fields.IntField(null=True)
    author_label = fields.CharField(max_length=254, default="")
    #: True when written by the requester (not an agent)
    from_requester = fields.BooleanField(default=False)
    channel = fields.CharField(max_length=16, default="web")
    #: Files that came with it by email: id, filename, content type, size, stored
    attachments: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField()

    class Meta:
        table = "itsupport_ticket_message"
        ordering = ["created_at", "id"]
        indexes = (("ticket_id", "created_at"),)


class Asset(Model):
    """A piece of hardware, a software licence or a network item of the organisation."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        api.SITE, related_name="itsupport_assets", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    #: Inventory tag, unique
    tag = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    #: hardware, software or network
    kind = fields.CharField(max_length=16)
    #: laptop, printer, kiosk, display, card_reader, workstation, switch, licence...
    model_type = fields.CharField(max_length=32, default="")
    vendor = fields.CharField(max_length=100, default="")
    serial = fields.CharField(max_length=100, default="")
    status = fields.CharField(max_length=16, default="in_use")
    #: Seats of a software licence (null: not a licence)
    seats = fields.IntField(null=True)
    #: Seats assigned now (never above seats)
    seats_used = fields.IntField(default=0)
    notes = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "itsupport_asset"
        ordering = ["tag", "id"]


class AssetAssignment(Model):
    """An asset given to a holder (a person, a site, a front desk, a counter), and when returned."""

    id = fields.IntField(primary_key=True)
    asset: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.Asset", related_name="assignments", on_delete=fields.CASCADE
    )
    asset_id: int
    #: The holder's GraphQL type: Party, Site, FrontDesk, Counter
    holder_type = fields.CharField(max_length=32)
    holder_id = fields.BigIntField()
    assigned_at = fields.DatetimeField()
    assigned_by_id = fields.IntField(null=True)
    released_at = fields.DatetimeField(null=True)
    released_by_id = fields.IntField(null=True)

    class Meta:
        table = "itsupport_asset_assignment"
        ordering = ["assigned_at", "id"]
        indexes = (("asset_id", "released_at"), ("holder_type", "holder_id"))


class AssetRelation(Model):
    """One asset depends on, is connected to or is installed on another."""

    id = fields.IntField(primary_key=True)
    source: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.Asset", related_name="relations_out", on_delete=fields.CASCADE
    )
    source_id: int
    target: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.Asset", related_name="relations_in", on_delete=fields.CASCADE
    )
    target_id: int
    #: depends_on, connected_to or installed_on
    kind = fields.CharField(max_length=16)

    class Meta:
        table = "itsupport_asset_relation"
        unique_together = (("source", "target", "kind"),)


class TicketAsset(Model):
    """An asset a ticket is about."""

    id = fields.IntField(primary_key=True)
    ticket: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.Ticket", related_name="asset_links", on_delete=fields.CASCADE
    )
    ticket_id: int
    asset: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.Asset", related_name="ticket_links", on_delete=fields.RESTRICT
    )
    asset_id: int

    class Meta:
        table = "itsupport_ticket_asset"
        unique_together = (("ticket", "asset"),)


class KbArticle(Model):
    """A knowledge-base article, written in one or more languages."""

    id = fields.IntField(primary_key=True)
    #: The site it is about (null: every site)
    site: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        api.SITE, related_name="itsupport_articles", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    category: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "itsupport.Category", related_name="articles", null=True, on_delete=fields.RESTRICT
    )
    category_id: int | None
    #: agents, staff or public
    visibility = fields.CharField(max_length=8, default=STAFF)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "itsupport_kb_article"
        ordering = ["-updated_at", "-id"]


class KbTranslation(Model):
    """The current text of an article in one language (what search reads)."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.KbArticle", related_name="translations", on_delete=fields.CASCADE
    )
    article_id: int
    #: en, it, es or el
    language = fields.CharField(max_length=2)
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    #: The revision this text is (1 and up)
    version = fields.IntField(default=1)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "itsupport_kb_translation"
        unique_together = (("article", "language"),)


class KbRevision(Model):
    """Every version of an article's text in one language."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "itsupport.KbArticle", related_name="revisions", on_delete=fields.CASCADE
    )
    article_id: int
    language = fields.CharField(max_length=2)
    version = fields.IntField()
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    author_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "itsupport_kb_revision"
        unique_together = (("article", "language", "version"),)
        ordering = ["article_id", "language", "-version"]
