"""Webhook endpoints: registration rules, signed deliveries, disabling endpoints that keep failing.

Each delivery is a POST of the event as JSON with headers::

    Sportello-Event: lodging.reservation.checked_out
    Sportello-Delivery: <delivery id>
    Sportello-Idempotency-Key: event:<id>
    Sportello-Timestamp: <unix seconds>
    Sportello-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>

Receivers recompute the signature over the raw body and reject old timestamps.

An endpoint receives the events of its sites (``site_ids``, see ``ownership``) whose types
whoever set its events may see (kept on the endpoint as ``permissions``), and at delivery only
what its owner may still read. Naming a type one may not see is refused (EVENT_FORBIDDEN);
``*`` means every type one may see.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

import orjson

from sportello.events import ownership, targets
from sportello.events.declared import event_types
from sportello.events.models import EventDelivery, WebhookEndpoint
from sportello.events.registry import Event, EventType
from sportello.identity import audit
from sportello.services import Actor, Problem, ServiceError, atomic


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"v1={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def body_of(event: Event) -> bytes:
    occurred = event.occurred_at.isoformat() if event.occurred_at is not None else None
    return orjson.dumps(
        {
            "id": event.id,
            "name": event.name,
            "version": event.version,
            "aggregate": event.aggregate,
            "siteId": event.site_id,
            "occurredAt": occurred,
            "idempotencyKey": event.idempotency_key,
            "payload": event.payload,
        }
    )


def allowed_of(runtime: Any) -> targets.Allowed:
    return targets.Allowed.parse(runtime.settings.webhooks.allow)


async def check_url(runtime: Any, url: str) -> targets.Target:
    """HTTPS to a public address (or one on the allow list); plain HTTP only in debug mode.
    ``targets.Refused`` (a ``ServiceError``: INVALID_URL, INSECURE_URL, UNRESOLVABLE,
    BLOCKED_ADDRESS) otherwise."""
    return await targets.vet(url, debug=runtime.settings.debug, allowed=allowed_of(runtime))


def check_events(runtime: Any, names: list[str], actor: Actor) -> None:
    """Known event types, each one the actor may see (``*``: those it may see, at delivery)."""
    known = event_types(runtime)
    problems = [
        Problem("UNKNOWN_EVENT", "events.unknown_event", "events", {"name": n})
        for n in names
        if n != "*" and n not in known
    ]
    problems += [
        Problem("EVENT_FORBIDDEN", "events.event_forbidden", "events", {"name": n})
        for n in names
        if n in known and not _may_see(actor, known[n])
    ]
    if not names:
        problems.append(Problem("REQUIRED", "core.required", "events"))
    if problems:
        raise ServiceError("INVALID", problems=problems)


def _may_see(actor: Actor, etype: EventType) -> bool:
    return not etype.permission or actor.has(etype.permission)


def grants_of(actor: Actor) -> dict[str, Any]:
    """The event permissions of whoever set an endpoint's events (kept on the row)."""
    return {"permissions": None if actor.is_superuser else sorted(actor.permissions)}


