"""``GET /metrics``: the runtime's registry, with the database figures read at scrape time.

The outbox backlog, the age of the oldest pending event and the blocked login counters live in
the database, shared by every server process: they are read when Prometheus asks (three small
queries), not kept up to date by a loop. When the database does not answer, the scrape still
serves the process's counters, with ``sportello_database_up 0``.

The route exists only with ``[metrics] enabled = true``; it then asks for
``Authorization: Bearer <metrics.token>`` (compared in constant time) unless
``require_token = false``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from sportello.events import stats
from sportello.identity.models import LoginThrottle
from sportello.identity.tokens import now
from sportello.ops.metrics import Metrics
from sportello.settings import MetricsSettings

log = logging.getLogger("sportello.ops")
#: seconds the database queries of one scrape may take
SCRAPE_TIMEOUT = 5.0


def authorized(request: Request, settings: MetricsSettings) -> bool:
    if not settings.require_token:
        return True
    if settings.token is None:
        return False
    scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
    expected = settings.token.get_secret_value()
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), expected)


async def read_database(metrics: Metrics) -> None:
    """Set the gauges that come from the database; ``sportello_database_up`` says if it did."""
    try:
        async with asyncio.timeout(SCRAPE_TIMEOUT):
            backlog = await stats.backlog()
            blocked = await LoginThrottle.filter(blocked_until__gt=now()).count()
    except Exception as exc:  # an unreachable or unmigrated database: the scrape still answers
        log.warning("metrics: database figures unavailable: %s", type(exc).__name__)
        metrics.database_up.set(0)
        return
    metrics.database_up.set(1)
    metrics.undispatched.set(backlog.undispatched)
    metrics.deliveries.labels("pending").set(backlog.pending)
    metrics.deliveries.labels("parked").set(backlog.parked)
    metrics.oldest_pending.set(backlog.oldest_age())
    metrics.throttled.set(blocked)


async def endpoint(request: Request) -> Response:
    runtime = request.app.state.runtime
    if not authorized(request, runtime.settings.metrics):
        return PlainTextResponse(
            "401 Unauthorized: send Authorization: Bearer <metrics.token>\n",
            status_code=401,
            headers={"www-authenticate": 'Bearer realm="metrics"'},
        )
    metrics: Metrics = runtime.metrics
    await read_database(metrics)
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
