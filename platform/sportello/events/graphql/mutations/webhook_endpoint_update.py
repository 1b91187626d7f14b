from __future__ import annotations

import strawberry

from sportello.events import webhooks
from sportello.events.graphql.types import EventsError, WebhookEndpointNode
from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class WebhookEndpointUpdateInput:
    id: strawberry.ID
    enabled: bool | None = None
    url: str | None = None
    events: list[str] | None = None
    description: str | None = None


@strawberry.type
class WebhookEndpointUpdatePayload:
    webhook_endpoint: WebhookEndpointNode | None = None
    errors: list[EventsError] = strawberry.field(default_factory=list)


@strawberry.type
class WebhookEndpointUpdateMutation:
    @typed.mutation(permission_classes=[requires("webhooks.manage")])
    async def webhook_endpoint_update(
        self, info: strawberry.Info, input: WebhookEndpointUpdateInput
    ) -> WebhookEndpointUpdatePayload:
        ctx = info.context
        try:
            pk = decode_id(input.id, "WebhookEndpoint", "id")
            endpoint = await webhooks.update_endpoint(
                ctx.actor,
                ctx.runtime,
                pk,
                enabled=input.enabled,
                url=input.url,
                events=None if input.events is None else list(input.events),
                description=input.description,
            )
        except ServiceError as exc:
            return WebhookEndpointUpdatePayload(errors=errors_of(exc, info, EventsError))
        return WebhookEndpointUpdatePayload(webhook_endpoint=endpoint)  # type: ignore[arg-type]  # a row for its node
