from __future__ import annotations

from typing import Annotated, Any

import strawberry

from sportello.events import webhooks
from sportello.events.graphql.types import EventsError, WebhookEndpointNode, sites_of
from sportello.graphql.mutations import mutation, payload

WebhookEndpointCreatePayload = payload(
    WebhookEndpointNode,
    errors=EventsError,
    name="WebhookEndpointCreatePayload",
    secret=str,
    descriptions={"secret": "The signing secret: shown this once, store it now."},
)


@mutation("webhooks.manage", WebhookEndpointCreatePayload)
async def webhook_endpoint_create(
    info: strawberry.Info,
    url: str,
    events: list[str],
    description: str = "",
    site_ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(
            description="The sites whose events it receives. Default: your sites (every site, "
            "for a user with every site)."
        ),
    ] = None,
) -> dict[str, Any]:
    ctx = info.context
    endpoint, secret = await webhooks.create_endpoint(
        ctx.actor, ctx.runtime, url, list(events), description, site_ids=sites_of(site_ids)
    )
    return {"webhook_endpoint": endpoint, "secret": secret}
