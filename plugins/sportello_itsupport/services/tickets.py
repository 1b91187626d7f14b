"""Opening a ticket, changing what it is about, and handing it to a team and an agent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services import _common, clock, notices
from sportello_itsupport.services._common import (
    MANAGE,
    WORK,
    default_site,
    not_found,
    require_text,
    settings,
)
from sportello_itsupport.services.assignment import (
    ensure_queue,
    pick_agent,
    require_agent,
    require_team,
)
from sportello_itsupport.services.events import publish_created
from sportello_itsupport.services.numbering import ensure_counter, next_number
from sportello_itsupport.settings import LEVELS

#: The most assets one ticket names
MAX_ASSETS = 20


def priority_of(impact: str, urgency: str) -> str:
    """The priority the configured impact x urgency matrix gives."""
    return settings().priority_matrix[impact][urgency]


def _level(value: str | None, field: str) -> str:
    if value is None:
        return "medium"
    if value not in LEVELS:
        raise api.ServiceError("INVALID", "itsupport.invalid_level", field)
    return value


async def ticket_for(actor: api.Actor, ticket_id: int, field: str = "id") -> m.Ticket:
    """The ticket, if the actor may see it (NOT_FOUND otherwise)."""
    ticket = await m.Ticket.filter(id=ticket_id).first()
    if ticket is None or not actor.may_see_site(ticket.site_id):
        raise not_found(field)
    return ticket


async def _category(category_id: int | None) -> m.Category | None:
    if category_id is None:
        return None
    category = await m.Category.filter(id=category_id, active=True).first()
    if category is None:
        raise not_found("categoryId")
    return category


async def _assets(actor: api.Actor, asset_ids: Sequence[int]) -> list[int]:
    wanted = sorted(set(asset_ids))
    if len(wanted) > MAX_ASSETS:
        raise api.ServiceError("INVALID", "itsupport.too_many_assets", "assetIds", limit=MAX_ASSETS)
    found = await m.Asset.filter(id__in=wanted).values_list("id", "site_id")
    visible = {int(pk) for pk, site in found if actor.may_see_site(site)}
    if visible != set(wanted):
        raise not_found("assetIds")
    return wanted


async def create_ticket(
    actor: api.Actor,
    *,
    subject: str,
    description: str,
    requester_id: int | None = None,
    category_id: int | None = None,
    impact: str | None = None,
    urgency: str | None = None,
    asset_ids: Sequence[int] = (),
    site_id: int | None = None,
    team_id: int | None = None,
    kind: str | None = None,
    channel: str = "web",
    source_key: str | None = None,
) -> m.Ticket:
    """Open a ticket: numbered, prioritised by the matrix, routed to the category's team (or
    the one given) and to an agent by the team's mode, with its SLA clock started."""
    subject = require_text(subject, "subject", 200)
    description = require_text(description, "description")
    impact, urgency = _level(impact, "impact"), _level(urgency, "urgency")
    if channel not in m.CHANNELS:
        raise api.ServiceError("INVALID", "itsupport.invalid_channel", "channel")
    if kind is not None and kind not in m.KINDS:
        raise api.ServiceError("INVALID", "itsupport.invalid_kind", "kind")
    site_id = default_site(actor, site_id)
    if site_id is not None:
        await api.get_or_error(api.SiteModel, site_id, "siteId")
    category = await _category(category_id)
    team_id = team_id if team_id is not None else (category.team_id if category else None)
    if team_id is not None:
        await require_team(team_id, site_id, "teamId" if category is None else "categoryId")
        await ensure_queue(team_id)
    assets = await _assets(actor, asset_ids)
    await ensure_counter()
    at = _common.now()
    async with api.atomic() as conn:
        if requester_id is not None:
            await api.require_party(actor, requester_id, "requesterId", link_to=site_id)
        else:
            requester_id = actor.party_id
        agent_id = await pick_agent(conn, team_id) if team_id is not None else None
        ticket = await m.Ticket.create(
            number=await next_number(conn),
            site_id=site_id,
            kind=kind or (category.kind if category else m.INCIDENT),
            subject=subject,
            description=description,
            requester_id=requester_id,
            channel=channel,
            category_id=category.id if category else None,
            impact=impact,
            urgency=urgency,
            priority=priority_of(impact, urgency),
            status=m.NEW if agent_id is None else m.OPEN,
            team_id=team_id,
            agent_id=agent_id,
            created_by_id=actor.user_id,
            source_key=source_key,
            created_at=at,
            updated_at=at,
        )
        if assets:
            await m.TicketAsset.bulk_create(
                [m.TicketAsset(ticket_id=ticket.id, asset_id=a) for a in assets]
            )
        mirrored = await clock.start(ticket, category)
        await m.Ticket.filter(id=ticket.id).update(**mirrored)
        for name, value in mirrored.items():
            setattr(ticket, name, value)
        await api.record(
            actor,
            "supportTicketCreate",
            ticket,
            after={
                "number": ticket.number,
                "priority": ticket.priority,
                "team": team_id,
                "agent": agent_id,
                "assets": assets,
            },
        )
        await publish_created(ticket)
        await notices.to_requester(ticket, notices.RECEIVED)
        await notices.to_agent(ticket)
    return ticket


