"""Interactions: every contact with a party on any channel, its links, the desk's inbox.

An interaction is logged by the desk (a call with the switchboard's filtering note, a visit, a
letter), by the inbound email route or by the CRM itself (an email sent to the party). The
front office's inbox lists inbound interactions nobody has handled yet; handling one is a
conditional UPDATE (``handled_at IS NULL``), so two clerks never both handle it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.queryset import QuerySet

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c

#: The most objects one interaction or case links to.
MAX_LINKS = 50


@dataclass(frozen=True)
class LinkTarget:
    """Any office's object, by its GraphQL type and global id (checked by the caller)."""

    object_type: str
    object_id: str


async def log(
    actor: api.Actor,
    site_id: int,
    channel: str,
    *,
    party_id: int | None = None,
    direction: str = m.INBOUND,
    subject: str = "",
    body: str = "",
    filter_note: str = "",
    contact: str = "",
    occurred_at: dt.datetime | None = None,
    case_id: int | None = None,
    links: Sequence[LinkTarget] = (),
    message_id: str | None = None,
    handled: bool = False,
    attachments: Sequence[dict[str, object]] = (),
) -> m.Interaction:
    """Log one interaction (inside the caller's transaction, or its own)."""
    if channel not in m.CHANNELS:
        raise api.ServiceError("INVALID", "crm.channel_invalid", "channel")
    if direction not in (m.INBOUND, m.OUTBOUND):
        raise api.ServiceError("INVALID", "crm.direction_invalid", "direction")
    if not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    said = (contact, filter_note, subject, body)
    if party_id is None and not any(c.clean(text) for text in said):
        # An anonymous contact says at least who it was or what about.
        raise api.ServiceError("REQUIRED", "crm.interaction_empty", "subject")
    async with api.atomic():
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        if party_id is not None:
            await api.require_party(actor, party_id, "partyId", lock=True, link_to=site_id)
        if case_id is not None:
            case = await c.visible_case(actor, case_id, "caseId")
            if case.site_id != site_id:
                raise api.ServiceError("INVALID", "crm.case_other_site", "caseId")
        at = c.now()
        interaction = await m.Interaction.create(
            site_id=site_id,
            party_id=party_id,
            channel=channel,
            direction=direction,
            subject=c.clean(subject),
            body=body.strip(),
            filter_note=c.clean(filter_note),
            contact=c.clean(contact),
            case_id=case_id,
            message_id=message_id,
            attachments=list(attachments),
            occurred_at=c.aware(occurred_at) if occurred_at else at,
            # What the party is told, and what a clerk logs as done, needs no handling.
            handled_at=at if handled or direction == m.OUTBOUND else None,
            handled_by_id=actor.user_id if handled else None,
            created_by_id=actor.user_id,
        )
        await add_links(interaction_id=interaction.id, links=links)
        await api.record(
            actor,
            "interactionLog",
            interaction,
            after={"channel": channel, "direction": direction, "party_id": party_id},
        )
        await api.publish(
            c.INTERACTION_LOGGED,
            c.InteractionLogged(
                interaction_id=interaction.id,
                party_id=party_id,
                channel=channel,
                direction=direction,
                case_id=case_id,
            ),
            aggregate=f"interaction:{interaction.id}",
            site_id=site_id,
        )
    return interaction


async def add_links(
    *, interaction_id: int | None = None, case_id: int | None = None, links: Sequence[LinkTarget]
) -> None:
    """Link objects (each once) to an interaction or a case: at most ``MAX_LINKS`` each."""
    owner = {"interaction_id": interaction_id} if interaction_id else {"case_id": case_id}
    have: set[str] = {
        str(value) for value in await m.Link.filter(**owner).values_list("object_id", flat=True)
    }
    if len(have | {t.object_id for t in links}) > MAX_LINKS:
        raise api.ServiceError("INVALID", "crm.too_many_links", "links")
    for target in links:
        if target.object_id in have:
            continue
        have.add(target.object_id)
        await m.Link.create(**owner, object_type=target.object_type, object_id=target.object_id)


async def link(actor: api.Actor, interaction_id: int, links: Sequence[LinkTarget]) -> m.Interaction:
    async with api.atomic():
        interaction = await visible_interaction(actor, interaction_id)
        await add_links(interaction_id=interaction.id, links=links)
        await api.record(
            actor, "interactionLink", interaction, after={"links": [t.object_id for t in links]}
        )
    return interaction


async def visible_interaction(
    actor: api.Actor, interaction_id: int, field: str = "id"
) -> m.Interaction:
    found = await m.Interaction.filter(id=interaction_id).first()
    if found is None or not actor.may_see_site(found.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", field)
    return found


async def handle(actor: api.Actor, interaction_id: int) -> m.Interaction:
    """A clerk took care of an inbound interaction: it leaves the inbox (once)."""
    async with api.atomic():
        found = await visible_interaction(actor, interaction_id)
        done = await m.Interaction.filter(id=found.id, handled_at=None).update(
            handled_at=c.now(), handled_by_id=actor.user_id
        )
        if done != 1:
            raise api.ServiceError("ALREADY_HANDLED", "crm.already_handled", "id")
        found = await m.Interaction.get(id=found.id)
        await api.record(actor, "interactionHandle", found, after={"handled": True})
    return found


def inbox(site_id: int | None = None) -> QuerySet[m.Interaction]:
    """Inbound interactions nobody handled yet, oldest first (the caller applies sites)."""
    qs = m.Interaction.filter(handled_at=None, direction=m.INBOUND).order_by("occurred_at", "id")
    return qs if site_id is None else qs.filter(site_id=site_id)