async def create_endpoint(
    actor: Actor,
    runtime: Any,
    url: str,
    events: list[str],
    description: str = "",
    site_ids: list[int] | None = None,
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its secret (returned once; only signatures reveal it afterwards).
    ``site_ids`` None: the actor's own sites (every site, for a user with every site)."""
    await check_url(runtime, url)
    check_events(runtime, events, actor)
    scope = await ownership.scope_of(actor, site_ids)
    secret = "whsec_" + secrets.token_urlsafe(32)
    async with atomic():
        endpoint = await WebhookEndpoint.create(
            url=url,
            events=sorted(set(events)),
            description=description[:300],
            secret=secret,
            created_by=actor.label(),
            site_ids=scope,
            owner_id=actor.user_id,
            **grants_of(actor),
        )
        await audit.record(actor, "webhookEndpointCreate", endpoint, before=None, after=None)
    return endpoint, secret


async def update_endpoint(
    actor: Actor,
    runtime: Any,
    endpoint_id: int,
    *,
    enabled: bool | None = None,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    site_ids: list[int] | None = None,
) -> WebhookEndpoint:
    """Change an endpoint within the actor's sites; whoever points it somewhere else (URL,
    events, sites) becomes its owner."""
    async with atomic():
        endpoint = await ownership.get_visible(actor, endpoint_id)
        if url is not None:
            await check_url(runtime, url)
            endpoint.url = url
        if events is not None:
            check_events(runtime, events, actor)
            endpoint.events = sorted(set(events))
            for key, value in grants_of(actor).items():
                setattr(endpoint, key, value)
        if site_ids is not None:
            endpoint.site_ids = await ownership.scope_of(actor, site_ids)
        if url is not None or events is not None or site_ids is not None:
            endpoint.owner_id = actor.user_id
        if description is not None:
            endpoint.description = description[:300]
        if enabled is not None:
            endpoint.enabled = enabled
            if enabled:
                endpoint.failing = False
                endpoint.disabled_reason = None
                endpoint.consecutive_failures = 0
        await endpoint.save()
        await audit.record(actor, "webhookEndpointUpdate", endpoint, before=None, after=None)
    return endpoint


async def delete_endpoint(actor: Actor, endpoint_id: int) -> None:
    async with atomic():
        endpoint = await ownership.get_visible(actor, endpoint_id)
        await audit.record(actor, "webhookEndpointDelete", endpoint, before=None, after=None)
        await EventDelivery.filter(handler=f"webhook:{endpoint_id}", status="pending").update(
            status="parked", last_error="ENDPOINT_DELETED"
        )
        await endpoint.delete()


async def send(
    core: Any, d: EventDelivery, event: Event
) -> tuple[bool, int | None, str | None, int, WebhookEndpoint | None]:
    """One delivery attempt: (ok, HTTP status, error class, max attempts, endpoint).

    The URL is vetted again (DNS may have changed since registration) and the request goes to
    the address vetted, never to a second resolution of the name. The error is a class
    (``targets.error_class``), never the transport's message."""
    cfg = core.config
    endpoint_id = int(d.handler.split(":", 1)[1])
    endpoint = await WebhookEndpoint.get_or_none(id=endpoint_id)
    if endpoint is None:
        return False, None, "ENDPOINT_DELETED", 1, None
    if not endpoint.enabled:
        return False, None, "ENDPOINT_DISABLED", 1, None
    owner = (await ownership.owners([endpoint])).get(endpoint.owner_id or 0)
    if not ownership.owner_may_receive(
        core.runtime, endpoint, owner, event_types(core.runtime), event
    ):
        return False, None, "OWNER_FORBIDDEN", 1, None
    body = body_of(event)
    ts = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": "Sportello-Webhooks/1",
        "sportello-event": event.name,
        "sportello-delivery": str(d.id),
        "sportello-idempotency-key": event.idempotency_key,
        "sportello-timestamp": str(ts),
        "sportello-signature": sign(endpoint.secret, ts, body),
    }
    try:
        target = await check_url(core.runtime, endpoint.url)
        url, host, extensions = target.pinned()
        response = await core.http.post(
            url,
            content=body,
            headers={**headers, **host},
            extensions=extensions,
            timeout=cfg.webhook_timeout,
            follow_redirects=False,
        )
    except Exception as exc:
        return False, None, targets.error_class(exc), cfg.webhook_max_attempts, endpoint
    if 200 <= response.status_code < 300:
        return True, response.status_code, None, cfg.webhook_max_attempts, endpoint
    return (
        False,
        response.status_code,
        targets.status_class(response.status_code),
        cfg.webhook_max_attempts,
        endpoint,
    )


async def after_attempt(
    core: Any, endpoint: WebhookEndpoint, ok: bool, error: str | None, status: int | None
) -> None:
    """Count consecutive failures; disable and flag the endpoint past the limit."""
    if ok:
        if endpoint.consecutive_failures:
            await WebhookEndpoint.filter(id=endpoint.id).update(consecutive_failures=0)
        return
    failures = endpoint.consecutive_failures + 1
    values: dict[str, Any] = {"consecutive_failures": failures}
    if failures >= core.config.webhook_disable_after:
        values.update(
            enabled=False,
            failing=True,
            disabled_reason=f"disabled after {failures} consecutive failures (last: {error})"[:300],
        )
        await EventDelivery.filter(handler=f"webhook:{endpoint.id}", status="pending").update(
            status="parked", last_error="ENDPOINT_DISABLED"
        )
    await WebhookEndpoint.filter(id=endpoint.id).update(**values)
