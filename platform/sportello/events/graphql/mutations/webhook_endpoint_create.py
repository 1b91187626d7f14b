from __future__ import annotations

import strawberry

from sportello.events import webhooks
from sportello.events.graphql.types import EventsError, WebhookEndpointNode
from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class WebhookEndpointCreateInput:
    url: str
    events: list[str]
    description: str = ""


@strawberry.type
class WebhookEndpointCreatePayload:
    webhook_endpoint: WebhookEndpointNode | None = None
    secret: str | None = strawberry.field(
        default=None, description="The signing secret: shown this once, store it now."
    )
    errors: list[EventsError] = strawberry.field(default_factory=list)


@strawberry.type
class WebhookEndpointCreateMutation:
    @typed.mutation(permission_classes=[requires("webhooks.manage")])
    async def webhook_endpoint_create(
        self, info: strawberry.Info, input: WebhookEndpointCreateInput
    ) -> WebhookEndpointCreatePayload:
        ctx = info.context
        try:
            endpoint, secret = await webhooks.create_endpoint(
                ctx.actor, ctx.runtime, input.url, list(input.events), input.description
            )
        except ServiceError as exc:
            return WebhookEndpointCreatePayload(errors=errors_of(exc, info, EventsError))
        return WebhookEndpointCreatePayload(webhook_endpoint=endpoint, secret=secret)  # type: ignore[arg-type]  # a row for its node