async def _write(ticket: m.Ticket, changes: dict[str, Any]) -> m.Ticket:
    """One conditional UPDATE on the version the caller read (CONFLICT when it changed)."""
    changes = {**changes, "version": ticket.version + 1, "updated_at": _common.now()}
    done = await m.Ticket.filter(id=ticket.id, version=ticket.version).update(**changes)
    if done != 1:
        raise api.ServiceError("CONFLICT", "itsupport.changed", "id")
    for name, value in changes.items():
        setattr(ticket, name, value)
    return ticket


def require_worker(actor: api.Actor, field: str = "id") -> None:
    if not (actor.has(WORK) or actor.has(MANAGE)):
        raise api.ServiceError("FORBIDDEN", "itsupport.agents_only", field)


async def update_ticket(
    actor: api.Actor,
    ticket_id: int,
    *,
    impact: str | None = None,
    urgency: str | None = None,
    category_id: int | None = None,
    subject: str | None = None,
) -> m.Ticket:
    """Change what the ticket is about: the priority follows the matrix, the clock is
    reassessed (what it counted stays counted)."""
    require_worker(actor)
    ticket = await ticket_for(actor, ticket_id)
    if ticket.status == m.MERGED:
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.invalid_transition", "id")
    changes: dict[str, Any] = {}
    if impact is not None:
        changes["impact"] = _level(impact, "impact")
    if urgency is not None:
        changes["urgency"] = _level(urgency, "urgency")
    if subject is not None:
        changes["subject"] = require_text(subject, "subject", 200)
    category = await _category(category_id) if category_id is not None else None
    if category is not None:
        changes["category_id"] = category.id
    elif ticket.category_id is not None:
        category = await m.Category.filter(id=ticket.category_id).first()
    changes["priority"] = priority_of(
        changes.get("impact", ticket.impact), changes.get("urgency", ticket.urgency)
    )
    async with api.atomic():
        before = {"priority": ticket.priority, "category": ticket.category_id}
        ticket = await _write(ticket, changes)
        await _write(ticket, await clock.reassess(ticket, category, ticket.updated_at))
        await api.record(actor, "supportTicketUpdate", ticket, before=before, after=changes)
    return ticket


async def assign(
    actor: api.Actor, ticket_id: int, team_id: int | None, agent_id: int | None
) -> m.Ticket:
    """Give the ticket to a team (its agent chosen by the team's mode unless one is named) or
    to an agent of its current team."""
    require_worker(actor)
    ticket = await ticket_for(actor, ticket_id)
    if ticket.status in (m.MERGED, m.CLOSED):
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.invalid_transition", "id")
    team = team_id if team_id is not None else ticket.team_id
    if team_id is None and agent_id is None:
        raise api.ServiceError("REQUIRED", "core.required", "teamId")
    if team_id is not None:
        await require_team(team_id, ticket.site_id)
        await ensure_queue(team_id)
    if agent_id is not None:
        await require_agent(agent_id, team)
    async with api.atomic() as conn:
        if agent_id is None and team is not None:
            agent_id = await pick_agent(conn, team)
        before = {"team": ticket.team_id, "agent": ticket.agent_id}
        changes: dict[str, Any] = {"team_id": team, "agent_id": agent_id}
        if ticket.status == m.NEW and agent_id is not None:
            changes["status"] = m.OPEN
        ticket = await _write(ticket, changes)
        if team != before["team"]:
            category = await _category_row(ticket.category_id)
            await _write(ticket, await clock.reassess(ticket, category, ticket.updated_at))
        await api.record(
            actor,
            "supportTicketAssign",
            ticket,
            before=before,
            after={"team": team, "agent": agent_id},
        )
        if agent_id is not None and agent_id != before["agent"]:
            await notices.to_agent(ticket)
    return ticket


async def _category_row(category_id: int | None) -> m.Category | None:
    if category_id is None:
        return None
    return await m.Category.filter(id=category_id).first()
