"""A ticket's statuses, its conversation, duplicates and parents, and the requester's rating.

Statuses
    ``new`` (nobody has it yet) -> ``open`` -> ``waiting_requester`` / ``waiting_supplier``
    (the SLA clock pauses) -> ``resolved`` -> ``closed``. A reply by the requester on a
    resolved or closed ticket reopens it (``open``, ``reopened`` + 1); so does an agent
    setting it ``open`` again. ``merged`` is final. A parent is not resolved while a child
    ticket is still being worked on (CHILDREN_OPEN).
"""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services import _common, clock, notices
from sportello_itsupport.services._common import REQUEST, reference, require_text
from sportello_itsupport.services.events import publish_resolved
from sportello_itsupport.services.tickets import _write, require_worker, ticket_for

#: What an agent may set, from which statuses
SETTABLE = {
    m.OPEN: (m.NEW, m.WAITING_REQUESTER, m.WAITING_SUPPLIER, m.RESOLVED, m.CLOSED),
    m.WAITING_REQUESTER: (m.NEW, m.OPEN, m.WAITING_SUPPLIER),
    m.WAITING_SUPPLIER: (m.NEW, m.OPEN, m.WAITING_REQUESTER),
    m.RESOLVED: m.ACTIVE,
    m.CLOSED: (*m.ACTIVE, m.RESOLVED),
}
DONE = (m.RESOLVED, m.CLOSED)


async def _move(ticket: m.Ticket, status: str, extra: dict[str, Any] | None = None) -> m.Ticket:
    """Write the new status and what the clock says; publish ``resolved`` when it ends."""
    before = ticket.status
    at = _common.now()
    changes: dict[str, Any] = {"status": status, **(extra or {})}
    if status == m.RESOLVED or (status == m.CLOSED and before not in DONE):
        changes["resolved_at"] = at
    if status == m.CLOSED:
        changes["closed_at"] = at
    if status == m.OPEN and before in DONE:
        changes.update(reopened=ticket.reopened + 1, resolved_at=None, closed_at=None)
    ticket = await _write(ticket, changes)
    mirrored = await clock.status_changed(ticket.id, before, status, at)
    await m.Ticket.filter(id=ticket.id).update(**mirrored)
    for name, value in mirrored.items():
        setattr(ticket, name, value)
    if status in DONE and before not in DONE:
        await publish_resolved(ticket)
    return ticket


async def _article_answer(actor: api.Actor, article_id: int) -> tuple[int, str]:
    """The article's id and its title in the actor's language (else the first written)."""
    article = await m.KbArticle.filter(id=article_id).first()
    if article is None or not actor.may_see_site(article.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "articleId")
    texts = {t.language: t for t in await m.KbTranslation.filter(article_id=article_id)}
    text = texts.get(actor.language) or texts.get("en") or next(iter(texts.values()))
    return article.id, text.title


async def set_status(
    actor: api.Actor,
    ticket_id: int,
    status: str,
    *,
    article_id: int | None = None,
    satisfaction: int | None = None,
    comment: str = "",
) -> m.Ticket:
    """An agent moves the ticket; resolving or closing may give a knowledge-base article as
    the answer (sent to the requester) and closing may record the requester's rating."""
    require_worker(actor)
    ticket = await ticket_for(actor, ticket_id)
    allowed = SETTABLE.get(status)
    if allowed is None:
        raise api.ServiceError("INVALID", "itsupport.invalid_status", "status")
    if ticket.status not in allowed:
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.invalid_transition", "status")
    if article_id is not None and status not in DONE:
        raise api.ServiceError("INVALID", "itsupport.article_on_close", "articleId")
    if satisfaction is not None and status != m.CLOSED:
        raise api.ServiceError("INVALID", "itsupport.rating_on_close", "satisfaction")
    extra: dict[str, Any] = {}
    if satisfaction is not None:
        extra.update(_rating(satisfaction, comment))
    answer = ""
    if article_id is not None:
        extra["article_id"], answer = await _article_answer(actor, article_id)
    if status in DONE and await _open_children(ticket.id):
        raise api.ServiceError("CHILDREN_OPEN", "itsupport.children_open", "status")
    async with api.atomic():
        before = ticket.status
        ticket = await _move(ticket, status, extra)
        await api.record(
            actor,
            "supportTicketSetStatus",
            ticket,
            before={"status": before},
            after={"status": status, **({"article": article_id} if article_id else {})},
        )
        if status in DONE and before not in DONE:
            await notices.to_requester(ticket, notices.RESOLVED, answer=answer)
    return ticket


async def _open_children(ticket_id: int) -> bool:
    return await m.Ticket.filter(parent_id=ticket_id, status__in=m.ACTIVE).exists()


def _rating(score: int, comment: str) -> dict[str, Any]:
    if not 1 <= score <= 5:
        raise api.ServiceError("INVALID", "itsupport.invalid_rating", "satisfaction")
    return {"satisfaction": score, "satisfaction_comment": (comment or "").strip()}


def _is_requester(actor: api.Actor, ticket: m.Ticket) -> bool:
    return actor.party_id is not None and actor.party_id == ticket.requester_id


