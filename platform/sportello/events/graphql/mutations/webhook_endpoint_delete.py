from __future__ import annotations

import strawberry

from sportello.events import webhooks
from sportello.events.graphql.types import EventsError
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload

WebhookEndpointDeletePayload = payload(
    errors=EventsError, name="WebhookEndpointDeletePayload", deleted_id=strawberry.ID
)


@mutation("webhooks.manage", WebhookEndpointDeletePayload)
async def webhook_endpoint_delete(info: strawberry.Info, id: strawberry.ID) -> strawberry.ID:
    await webhooks.delete_endpoint(info.context.actor, decode_id(id, "WebhookEndpoint", "id"))
    return id
