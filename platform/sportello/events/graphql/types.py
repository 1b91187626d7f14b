from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.events import models, ownership
from sportello.events.registry import Event
from sportello.events.visibility import visible_events
from sportello.graphql import typed
from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.ids import decode_id, encode_id
from sportello.graphql.loading import needs
from sportello.graphql.relay import ModelNode

EventsErrorCode = error_codes(
    "EventsErrorCode",
    "INVALID_URL",
    "INSECURE_URL",
    "UNRESOLVABLE",
    "BLOCKED_ADDRESS",
    "SITE_FORBIDDEN",
    "UNKNOWN_EVENT",
    "EVENT_FORBIDDEN",
    "NOT_PARKED",
)
if TYPE_CHECKING:  # what error_type() builds at run time, declared for mypy

    @strawberry.type
    class EventsError(UserError):
        code: enum.Enum

else:
    EventsError = error_type("EventsError", EventsErrorCode)


def _site(site_id: int | None) -> strawberry.ID | None:
    return None if site_id is None else strawberry.ID(encode_id("Site", site_id))


async def load_attempts(deliveries: list[Any]) -> None:
    """Every attempt of a page of deliveries in one query (attempts per delivery are capped)."""
    found: dict[int, list[Any]] = {d.id: [] for d in deliveries}
    for row in await models.DeliveryAttempt.filter(delivery_id__in=list(found)).order_by("id"):
        found[row.delivery_id].append(row)
    for delivery in deliveries:
        delivery.attempts_loaded = found[delivery.id]


async def load_deliveries(events: list[Any]) -> None:
    """The deliveries of a page of events in one query (one per handler or webhook)."""
    found: dict[int, list[Any]] = {e.id: [] for e in events}
    for row in await models.EventDelivery.filter(event_id__in=list(found)).order_by("id"):
        found[row.event_id].append(row)
    for event in events:
        event.deliveries_loaded = found[event.id]


def _capped(limit: int) -> int:
    return max(1, min(limit, 100))


async def _now(obj: Any, batch: Any, attr: str) -> list[Any]:
    await batch([obj])
    found: list[Any] = getattr(obj, attr)
    return found


@strawberry.type(name="DeliveryAttempt", description="One attempt to deliver an event.")
class DeliveryAttemptType:
    number: int
    started_at: dt.datetime
    latency_ms: int
    ok: bool
    status_code: int | None
    error: str | None
    retry_at: dt.datetime | None = strawberry.field(
        description="When the next attempt falls due, if this failure is retried."
    )


@strawberry.type(name="EventDelivery", description="One event for one handler or webhook.")
class EventDeliveryNode(ModelNode):
    __model__ = models.EventDelivery
    __permission__ = "events.view"
    __site_field__ = "event__site_id"
    __needs__ = {"attempt_log": needs(batch=load_attempts)}

    id: relay.NodeID[int]
    handler: str = strawberry.field(description="Plugin handler name or webhook:<endpoint id>.")
    aggregate: str
    status: str = strawberry.field(description="pending, delivered or parked.")
    attempts: int
    next_attempt_at: dt.datetime | None
    last_error: str | None
    last_status_code: int | None
    last_latency_ms: int | None
    delivered_at: dt.datetime | None
    parked_at: dt.datetime | None
    created_at: dt.datetime
    event: EventNode

    @classmethod
    def node_queryset(cls, info: strawberry.Info) -> Any:
        ctx = info.context
        return visible_events(models.EventDelivery.all(), ctx.runtime, ctx.actor, "event__")

    @typed.field(description="The latest attempts (up to limit), oldest first.")
    def attempt_log(self, limit: int = 20) -> list[DeliveryAttemptType]:
        rows: list[DeliveryAttemptType] | None = getattr(self, "attempts_loaded", None)
        if rows is None:
            return _now(self, load_attempts, "attempts_loaded")  # type: ignore[return-value]  # awaited by strawberry
        return rows[-_capped(limit) :]


