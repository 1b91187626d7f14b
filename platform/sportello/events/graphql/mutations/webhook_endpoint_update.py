from __future__ import annotations

from typing import Annotated

import strawberry

from sportello.events import models, webhooks
from sportello.events.graphql.types import EventsError, WebhookEndpointNode, sites_of
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload

WebhookEndpointUpdatePayload = payload(
    WebhookEndpointNode, errors=EventsError, name="WebhookEndpointUpdatePayload"
)


@mutation("webhooks.manage", WebhookEndpointUpdatePayload)
async def webhook_endpoint_update(
    info: strawberry.Info,
    id: strawberry.ID,
    enabled: bool | None = None,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    site_ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(description="The sites whose events it receives (within yours)."),
    ] = None,
) -> models.WebhookEndpoint:
    ctx = info.context
    return await webhooks.update_endpoint(
        ctx.actor,
        ctx.runtime,
        decode_id(id, "WebhookEndpoint", "id"),
        enabled=enabled,
        url=url,
        events=None if events is None else list(events),
        description=description,
        site_ids=sites_of(site_ids),
    )
