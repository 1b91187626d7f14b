"""Webhook endpoints belong to someone: an owner and a site scope.

An endpoint's ``site_ids`` are the sites whose events it receives (null: every site); its owner
is the user who last set its URL, events or sites. A user bound to sites sees and changes only
the endpoints whose scope lies within their own sites, so nobody can repoint an endpoint that
receives more than they may read. At every delivery the owner's current rights are checked
(active, ``webhooks.manage``, the event's site, the event type's permission): a later loss of
rights stops the flow without anyone having to find the endpoint.

Endpoints created before owners existed have none: they keep delivering what whoever set their
events could see then, and only users with every site see them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sportello.events.models import WebhookEndpoint
from sportello.events.registry import Event, EventType
from sportello.events.visibility import sees_site
from sportello.identity.auth import actor_for
from sportello.identity.models import User
from sportello.parties.models import Site
from sportello.services import Actor, ServiceError

MANAGE = "webhooks.manage"


def within(actor: Actor, site_ids: Iterable[int] | None) -> bool:
    """Whether a scope lies within the actor's sites (every scope, for a user with every site)."""
    if actor.site_ids is None:
        return True
    return site_ids is not None and set(site_ids) <= actor.site_ids


def visible(actor: Actor, endpoint: WebhookEndpoint) -> bool:
    return within(actor, endpoint.site_ids)


async def visible_ids(actor: Actor) -> list[int] | None:
    """The endpoints the actor may see (``None``: all of them)."""
    if actor.site_ids is None:
        return None
    rows = await WebhookEndpoint.all().values_list("id", "site_ids")
    return [pk for pk, sites in rows if within(actor, sites)]


async def get_visible(actor: Actor, endpoint_id: int) -> WebhookEndpoint:
    """The endpoint, or NOT_FOUND when it does not exist or lies outside the actor's sites."""
    endpoint = await WebhookEndpoint.get_or_none(id=endpoint_id)
    if endpoint is None or not visible(actor, endpoint):
        raise ServiceError("NOT_FOUND", "core.not_found", "id")
    return endpoint


async def scope_of(actor: Actor, site_ids: list[int] | None) -> list[int] | None:
    """The scope an actor asks for: its own sites when it names none; only sites within its
    own (FORBIDDEN otherwise) and sites that exist (NOT_FOUND)."""
    if site_ids is None:
        return None if actor.site_ids is None else sorted(actor.site_ids)
    wanted = sorted(set(site_ids))
    if not wanted:
        raise ServiceError("REQUIRED", "core.required", "siteIds")
    if not within(actor, wanted):
        raise ServiceError("FORBIDDEN", "events.webhook_site_forbidden", "siteIds")
    if await Site.filter(id__in=wanted).count() != len(wanted):
        raise ServiceError("NOT_FOUND", "core.not_found", "siteIds")
    return wanted


async def owners(endpoints: Iterable[WebhookEndpoint]) -> dict[int, User]:
    ids = {e.owner_id for e in endpoints if e.owner_id is not None}
    return {u.id: u for u in await User.filter(id__in=ids)} if ids else {}


def owner_may_receive(
    runtime: Any,
    endpoint: WebhookEndpoint,
    owner: User | None,
    types: Mapping[str, EventType],
    event: Event,
) -> bool:
    """Whether the endpoint's owner may still read ``event`` (always, for an endpoint that has
    no owner: it predates owners and keeps what was granted when its events were set)."""
    if endpoint.owner_id is None:
        return True
    if owner is None or not owner.is_active:
        return False
    actor = actor_for(runtime, owner)
    if not actor.has(MANAGE) or not sees_site(actor.site_ids, event.site_id):
        return False
    etype = types.get(event.name)
    return etype is None or not etype.permission or actor.has(etype.permission)
