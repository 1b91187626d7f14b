"""The request record's owner over HTTP: one id, one log line and one count per request.

Outermost of the app's middleware, so the line covers everything: the body-size refusal, a
bad token, the GraphQL operation, the response's last byte. It gives every request its id
(the GraphQL view reuses it: ``X-Request-ID`` and ``extensions.requestId`` name the same
request as the line), binds it for every other line written meanwhile, and sends
``X-Request-ID`` on every response.
"""

from __future__ import annotations

import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sportello.ops import logs
from sportello.ops.metrics import Metrics
from sportello.ops.record import REQUEST_ID_KEY, Record, activate, deactivate

#: the longest unmatched path written to the log (a route's template otherwise)
MAX_PATH = 200


def _path(scope: Scope) -> str:
    """The matched route's template (``/items/{id}``: no identifiers, no secrets in a path),
    else the path itself, shortened."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if isinstance(template, str) and template:
        return template
    return str(scope.get("path", ""))[:MAX_PATH]


class Observe:
    def __init__(self, app: ASGIApp, metrics: Metrics, graphql_path: str = "/graphql") -> None:
        self.app = app
        self.metrics = metrics
        self.graphql_path = graphql_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # WebSocket operations are observed one by one
            await self.app(scope, receive, send)
            return
        record = Record(request_id=uuid.uuid4().hex, start=time.perf_counter())
        scope[REQUEST_ID_KEY] = record.request_id
        request_id = record.request_id.encode("latin-1")
        status: int | None = None

        async def send_observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                raw = message.get("headers", [])
                if not any(name.lower() == b"x-request-id" for name, _ in raw):
                    message["headers"] = [*raw, (b"x-request-id", request_id)]
            await send(message)

        token = activate(record)
        bound = structlog.contextvars.bind_contextvars(request_id=record.request_id)
        try:
            await self.app(scope, receive, send_observed)
        finally:
            structlog.contextvars.reset_contextvars(**bound)
            deactivate(token)
            self._finish(record, scope, status or 500)

    def _finish(self, record: Record, scope: Scope, status: int) -> None:
        seconds = time.perf_counter() - record.start
        path = _path(scope)
        method = scope.get("method", "")
        level = logs.level_of(path)
        logs.emit("request", record, seconds, level, method=method, path=path, status=status)
        if record.operations or scope.get("path") == self.graphql_path:
            self.metrics.observe(record, seconds, status)
