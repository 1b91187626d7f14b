"""The /graphql endpoint: POST, GET for queries, graphql-transport-ws for subscriptions."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from sportello.graphql.context import Context
from sportello.i18n import negotiate, set_language
from sportello.identity import tokens
from sportello.identity.auth import authenticate, bearer
from sportello.runtime import Runtime

log = logging.getLogger("sportello.graphql")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_of(request: Request | WebSocket) -> str:
    """The caller's X-Request-ID when it looks like one, else a fresh one."""
    given = request.headers.get("x-request-id") or ""
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


def client_ip(request: Request | WebSocket) -> str:
    return request.client.host if request.client else "unknown"


class InvalidToken(Exception):
    """A bearer token that is unknown, revoked or expired: the client must refresh or log in."""

    def __init__(self, reason: str, request_id: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.request_id = request_id


def invalid_token_response(exc: InvalidToken) -> Response:
    """RFC 6750: 401 with ``WWW-Authenticate``; the body is a GraphQL error clients can read."""
    code = "TOKEN_EXPIRED" if exc.reason == "token_expired" else "UNAUTHENTICATED"
    body = {
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
    return Response(
        orjson.dumps(body),
        status_code=401,
        media_type="application/json",
        headers={
            "www-authenticate": f'Bearer error="invalid_token", error_description="{exc.reason}"',
            "x-request-id": exc.request_id,
        },
    )


class SportelloGraphQL(GraphQL[Context, None]):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        g = runtime.settings.graphql
        if g.batching and runtime.schema.config.batching_config is None:
            runtime.schema.config.batching_config = {"max_operations": 10}
        super().__init__(
            runtime.schema,
            graphql_ide="graphiql" if runtime.settings.debug else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        request_id = request_id_of(request)
        language = negotiate(
            request.headers.get("accept-language"), self.runtime.settings.default_language
        )
        set_language(language)
        raw = bearer(request.headers.get("authorization")) if isinstance(request, Request) else None
        actor = await authenticate(self.runtime, raw, request_id=request_id, language=language)
        if raw and not actor.is_authenticated:
            raise InvalidToken(await tokens.rejection(raw), request_id)
        if isinstance(response, Response):
            response.headers["x-request-id"] = request_id
        return Context(
            runtime=self.runtime,
            request=request,
            response=response if isinstance(response, Response) else None,
            actor=actor,
            request_id=request_id,
            language=language,
            extra={"ip": client_ip(request)},
        )

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context, root_value)
        except InvalidToken as exc:
            return invalid_token_response(exc)

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        raw = params.get("authorization") or params.get("token") or params.get("Authorization")
        if isinstance(raw, str) and raw.lower().startswith("bearer "):
            raw = raw[7:]
        hook = self.runtime.state.get("ws_authenticate")
        if hook is not None:
            actor = await hook(self.runtime, params, context)
        elif raw:
            actor = await authenticate(self.runtime, str(raw), request_id=context.request_id)
            if not actor.is_authenticated:
                actor = None
        else:
            actor = context.actor
        if actor is None:
            raise ConnectionRejectionError({"reason": "invalid token"})
        context.actor = actor
        return UNSET

    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Unexpected errors were logged and masked by sportello.graphql.limits.MaskUnexpectedErrors.
        return process_result(result)