@strawberry.type(name="Event", description="A domain event from the outbox.")
class EventNode(ModelNode):
    __model__ = models.OutboxEvent
    __permission__ = "events.view"
    __site_field__ = "site_id"
    __needs__ = {"site_id": needs("site_id"), "deliveries": needs(batch=load_deliveries)}

    @classmethod
    def node_queryset(cls, info: strawberry.Info) -> Any:
        ctx = info.context
        return visible_events(models.OutboxEvent.all(), ctx.runtime, ctx.actor)

    id: relay.NodeID[int]
    name: str
    version: int
    aggregate: str
    payload: JSON
    occurred_at: dt.datetime
    dispatched_at: dt.datetime | None

    @strawberry.field
    def site_id(self) -> strawberry.ID | None:
        return _site(self.site_id)  # type: ignore[arg-type]  # the row's column

    @typed.field(description="Its deliveries, one per handler or webhook (up to limit).")
    def deliveries(self, limit: int = 20) -> list[EventDeliveryNode]:
        rows: list[EventDeliveryNode] | None = getattr(self, "deliveries_loaded", None)
        if rows is None:
            return _now(self, load_deliveries, "deliveries_loaded")  # type: ignore[return-value]  # awaited by strawberry
        return rows[: _capped(limit)]


def _sites(row: models.WebhookEndpoint) -> list[strawberry.ID] | None:
    return None if row.site_ids is None else [encode_id("Site", s) for s in row.site_ids]


def _owner(row: models.WebhookEndpoint) -> strawberry.ID | None:
    return None if row.owner_id is None else encode_id("User", row.owner_id)


@strawberry.type(name="WebhookEndpoint", description="An endpoint receiving signed deliveries.")
class WebhookEndpointNode(ModelNode):
    __model__ = models.WebhookEndpoint
    __permission__ = "webhooks.manage"
    __needs__ = {"sites": needs("site_ids"), "owner_id": needs("owner_id")}

    id: relay.NodeID[int]
    url: str
    events: list[str]
    description: str
    enabled: bool
    failing: bool = strawberry.field(description="Disabled automatically because it kept failing.")
    disabled_reason: str | None
    consecutive_failures: int
    created_by: str | None
    created_at: dt.datetime

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        """Only endpoints whose sites lie within the caller's (``events.ownership``)."""
        ids = list(node_ids)
        allowed = await ownership.visible_ids(info.context.actor)
        if allowed is not None:
            ids = [i if i.isdigit() and int(i) in allowed else "-1" for i in ids]
        return await super().resolve_nodes(info=info, node_ids=ids, required=required)

    sites: list[strawberry.ID] | None = strawberry.field(
        resolver=lambda root: _sites(root),
        description="The sites whose events it receives; null: every site.",
    )
    owner_id: strawberry.ID | None = strawberry.field(
        resolver=lambda root: _owner(root),
        description="The user who last set its URL, events or sites: it delivers only what "
        "they may still read. Null for endpoints older than owners.",
    )


@strawberry.type(name="EventMessage", description="An event as it streams to a subscriber.")
class EventMessage:
    id: strawberry.ID
    name: str
    version: int
    aggregate: str
    payload: JSON
    site_id: strawberry.ID | None
    occurred_at: dt.datetime | None
    idempotency_key: str

    @classmethod
    def of(cls, event: Event) -> EventMessage:
        return cls(
            id=strawberry.ID(encode_id("Event", event.id)),
            name=event.name,
            version=event.version,
            aggregate=event.aggregate,
            payload=JSON(event.payload),
            site_id=_site(event.site_id),
            occurred_at=event.occurred_at,
            idempotency_key=event.idempotency_key,
        )


def sites_of(ids: list[strawberry.ID] | None) -> list[int] | None:
    """Site global IDs of an input (``siteIds``) as keys; INVALID_ID naming the field."""
    return None if ids is None else [decode_id(i, "Site", "siteIds") for i in ids]
