"""What the GraphQL endpoint reads and writes on the wire, apart from running operations.

The media type a client accepts (GraphQL-over-HTTP), the HTTP status of a request error, the
server's and the client's request ids, the client's address, the GraphQL error responses of
refusals made before GraphQL runs (an invalid token, a body that does not parse) and the JSON
encoding that never fails on a lone surrogate. ``sportello.graphql.view`` serves with them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import ExecutionResult

from sportello.ops.record import REQUEST_ID_KEY, note_error

_CLIENT_ID_DROP = re.compile(r"[^A-Za-z0-9._:/+=-]")
#: The longest client request id kept (the audit trail's column).
CLIENT_REQUEST_ID_MAX = 64

JSON = "application/json"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def _quality(accept: str, media_type: str) -> tuple[float, int]:
    """``(q, specificity)`` of the most specific range of ``accept`` matching ``media_type``
    (RFC 9110, 12.5.1); specificity 0 when nothing matches."""
    main = media_type.split("/", 1)[0]
    best_q, best_specificity = 0.0, 0
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        candidate = parts[0].lower()
        if candidate == media_type:
            specificity = 3
        elif candidate == f"{main}/*":
            specificity = 2
        elif candidate == "*/*":
            specificity = 1
        else:
            continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        if specificity > best_specificity:
            best_q, best_specificity = q, specificity
    return best_q, best_specificity


def response_media_type(accept: str | None) -> str:
    """The media type of a GraphQL response for this ``Accept`` header.

    ``application/graphql-response+json`` when the client names it and prefers it to
    ``application/json`` (equal q: the one named explicitly, then the newer type). Otherwise
    ``application/json``: no Accept, ``*/*``, or nothing we support (the spec allows ignoring
    the header then; existing clients keep working)."""
    if not accept or GRAPHQL_RESPONSE_JSON not in accept.lower():
        return JSON
    graphql_q, graphql_specificity = _quality(accept, GRAPHQL_RESPONSE_JSON)
    json_q, json_specificity = _quality(accept, JSON)
    if graphql_q <= 0:
        return JSON
    if graphql_q > json_q or (graphql_q == json_q and graphql_specificity >= json_specificity):
        return GRAPHQL_RESPONSE_JSON
    return JSON


def request_error_status(result: ExecutionResult) -> int | None:
    """The HTTP status of a GraphQL *request error* (no ``data``: the document did not parse or
    validate, or the variables did not coerce), else None.

    Field errors carry a ``path``, even when ``data`` ended up null: those are partial
    responses (200). An unexpected exception outside any field (masked with
    INTERNAL_SERVER_ERROR) is the server's fault: 500."""
    if result.data is not None or not result.errors:
        return None
    if any(error.path for error in result.errors):
        return None
    if any(
        (error.extensions or {}).get("code") == "INTERNAL_SERVER_ERROR" for error in result.errors
    ):
        return 500
    return 400


def request_id_of(request: Request | WebSocket) -> str:
    """The server's own id of this request: the one its log line carries (given by
    ``sportello.ops.middleware``), else a fresh one; never what the client sends (a client's
    ``X-Request-ID`` could otherwise pose as another request in the audit trail and the logs;
    it is kept apart, see ``client_request_id_of``)."""
    given = request.scope.get(REQUEST_ID_KEY)
    return given if isinstance(given, str) else uuid.uuid4().hex


def client_request_id_of(request: Request | WebSocket) -> str | None:
    """The caller's ``X-Request-ID``, for correlation only: characters outside
    ``A-Z a-z 0-9 . _ : / + = -`` dropped, at most 64 kept; None when nothing is left."""
    given = request.headers.get("x-request-id")
    if not given:
        return None
    kept = _CLIENT_ID_DROP.sub("", given[:1024])[:CLIENT_REQUEST_ID_MAX]
    return kept or None


def client_ip(request: Request | WebSocket) -> str:
    client = request.scope.get("client")  # (host, port), as ``request.client`` reads it
    return str(client[0]) if client else "unknown"


class InvalidToken(Exception):
    """A bearer token that is unknown, revoked or expired: the client must refresh or log in."""

    def __init__(self, reason: str, request_id: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.request_id = request_id


def invalid_token_response(exc: InvalidToken, media_type: str = JSON) -> Response:
    """RFC 6750: 401 with ``WWW-Authenticate``; the body is a GraphQL error clients can read
    (a request error: no ``data`` entry under ``application/graphql-response+json``)."""
    code = "TOKEN_EXPIRED" if exc.reason == "token_expired" else "UNAUTHENTICATED"
    note_error(code)
    body: dict[str, Any] = {
        "data": None,
        "errors": [
            {
                "message": "The access token is expired."
                if code == "TOKEN_EXPIRED"
                else "The access token is invalid or revoked.",
                "extensions": {"code": code, "requestId": exc.request_id},
            }
        ],
    }
    if media_type == GRAPHQL_RESPONSE_JSON:
        del body["data"]
    return Response(
        orjson.dumps(body),
        status_code=401,
        media_type=content_type(media_type),
        headers={
            "www-authenticate": f'Bearer error="invalid_token", error_description="{exc.reason}"',
            "x-request-id": exc.request_id,
        },
    )


def http_error_response(
    exc: HTTPException, media_type: str = JSON, request_id: str | None = None
) -> Response:
    """A refusal before GraphQL ran (the body did not parse, a GET mutation...) as a GraphQL
    error response: clients read ``errors`` as for any request error."""
    code = "METHOD_NOT_ALLOWED" if exc.status_code == 405 else "BAD_REQUEST"
    if exc.status_code == 404:
        code = "NOT_FOUND"
    note_error(code)
    extensions = {"code": code} if request_id is None else {"code": code, "requestId": request_id}
    body = {"errors": [{"message": exc.reason, "extensions": extensions}]}
    return Response(
        encode_json(body), status_code=exc.status_code, media_type=content_type(media_type)
    )


def _valid_text(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD (pairs are kept)."""
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _scrub_surrogates(data: Any) -> Any:
    if isinstance(data, str):
        return _valid_text(data)
    if isinstance(data, Mapping):
        return {_scrub_surrogates(k): _scrub_surrogates(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_scrub_surrogates(v) for v in data]
    return data


def encode_json(data: object) -> bytes:
    """orjson; a lone surrogate (which orjson refuses) becomes U+FFFD instead of an error."""
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        return orjson.dumps(_scrub_surrogates(data))


def content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type == GRAPHQL_RESPONSE_JSON else media_type
