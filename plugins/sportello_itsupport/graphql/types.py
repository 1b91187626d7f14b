"""Support tickets, categories, team queues: GraphQL types (named apart from the counter's
queue tickets)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, cast

import strawberry
from strawberry import relay

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.asset_types import ItAsset
from sportello_itsupport.graphql.kb_types import KbArticle


@strawberry.enum(name="Impact", description="How many people or how much work a problem stops.")
class Impact(enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@strawberry.enum(name="Urgency", description="How soon the problem hurts.")
class Urgency(enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@strawberry.enum(description="From impact and urgency, by the configured matrix.")
class SupportTicketPriority(enum.Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@strawberry.enum(description="Where a support ticket stands; the waiting ones pause its clock.")
class SupportTicketStatus(enum.Enum):
    NEW = models.NEW
    OPEN = models.OPEN
    WAITING_REQUESTER = models.WAITING_REQUESTER
    WAITING_SUPPLIER = models.WAITING_SUPPLIER
    RESOLVED = models.RESOLVED
    CLOSED = models.CLOSED
    MERGED = models.MERGED


@strawberry.enum
class SupportTicketKind(enum.Enum):
    INCIDENT = models.INCIDENT
    SERVICE_REQUEST = models.SERVICE_REQUEST


@strawberry.enum(description="How a ticket reached IT support.")
class SupportChannel(enum.Enum):
    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"
    WALK_IN = "walk_in"
    EVENT = "event"


@strawberry.enum(description="How a team hands out its tickets.")
class SupportAssignment(enum.Enum):
    MANUAL = "manual"
    ROUND_ROBIN = "round_robin"
    LEAST_LOADED = "least_loaded"


@strawberry.type(description="A kind of request and the team that takes it by default.")
class SupportCategory(api.ModelNode):
    __model__ = models.Category
    __permission__ = "itsupport.view"
    __site_field__ = "team__site_id"
    __site_optional__ = True  # organisation-wide teams

    id: relay.NodeID[int]
    name: str
    kind: SupportTicketKind
    active: bool
    team: api.Department | None


@strawberry.type(description="How a team hands out its tickets.")
class SupportTeamQueue(api.ModelNode):
    __model__ = models.TeamQueue
    __permission__ = "itsupport.view"
    __site_field__ = "team__site_id"
    __site_optional__ = True  # organisation-wide teams

    id: relay.NodeID[int]
    assignment: SupportAssignment
    handed_out: int
    team: api.Department


#: The cost limit's estimate of an email's attachments (the core's default cap on their number).
MAX_ATTACHMENTS = 20


@strawberry.type(
    description="A file that came by email (stored false: over the size cap, name and size only)."
)
class SupportAttachment:
    id: strawberry.ID
    filename: str
    content_type: str
    size: int
    stored: bool


def attachments_of(rows: list[dict[str, Any]]) -> list[SupportAttachment]:
    return [
        SupportAttachment(
            id=api.encode_id("InboundAttachment", int(a["id"])),
            filename=str(a.get("filename", "")),
            content_type=str(a.get("content_type", "")),
            size=int(a.get("size", 0)),
            stored=bool(a.get("stored", False)),
        )
        for a in rows or []
    ]


@strawberry.type(description="A reply, a requester's message or an internal note.")
class SupportTicketMessage:
    id: strawberry.ID
    internal: bool
    body: str
    author_label: str
    from_requester: bool
    created_at: dt.datetime
    attachments: list[SupportAttachment] = strawberry.field(
        description="Files that came with it by email.",
        metadata=api.list_size(MAX_ATTACHMENTS),
    )


def _message(row: models.TicketMessage) -> SupportTicketMessage:
    return SupportTicketMessage(
        id=api.encode_id("SupportTicketMessage", row.id),
        internal=row.internal,
        body=row.body,
        author_label=row.author_label,
        from_requester=row.from_requester,
        created_at=row.created_at,
        attachments=attachments_of(row.attachments),
    )


def _agent(actor: Any) -> bool:
    return bool(
        actor is not None and (actor.has("itsupport.work") or actor.has("itsupport.manage"))
    )


async def _messages_for(ids: list[int], actor: Any) -> dict[int, list[SupportTicketMessage]]:
    qs = models.TicketMessage.filter(ticket_id__in=ids)
    if not _agent(actor):
        qs = qs.filter(internal=False)
    found: dict[int, list[SupportTicketMessage]] = {i: [] for i in ids}
    for row in await qs.order_by("created_at", "id"):
        found[row.ticket_id].append(_message(row))
    return found


async def load_messages(tickets: list[Any], actor: Any) -> None:
    """The conversations of a page of tickets, in one query (internal notes for agents)."""
    found = await _messages_for([t.id for t in tickets], actor)
    for ticket in tickets:
        ticket.messages_loaded = found[ticket.id]


async def _assets_for(ids: list[int], actor: Any) -> dict[int, list[Any]]:
    links = await models.TicketAsset.filter(ticket_id__in=ids).order_by("id")
    assets = {a.id: a for a in await models.Asset.filter(id__in={link.asset_id for link in links})}
    found: dict[int, list[Any]] = {i: [] for i in ids}
    for link in links:
        asset = assets.get(link.asset_id)
        if asset is not None and (actor is None or actor.may_see_site(asset.site_id)):
            found[link.ticket_id].append(asset)
    return found


async def load_assets(tickets: list[Any], actor: Any) -> None:
    """The assets of a page of tickets, in two queries."""
    found = await _assets_for([t.id for t in tickets], actor)
    for ticket in tickets:
        ticket.assets_loaded = found[ticket.id]


async def _one(loader: Any, root: Any, info: strawberry.Info) -> Any:
    found = await loader([root.id], info.context.actor)
    return found[root.id]


def _reference(root: models.Ticket) -> str:
    return services.reference(root.number)


def _requester_name(root: models.Ticket) -> str | None:
    name: str | None = api.follow(root, "requester.display_name")
    return name


def _agent_id(root: models.Ticket) -> strawberry.ID | None:
    return None if root.agent_id is None else api.encode_id("User", root.agent_id)


def _breached(root: models.Ticket) -> bool:
    return root.breached_at is not None


def _messages(root: Any, info: strawberry.Info) -> list[SupportTicketMessage]:
    loaded = getattr(root, "messages_loaded", None)
    if loaded is None:
        return cast(list[SupportTicketMessage], _one(_messages_for, root, info))
    return cast(list[SupportTicketMessage], loaded)


def _assets(root: Any, info: strawberry.Info) -> list[ItAsset]:
    loaded = getattr(root, "assets_loaded", None)
    if loaded is None:
        return cast(list[ItAsset], _one(_assets_for, root, info))
    return cast(list[ItAsset], loaded)


async def _children_for(ids: list[int], actor: Any) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {i: [] for i in ids}
    for row in await models.Ticket.filter(parent_id__in=ids).order_by("number"):
        if actor is None or actor.may_see_site(row.site_id):
            found[int(row.parent_id or 0)].append(row)
    return found


async def load_children(tickets: list[Any], actor: Any) -> None:
    """The child tickets of a page of tickets, in one query."""
    found = await _children_for([t.id for t in tickets], actor)
    for ticket in tickets:
        ticket.children_loaded = found[ticket.id]


def _children(root: Any, info: strawberry.Info) -> list[SupportTicket]:
    loaded = getattr(root, "children_loaded", None)
    if loaded is None:
        return cast(list[SupportTicket], _one(_children_for, root, info))
    return cast(list[SupportTicket], loaded)


def _sla_clock(root: Any) -> api.SlaClock | None:
    if not hasattr(root, "sla_clock_loaded"):
        return cast(api.SlaClock | None, services.clock_of(root))
    return cast(api.SlaClock | None, root.sla_clock_loaded)


def _attachments(root: Any) -> list[SupportAttachment]:
    return attachments_of(root.attachments)


@strawberry.type(description="An incident or a service request brought to IT support.")
class SupportTicket(api.ModelNode):
    __model__ = models.Ticket
    __permission__ = "itsupport.view"
    __site_field__ = "site_id"
    __site_optional__ = True  # tickets of the whole organisation
    __needs__ = {
        "reference": api.needs("number"),
        "requester_name": api.needs("requester.display_name"),
        "agent_id": api.needs("agent_id"),
        "breached": api.needs("breached_at"),
        "attachments": api.needs("attachments"),
        "messages": api.needs(batch=load_messages),
        "assets": api.needs(batch=load_assets),
        "children": api.needs(batch=load_children),
        "sla_clock": api.needs(batch=services.load_clocks),
    }

    id: relay.NodeID[int]
    number: int
    kind: SupportTicketKind
    subject: str
    description: str
    status: SupportTicketStatus
    priority: SupportTicketPriority
    impact: Impact
    urgency: Urgency
    channel: SupportChannel
    due_at: dt.datetime | None = strawberry.field(
        description="When the next target (first response, then resolution) is due; empty "
        "while the ticket waits or once it is resolved."
    )
    breached_at: dt.datetime | None
    warned_at: dt.datetime | None
    response_minutes: int | None
    resolution_minutes: int | None
    first_response_at: dt.datetime | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    reopened: int
    satisfaction: int | None
    satisfaction_comment: str
    created_at: dt.datetime
    updated_at: dt.datetime
    site: api.Site | None
    requester: api.Party | None
    category: SupportCategory | None
    team: api.Department | None
    parent: SupportTicket | None
    merged_into: SupportTicket | None
    article: KbArticle | None = strawberry.field(
        description="The knowledge-base article given as the answer."
    )
    reference: str = strawberry.field(resolver=_reference, description="e.g. IT-000042")
    requester_name: str | None = strawberry.field(resolver=_requester_name)
    agent_id: strawberry.ID | None = strawberry.field(
        resolver=_agent_id, description="The agent (a User) working on it."
    )
    breached: bool = strawberry.field(resolver=_breached)
    messages: list[SupportTicketMessage] = strawberry.field(
        resolver=_messages, description="Oldest first; internal notes only for agents."
    )
    attachments: list[SupportAttachment] = strawberry.field(
        resolver=_attachments,
        description="Files of the email that opened it (each message lists its own).",
        metadata=api.list_size(MAX_ATTACHMENTS),
    )
    assets: list[ItAsset] = strawberry.field(
        resolver=_assets, metadata=api.list_size(services.MAX_ASSETS)
    )
    children: list[SupportTicket] = strawberry.field(
        resolver=_children, description="Its child tickets, by number."
    )
    sla_clock: api.SlaClock | None = strawberry.field(
        resolver=_sla_clock,
        permission_classes=[api.requires("sla.view")],
        description="The service-level clock (first response and resolution).",
    )


ItSupportError = api.office_errors(
    "ItSupport",
    "INVALID_TRANSITION",
    "NOT_IN_TEAM",
    "CHILDREN_OPEN",
    "CYCLE",
    "NO_SEATS",
    "ASSIGNED",
)
