from __future__ import annotations

from collections.abc import AsyncIterable

import strawberry

from sportello.events import models, ownership
from sportello.events.bus import visible_events
from sportello.events.graphql.types import EventDeliveryNode, EventNode, WebhookEndpointNode
from sportello.graphql import typed
from sportello.graphql.ids import decode_id
from sportello.graphql.relay import Connection
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.type
class EventQueries:
    @typed.connection(
        Connection[EventNode],
        permission_classes=[requires("events.view")],
        description="Recent events of your sites, newest first.",
    )
    def events(
        self, info: strawberry.Info, name: str | None = None
    ) -> AsyncIterable[models.OutboxEvent]:
        qs = models.OutboxEvent.all().order_by("-id")
        if name:
            qs = qs.filter(name=name)
        ctx = info.context
        return visible_events(qs, ctx.runtime, ctx.actor)

    @typed.connection(
        Connection[EventDeliveryNode],
        permission_classes=[requires("events.view")],
        description=(
            "Deliveries of your sites' events, newest first; status: pending, delivered or parked."
        ),
    )
    def event_deliveries(
        self,
        info: strawberry.Info,
        status: str | None = None,
        handler: str | None = None,
        event_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.EventDelivery]:
        qs = models.EventDelivery.all().order_by("-id")
        if status:
            qs = qs.filter(status=status)
        if handler:
            qs = qs.filter(handler=handler)
        if event_id is not None:
            try:
                qs = qs.filter(event_id=decode_id(event_id, "Event", "eventId"))
            except ServiceError:
                qs = qs.filter(id=-1)
        ctx = info.context
        return visible_events(qs, ctx.runtime, ctx.actor, "event__")

    @typed.connection(
        Connection[WebhookEndpointNode],
        permission_classes=[requires("webhooks.manage")],
    )
    async def webhook_endpoints(
        self, info: strawberry.Info
    ) -> AsyncIterable[models.WebhookEndpoint]:
        """Endpoints whose sites lie within the caller's."""
        allowed = await ownership.visible_ids(info.context.actor)
        qs = models.WebhookEndpoint.all()
        return qs if allowed is None else qs.filter(id__in=allowed)
