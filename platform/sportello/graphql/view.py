"""The /graphql endpoint: POST, GET for queries, graphql-transport-ws for subscriptions.

HTTP follows the GraphQL-over-HTTP spec: a client that accepts
``application/graphql-response+json`` gets that media type, and a request error (parse,
validation, variable coercion: the response has no ``data``) answers 400 without ``data``.
Clients that ask only for ``application/json`` (or for nothing) get today's 200 and
``application/json``. WebSocket messages go out as text frames, as JavaScript clients
(``graphql-ws``, browsers) expect.

A body that is not JSON a client could mean (invalid UTF-8, a lone surrogate escape, nesting
deeper than 1,024 levels) and every other HTTP-level refusal (unsupported content type, a GET
mutation) is a GraphQL error response with ``errors`` and the code ``BAD_REQUEST`` (status
400, or 405 for a method), not a plain-text body; the body-size limit sits in front
(``sportello.bodylimit``). A string that still holds a lone surrogate when a response is encoded
(from a GET parameter, say) goes out with U+FFFD in its place instead of failing the response.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping
from json import JSONDecodeError
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.exceptions import (
    NonJsonMessageReceived,
    NonTextMessageReceived,
    WebSocketDisconnected,
)
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from sportello.graphql.context import Context
from sportello.graphql.wire import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    InvalidToken,
    client_ip,
    client_request_id_of,
    content_type,
    encode_json,
    http_error_response,
    invalid_token_response,
    request_error_status,
    request_id_of,
    response_media_type,
)
from sportello.i18n import negotiate, set_language
from sportello.identity import tokens
from sportello.identity.auth import authenticate, bearer
from sportello.lifecycle import GOING_AWAY
from sportello.ops.record import REQUEST_ID_KEY, current
from sportello.runtime import Runtime

#: Keys of the request's ASGI scope: the media type chosen, the status of a single result.
_MEDIA_KEY = "sportello.graphql.media_type"
_STATUS_KEY = "sportello.graphql.status"


def _operations(data: object) -> object:
    """A JSON body is one operation (an object) or a batch (an array); anything else (a
    string, a number) is refused here, where strawberry's parser failed with an internal
    error."""
    if not isinstance(data, (dict, list)):
        raise HTTPException(400, "The request body must be a JSON object, or an array for a batch.")
    return data


#: WebSocket close code for a message over the size limit (RFC 6455 "Message Too Big").
MESSAGE_TOO_BIG = 1009


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """Sends every graphql-transport-ws message as a text frame, and closes the connection
    (1009) on a message larger than ``server.max_request_bytes`` before parsing it.

    strawberry sends whatever ``encode_json`` returns, and ours returns bytes (orjson) for
    HTTP: a binary frame is a Blob to a browser, and ``graphql-ws`` (Apollo, urql, Relay) fails
    with "Message is missing the 'type' property"."""

    async def iter_json(self, *, ignore_parsing_errors: bool = False) -> AsyncGenerator[object]:
        view = self.view
        limit = (
            view.runtime.settings.server.max_request_bytes
            if isinstance(view, SportelloGraphQL)
            else None
        )
        try:
            while self.ws.application_state != WebSocketState.DISCONNECTED:
                try:
                    text = await self.ws.receive_text()
                    if limit is not None and len(text) > limit // 4 and len(text.encode()) > limit:
                        await self.ws.close(MESSAGE_TOO_BIG, "message too big")
                        return
                    yield view.decode_json(text)
                except JSONDecodeError as e:
                    if not ignore_parsing_errors:
                        raise NonJsonMessageReceived from e
        except KeyError as e:
            raise NonTextMessageReceived from e
        except WebSocketDisconnect:
            pass

    async def send_json(self, message: Mapping[str, object]) -> None:
        if self.ws.application_state == WebSocketState.DISCONNECTED:
            # Closed by the server meanwhile (the drain, the token guard): the operation ends.
            raise WebSocketDisconnected
        try:
            await self.ws.send_text(encode_json(message).decode())
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class SportelloGraphQL(GraphQL[Context, None]):
    websocket_adapter_class = TextWebSocketAdapter

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
        #: a plain POST can only get a plain result: no stream transport, no @defer
        self._plain_posts = not self._stream_transport_map and not (
            runtime.schema.config.enable_experimental_incremental_execution
        )

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        """strawberry's: an empty response to carry headers and a status, without the
        content-length of its empty body (dropped without building a header map)."""
        sub_response = Response()
        sub_response.status_code = None  # type: ignore[assignment]  # as strawberry's
        sub_response.raw_headers = []
        return sub_response

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        request_id = request_id_of(request)
        client_request_id = client_request_id_of(request)
        record = current()
        if record is not None:
            record.client_request_id = client_request_id
        language = negotiate(
            request.headers.get("accept-language"), self.runtime.settings.default_language
        )
        set_language(language)
        raw = bearer(request.headers.get("authorization")) if isinstance(request, Request) else None
        actor = await authenticate(
            self.runtime,
            raw,
            request_id=request_id,
            client_request_id=client_request_id,
            language=language,
        )
        if raw and not actor.is_authenticated:
            raise InvalidToken(await tokens.rejection(raw), request_id)
        if isinstance(response, Response):  # a fresh sub-response: nothing to replace
            response.raw_headers.append((b"x-request-id", request_id.encode("latin-1")))
        return Context(
            runtime=self.runtime,
            request=request,
            response=response if isinstance(response, Response) else None,
            actor=actor,
            request_id=request_id,
            client_request_id=client_request_id,
            language=language,
            extra={"ip": client_ip(request)},
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._plain_posts:
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            data = await self._plain_post(request)
        except HTTPException as exc:
            media_type = response_media_type(request.headers.get("accept"))
            error = http_error_response(exc, media_type, request.scope.get(REQUEST_ID_KEY))
            await error(scope, receive, send)
            return
        if data is None:
            try:
                response = await self.run(request)
            except HTTPException as exc:  # as strawberry's own view answers it
                response = PlainTextResponse(exc.reason, status_code=exc.status_code)
        else:
            response = await self._run_plain(request, data)
        await response(scope, receive, send)

    async def _plain_post(self, request: Request) -> GraphQLRequestData | None:
        """The request's operation when it is what nearly every client sends: one operation
        POSTed as a JSON object, with a string query and object variables and extensions.
        None for anything else (a GET, a batch, a form, a body that does not parse...), which
        strawberry's view parses and refuses as ever; the body read here stays on the request
        for it."""
        if request.method != "POST":
            return None
        content_type = request.headers.get("content-type", "")
        if content_type.partition(";")[0].strip().lower() != JSON:
            return None
        try:
            data = _operations(self.decode_json(await request.body()))
        except (JSONDecodeError, ClientDisconnect):
            return None
        if not isinstance(data, dict):
            return None
        query, variables = data.get("query"), data.get("variables")
        extensions, name = data.get("extensions"), data.get("operationName")
        if not (
            (query is None or isinstance(query, str))
            and (variables is None or isinstance(variables, dict))
            and (extensions is None or isinstance(extensions, dict))
        ):
            return None
        return GraphQLRequestData(
            query=query, variables=variables, operation_name=name, extensions=extensions
        )

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        # strawberry's test: "application/json" anywhere in the media type
        if request.method == "POST" and JSON in (request.content_type or "").lower():
            try:
                _operations(self.decode_json(await request.get_body()))
            except JSONDecodeError:
                pass  # strawberry's own refusal follows
        return await super().parse_http_body(request)

    async def _run_plain(self, request: Request, data: GraphQLRequestData) -> Response:
        """strawberry's ``run`` for a plain POST, without the steps that cannot apply to it
        (WebSocket and IDE checks, content negotiation of streams, multipart, batches): about
        0.1 ms of a request's fixed cost (``bench/crm.py``, a page of one)."""
        media_type = response_media_type(request.headers.get("accept"))
        request.scope[_MEDIA_KEY] = media_type
        sub_response = await self.get_sub_response(request)
        try:
            context = await self.get_context(request, response=sub_response)
            result = await self.execute_operation(
                request=request,
                request_adapter=self.request_adapter_class(request),
                request_data=data,
                context=context,
                root_value=None,  # the schema has no root value (get_root_value: None)
                sub_response=sub_response,
            )
        except InvalidToken as exc:
            return invalid_token_response(exc, media_type)
        except HTTPException as exc:
            return http_error_response(exc, media_type, request.scope.get(REQUEST_ID_KEY))
        if not isinstance(result, ExecutionResult):  # no stream transport, no @defer: never
            raise TypeError(f"unexpected result of a plain POST: {type(result).__name__}")
        response_data = await self.process_result(request, result)
        if result.errors:
            self._handle_errors(result.errors, response_data)
        return self._finish(request, self.create_response(response_data, sub_response), media_type)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        if isinstance(request, WebSocket):
            return await self._run_websocket(request, context, root_value)
        return await self._run(request, context, root_value)

    async def _run(self, request: Any, context: Any, root_value: Any) -> Any:
        media_type = JSON
        if isinstance(request, Request):
            media_type = response_media_type(request.headers.get("accept"))
            request.scope[_MEDIA_KEY] = media_type
        try:
            response = await super().run(request, context, root_value)
        except InvalidToken as exc:
            return invalid_token_response(exc, media_type)
        except HTTPException as exc:
            request_id = request.scope.get(REQUEST_ID_KEY) if isinstance(request, Request) else None
            return http_error_response(exc, media_type, request_id)
        if isinstance(request, Request):
            return self._finish(request, response, media_type)
        return response

    def _finish(self, request: Request, response: Response, media_type: str) -> Response:
        status = request.scope.get(_STATUS_KEY)
        if status is not None and not isinstance(response, StreamingResponse):
            # A single GraphQL response built by create_response: the media type the client
            # asked for, and the status of a request error.
            response.headers["content-type"] = content_type(media_type)
            if status != 200:
                response.status_code = status
        return response

    async def _run_websocket(self, socket: WebSocket, context: Any, root_value: Any) -> Any:
        """Known to the drain while open (closed with 1001 when the server stops); refused
        once the server is draining."""
        lifecycle = self.runtime.lifecycle
        if lifecycle.draining:
            await socket.close(GOING_AWAY, "going away")
            return None
        lifecycle.track(socket)
        try:
            return await self._run(socket, context, root_value)
        finally:
            lifecycle.untrack(socket)

    async def execute_operation(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: Context,
        root_value: None,
        sub_response: Response,
    ) -> Any:
        if isinstance(request_data, list):
            # A batch is a JSON array, not one GraphQL response: application/json as before.
            request.scope[_MEDIA_KEY] = JSON
        return await super().execute_operation(
            request=request,
            request_adapter=request_adapter,
            request_data=request_data,
            context=context,
            root_value=root_value,
            sub_response=sub_response,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        raw = params.get("authorization") or params.get("token") or params.get("Authorization")
        if isinstance(raw, str) and raw.lower().startswith("bearer "):
            raw = raw[7:]
        hook = self.runtime.state.get("ws_authenticate")
        if hook is not None:
            actor = await hook(self.runtime, params, context)
        elif raw:
            actor = await authenticate(
                self.runtime,
                str(raw),
                request_id=context.request_id,
                client_request_id=context.client_request_id,
            )
            if not actor.is_authenticated:
                actor = None
        else:
            actor = context.actor
        if actor is None:
            raise ConnectionRejectionError({"reason": "invalid token"})
        context.actor = actor
        unset: UnsetType = UNSET
        return unset

    def encode_json(self, data: object) -> bytes:
        """HTTP bodies (orjson's speed); WebSocket frames go through TextWebSocketAdapter."""
        return encode_json(data)

    def decode_json(self, data: str | bytes) -> object:
        """orjson: invalid UTF-8, lone surrogates and nesting deeper than 1,024 levels are a
        ``JSONDecodeError`` (400), where ``json.loads`` raised errors nobody caught."""
        return orjson.loads(data)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Unexpected errors were logged and masked by sportello.graphql.limits.MaskUnexpectedErrors.
        response = process_result(result)
        if request.scope.get(_MEDIA_KEY) == GRAPHQL_RESPONSE_JSON:
            status = request_error_status(result)
            if status is not None:
                response.pop("data", None)
            request.scope[_STATUS_KEY] = status or 200
        return response
