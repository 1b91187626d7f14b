from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.events import models
from sportello.events.registry import Event
from sportello.events.visibility import visible_events
from sportello.graphql import typed
from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.ids import encode_id
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


@strawberry.type(name="WebhookEndpoint", description="An endpoint receiving signed deliveries.")
class WebhookEndpointNode(ModelNode):
    __model__ = models.WebhookEndpoint
    __permission__ = "webhooks.manage"

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
