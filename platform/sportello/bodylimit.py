"""A request body larger than ``max_request_bytes`` is refused with 413 before anything parses it.

A declared ``Content-Length`` over the limit is refused without storing a byte. A body without
one (chunked transfer encoding) is counted as it streams in and refused as soon as it passes
the limit. Either way the answer is a GraphQL error response (``errors`` with the code
``PAYLOAD_TOO_LARGE``), so clients read it like any other request error, and the event loop
never spends time parsing megabytes nobody should send.

The rest of a refused body is read and dropped (not stored, not parsed) up to ``DRAIN_FACTOR``
times the limit, so that an ordinary client, still sending when the answer is ready, reads
the 413 instead of a reset connection. Beyond that the connection is closed.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sportello.ops.record import REQUEST_ID_KEY, note_error

PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
#: A refused body is read and dropped up to this many times the limit, then the connection closes.
DRAIN_FACTOR = 16


def too_large_body(limit: int, request_id: str | None = None) -> bytes:
    extensions: dict[str, Any] = {"code": PAYLOAD_TOO_LARGE, "maxBytes": limit}
    if request_id is not None:
        extensions["requestId"] = request_id
    error = {"message": f"The request body is larger than {limit} bytes.", "extensions": extensions}
    return orjson.dumps({"errors": [error]})


class BodySizeLimit:
    """ASGI middleware: HTTP request bodies up to ``limit`` bytes reach the app; larger ones get 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send, declared)
            return
        # Read the whole body here (the GraphQL view reads it whole anyway), counting as it
        # comes, then hand it to the app as one message.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                # The client went away: let the app see it the way it would have.
                await self.app(scope, _replay([message], receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            more = bool(message.get("more_body", False))
            if size > self.limit:
                await self._refuse(scope, receive, send, None, more)
                return
            chunks.append(chunk)
        body = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([body], receive), send)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, declared: int | None, more: bool = True
    ) -> None:
        cap = self.limit * DRAIN_FACTOR
        drained = 0
        if declared is not None and declared > cap:
            more = False  # not worth reading: close instead
            drained = declared
        while more and drained <= cap:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            drained += len(message.get("body", b""))
            more = bool(message.get("more_body", False))
        note_error(PAYLOAD_TOO_LARGE)
        request_id = scope.get(REQUEST_ID_KEY)
        content = too_large_body(self.limit, request_id if isinstance(request_id, str) else None)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(content)).encode()),
        ]
        if drained > cap:
            # The rest of the body stays unread: the connection cannot be reused.
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": content})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Any:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
