from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.events import models
from sportello.events.registry import Event
from sportello.graphql.errors import error_codes, error_type
from sportello.graphql.ids import encode_id
from sportello.graphql.relay import ModelNode

EventsErrorCode = error_codes(
    "EventsErrorCode", "INVALID_URL", "INSECURE_URL", "UNKNOWN_EVENT", "NOT_PARKED"
)
EventsError = error_type("EventsError", EventsErrorCode)


def _site(site_id: int | None) -> strawberry.ID | None:
    return None if site_id is None else strawberry.ID(encode_id("Site", site_id))


@strawberry.type(name="DeliveryAttempt", description="One attempt to deliver an event.")
class DeliveryAttemptType:
    number: int
    started_at: dt.datetime
    latency_ms: int
    ok: bool
    status_code: int | None
    error: str | None


@strawberry.type(name="EventDelivery", description="One event for one handler or webhook.")
class EventDeliveryNode(ModelNode):
    __model__ = models.EventDelivery
    __permission__ = "events.view"
    __site_field__ = "event__site_id"

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

    @strawberry.field
    async def event(self, info: strawberry.Info) -> EventNode:
        return await models.OutboxEvent.get(id=self.event_id)  # type: ignore[attr-defined,return-value]

    @strawberry.field(description="The latest attempts (up to limit), oldest first.")
    async def attempt_log(
        self, info: strawberry.Info, limit: int = 20
    ) -> list[DeliveryAttemptType]:
        rows = (
            await models.DeliveryAttempt.filter(delivery_id=self.id)
            .order_by("-id")
            .limit(max(1, min(limit, 100)))
        )
        return list(reversed(rows))  # type: ignore[arg-type]


@strawberry.type(name="Event", description="A domain event from the outbox.")
class EventNode(ModelNode):
    __model__ = models.OutboxEvent
    __permission__ = "events.view"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    name: str
    version: int
    aggregate: str
    payload: JSON
    occurred_at: dt.datetime
    dispatched_at: dt.datetime | None

    @strawberry.field
    def site_id(self) -> strawberry.ID | None:
        return _site(self.site_id)  # type: ignore[arg-type]

    @strawberry.field(description="Its deliveries, one per handler or webhook (up to limit).")
    async def deliveries(self, info: strawberry.Info, limit: int = 20) -> list[EventDeliveryNode]:
        qs = models.EventDelivery.filter(event_id=self.id).limit(max(1, min(limit, 100)))
        return await qs  # type: ignore[return-value]


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
            payload=event.payload,
            site_id=_site(event.site_id),
            occurred_at=event.occurred_at,
            idempotency_key=event.idempotency_key,
        )
