from __future__ import annotations

import strawberry

from sportello.events import webhooks
from sportello.events.graphql.types import EventsError
from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class WebhookEndpointDeleteInput:
    id: strawberry.ID


@strawberry.type
class WebhookEndpointDeletePayload:
    deleted_id: strawberry.ID | None = None
    errors: list[EventsError] = strawberry.field(default_factory=list)


@strawberry.type
class WebhookEndpointDeleteMutation:
    @typed.mutation(permission_classes=[requires("webhooks.manage")])
    async def webhook_endpoint_delete(
        self, info: strawberry.Info, input: WebhookEndpointDeleteInput
    ) -> WebhookEndpointDeletePayload:
        try:
            pk = decode_id(input.id, "WebhookEndpoint", "id")
            await webhooks.delete_endpoint(info.context.actor, pk)
        except ServiceError as exc:
            return WebhookEndpointDeletePayload(errors=errors_of(exc, info, EventsError))
        return WebhookEndpointDeletePayload(deleted_id=input.id)
