"""Who may see which events: an actor (lists, subscriptions) or a webhook endpoint (fan-out).

One place for the rule (sites, then the event type's permission), so that the GraphQL lists,
live subscriptions and webhook deliveries cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from sportello.events.declared import event_types
from sportello.events.models import WebhookEndpoint
from sportello.events.registry import Event, EventType
from sportello.graphql.relay import scope_to_sites
from sportello.services import Actor

_Row = TypeVar("_Row", bound=Model)


def hidden_event_names(types: Mapping[str, EventType], actor: Any) -> list[str]:
    """Declared event types whose permission the actor lacks."""
    return sorted(n for n, t in types.items() if t.permission and not actor.has(t.permission))


def sees_site(site_ids: Iterable[int] | None, site_id: int | None) -> bool:
    """``site_ids`` None: every site. Otherwise only those sites (not site-less events), as
    ``scope_to_sites`` does for the lists."""
    return site_ids is None or (site_id is not None and site_id in set(site_ids))


def may_see_event(actor: Any, types: Mapping[str, EventType], event: Event) -> bool:
    """The one rule for subscriptions; the lists apply it in SQL (events/graphql/queries.py)."""
    if not sees_site(actor.site_ids, event.site_id):
        return False
    etype = types.get(event.name)
    perm = etype.permission if etype is not None else None
    return not perm or actor.has(perm)


def endpoint_receives(
    endpoint: WebhookEndpoint, types: Mapping[str, EventType], name: str, site_id: int | None
) -> bool:
    """A webhook gets what whoever set its events could see: type, permission, site."""
    wanted = endpoint.events or []
    if name not in wanted and "*" not in wanted:
        return False
    if not sees_site(endpoint.site_ids, site_id):
        return False
    etype = types.get(name)
    perm = etype.permission if etype is not None else None
    return not perm or endpoint.permissions is None or perm in endpoint.permissions


def visible_events(
    qs: QuerySet[_Row], runtime: Any, actor: Actor, prefix: str = ""
) -> QuerySet[_Row]:
    """Restrict a queryset of events (``prefix`` ``"event__"`` for deliveries) to the actor's
    sites and to the event types whose permission it holds."""
    qs = scope_to_sites(qs, actor, f"{prefix}site_id")
    hidden = hidden_event_names(event_types(runtime), actor)
    return qs.exclude(**{f"{prefix}name__in": hidden}) if hidden else qs