async def reply(actor: api.Actor, ticket_id: int, body: str, internal: bool = False) -> m.Ticket:
    """A public reply (agents and the requester) or an internal note (agents).

    An agent's first public reply answers the SLA clock and goes to the requester by mail; the
    requester's reply reopens a resolved or closed ticket and ends a wait on the requester.
    """
    text = require_text(body, "body")
    ticket = await ticket_for(actor, ticket_id)
    agent = actor.has("itsupport.work") or actor.has("itsupport.manage")
    requester = _is_requester(actor, ticket)
    if internal and not agent:
        raise api.ServiceError("FORBIDDEN", "itsupport.agents_only", "internal")
    if not agent and not (requester and actor.has(REQUEST)):
        raise api.ServiceError("FORBIDDEN", "itsupport.agents_only", "id")
    if ticket.status == m.MERGED:
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.merged", "id")
    at = _common.now()
    async with api.atomic():
        await m.TicketMessage.create(
            ticket_id=ticket.id,
            internal=internal,
            body=text,
            author_id=actor.user_id,
            author_label=actor.label(),
            from_requester=requester and not agent,
            created_at=at,
        )
        if not internal and agent and not requester:
            ticket = await _agent_answered(ticket, text, at)
        elif not internal:
            ticket = await requester_wrote(ticket)
        else:
            ticket = await _write(ticket, {})
        await api.record(
            actor, "supportTicketReply", ticket, after={"internal": internal, "length": len(text)}
        )
    return ticket


async def _agent_answered(ticket: m.Ticket, text: str, at: Any) -> m.Ticket:
    changes: dict[str, Any] = {}
    if ticket.first_response_at is None:
        changes["first_response_at"] = at
    if ticket.status == m.NEW:
        changes["status"] = m.OPEN
    ticket = await _write(ticket, changes)
    if "first_response_at" in changes:
        mirrored = await clock.responded(ticket, at)
        ticket = await _write(ticket, mirrored)
    await notices.to_requester(ticket, notices.REPLY, body=text)
    return ticket


async def requester_wrote(ticket: m.Ticket) -> m.Ticket:
    """The requester answered (in the app or by mail): a wait on them ends, a resolved or
    closed ticket reopens. Inside the caller's transaction."""
    if ticket.status in DONE or ticket.status == m.WAITING_REQUESTER:
        return await _move(ticket, m.OPEN)
    return await _write(ticket, {})


async def merge(actor: api.Actor, ticket_id: int, into_id: int) -> m.Ticket:
    """A duplicate joins the ticket it repeats: marked merged (its clock stops), its messages
    and assets move over, a note on the target says so. Returns the target."""
    require_worker(actor)
    if ticket_id == into_id:
        raise api.ServiceError("INVALID", "itsupport.merge_self", "intoId")
    duplicate = await ticket_for(actor, ticket_id)
    target = await ticket_for(actor, into_id, "intoId")
    if duplicate.status in (m.MERGED, m.CLOSED):
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.invalid_transition", "id")
    if target.status in (m.MERGED, m.CLOSED):
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.invalid_transition", "intoId")
    async with api.atomic():
        await _move(duplicate, m.MERGED, {"merged_into_id": target.id})
        await m.TicketMessage.filter(ticket_id=duplicate.id).update(ticket_id=target.id)
        have = {link.asset_id for link in await m.TicketAsset.filter(ticket_id=target.id)}
        for link in await m.TicketAsset.filter(ticket_id=duplicate.id):
            if link.asset_id in have:
                await link.delete()
            else:
                await m.TicketAsset.filter(id=link.id).update(ticket_id=target.id)
        await m.TicketMessage.create(
            ticket_id=target.id,
            internal=True,
            body=f"{reference(duplicate.number)}: {duplicate.subject}\n\n{duplicate.description}",
            author_id=actor.user_id,
            author_label=actor.label(),
            created_at=_common.now(),
        )
        target = await _write(target, {})
        await api.record(actor, "supportTicketMerge", duplicate, after={"mergedInto": target.id})
    return target


async def set_parent(actor: api.Actor, ticket_id: int, parent_id: int | None) -> m.Ticket:
    """Make the ticket a child of another (a problem behind several incidents); no cycles."""
    require_worker(actor)
    ticket = await ticket_for(actor, ticket_id)
    if parent_id is not None:
        await ticket_for(actor, parent_id, "parentId")
        seen: set[int] = {ticket.id}
        current: int | None = parent_id
        while current is not None:
            if current in seen:
                raise api.ServiceError("CYCLE", "itsupport.parent_cycle", "parentId")
            seen.add(current)
            row = await m.Ticket.filter(id=current).first()
            current = row.parent_id if row else None
    async with api.atomic():
        before = {"parent": ticket.parent_id}
        ticket = await _write(ticket, {"parent_id": parent_id})
        await api.record(
            actor, "supportTicketSetParent", ticket, before=before, after={"parent": parent_id}
        )
    return ticket


async def rate(actor: api.Actor, ticket_id: int, score: int, comment: str = "") -> m.Ticket:
    """The requester's satisfaction (1 to 5) with a resolved or closed ticket; an agent may
    record it for them."""
    ticket = await ticket_for(actor, ticket_id)
    if not (_is_requester(actor, ticket) or actor.has("itsupport.work")):
        raise api.ServiceError("FORBIDDEN", "itsupport.requester_only", "id")
    if ticket.status not in DONE:
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.rating_on_close", "id")
    async with api.atomic():
        ticket = await _write(ticket, _rating(score, comment))
        await api.record(actor, "supportTicketRate", ticket, after={"satisfaction": score})
    return ticket
