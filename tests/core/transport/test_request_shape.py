"""Request size and shape over real HTTP, debug off: a body over ``server.max_request_bytes``
is refused with 413 before parsing (declared or streamed), and bodies that are not JSON a
client could mean get a GraphQL error response (400 with ``errors``), not a bare "Internal
Server Error" and a closed connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson

from sportello.graphql.wire import encode_json
from sportello.settings import Settings

SMALL = 4096
PING = {"query": "{ __typename }"}


def _error_code(response: httpx.Response) -> str:
    body = response.json()
    assert "errors" in body and body["errors"], body
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def _still_serves(h: Any) -> None:
    ping = await h.client.post("/graphql", json=PING)
    assert ping.status_code == 200 and ping.json() == {"data": {"__typename": "Query"}}


async def test_the_default_limit_is_one_megabyte_and_refuses_a_declared_larger_body(
    sportello_app,
) -> None:
    assert Settings().server.max_request_bytes == 1_048_576
    async with sportello_app(live=True, debug=False) as h:
        padding = "x" * 1_100_000
        big = await h.client.post("/graphql", json={**PING, "variables": {"pad": padding}})
        assert big.status_code == 413
        assert _error_code(big) == "PAYLOAD_TOO_LARGE"
        assert big.json()["errors"][0]["extensions"]["maxBytes"] == 1_048_576
        # Just under the limit is parsed and answered as usual.
        fits = await h.client.post("/graphql", json={**PING, "variables": {"pad": "x" * 1_000_000}})
        assert fits.status_code == 200 and fits.json()["data"] == {"__typename": "Query"}
        await _still_serves(h)


async def test_a_streamed_body_is_counted_and_refused_past_the_limit(sportello_app) -> None:
    async with sportello_app(live=True, debug=False, server={"max_request_bytes": SMALL}) as h:
        chunk = b" " * 1024

        async def chunks(count: int) -> AsyncIterator[bytes]:
            yield b'{"query": "{ __typename }"'
            for _ in range(count):
                yield chunk
            yield b"}"

        headers = {"content-type": "application/json"}
        # No Content-Length: httpx sends the generator with chunked transfer encoding.
        big = await h.client.post("/graphql", content=chunks(8), headers=headers)
        assert "content-length" not in big.request.headers
        assert big.request.headers["transfer-encoding"] == "chunked"
        assert big.status_code == 413 and _error_code(big) == "PAYLOAD_TOO_LARGE"
        small = await h.client.post("/graphql", content=chunks(2), headers=headers)
        assert small.status_code == 200 and small.json()["data"] == {"__typename": "Query"}
        declared = await h.client.post("/graphql", content=b" " * (SMALL + 1), headers=headers)
        assert declared.status_code == 413 and _error_code(declared) == "PAYLOAD_TOO_LARGE"
        await _still_serves(h)


async def test_bodies_no_client_could_mean_get_a_graphql_error(sportello_app) -> None:
    nested = b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}"
    bodies = {
        "invalid UTF-8": b'{"query": "{ __typename }", "variables": {"a": "\xff\xfe"}}',
        "lone surrogate in the query": b'{"query": "{ __typename \\ud800 }"}',
        "lone surrogate in a variable": (
            b'{"query": "query($n: Int) { __typename }", "variables": {"n": "\\udc00"}}'
        ),
        "5,000 levels deep": nested,
        "not JSON at all": b"\x00\x01\x02",
    }
    async with sportello_app(live=True, debug=False) as h:
        for name, body in bodies.items():
            for accept in (None, "application/graphql-response+json"):
                headers = {"content-type": "application/json"}
                if accept:
                    headers["accept"] = accept
                response = await h.client.post("/graphql", content=body, headers=headers)
                assert response.status_code == 400, (name, response.text)
                assert _error_code(response) == "BAD_REQUEST", name
                assert response.headers["content-type"].startswith(accept or "application/json")
        # A mutation over GET is refused the same way, with errors to read.
        get = await h.client.get("/graphql", params={"query": "mutation { __typename }"})
        assert get.status_code == 400 and _error_code(get) == "BAD_REQUEST"
        await _still_serves(h)


async def test_a_lone_surrogate_echoed_in_a_message_is_encoded_not_fatal(sportello_app) -> None:
    # JSON bodies cannot carry one any more; a GET parameter decoded by a lenient layer could.
    assert orjson.loads(encode_json({"message": "bad \ud800 here"})) == {
        "message": "bad \ufffd here"
    }
    assert orjson.loads(encode_json({"ok": "\U0001f600"})) == {"ok": "\U0001f600"}
    async with sportello_app(live=True, debug=False) as h:
        # A GET query naming a field with a character outside GraphQL's alphabet: the message
        # echoes it and the response still encodes.
        response = await h.client.get("/graphql", params={"query": "{ __typename \u00e9 }"})
        assert response.status_code in (200, 400)
        assert "errors" in response.json()
        await _still_serves(h)


async def test_a_websocket_message_over_the_limit_closes_the_connection(sportello_app) -> None:
    import json

    import websockets

    async with sportello_app(live=True, debug=False, server={"max_request_bytes": SMALL}) as h:
        url = h.base_url.replace("http://", "ws://") + "/graphql"
        token = await h.token()
        async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
            init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
            await ws.send(json.dumps(init))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            query = "subscription { __typename }" + " " * (SMALL + 1)
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))

            async def close_code() -> int | None:
                try:
                    while True:
                        await ws.recv()
                except websockets.ConnectionClosed as closed:
                    return closed.rcvd.code if closed.rcvd else None

            # (A bound, not a speed check: without the limit the server answers and stays open.)
            assert await asyncio.wait_for(close_code(), 30) == 1009
        await _still_serves(h)


def _without_request_ids(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_request_ids(v) for k, v in data.items() if k != "requestId"}
    if isinstance(data, list):
        return [_without_request_ids(v) for v in data]
    return data


async def test_a_plain_post_is_answered_as_strawberrys_own_parsing_answers_it(
    sportello_app,
) -> None:
    """The view serves one JSON operation POSTed (what nearly every client sends) on a short
    path of its own; everything else takes strawberry's. Each request here is sent both ways
    and must get the same answer: status, media type and body."""
    json_type = {"content-type": "application/json"}
    two = "query A { __typename } query B { b: __typename }"
    requests: dict[str, dict[str, Any]] = {
        "a query": {"json": PING},
        "with variables": {
            "json": {"query": "query($n: Int) { __typename }", "variables": {"n": 1}}
        },
        "the operation named": {"json": {"query": two, "operationName": "B"}},
        "two operations, none named": {"json": {"query": two}},
        "an unknown operation name": {"json": {"query": two, "operationName": "C"}},
        "a mutation": {"json": {"query": "mutation { __typename }"}},
        "a subscription": {"json": {"query": "subscription { __typename }"}},
        "no query": {"json": {"query": None}},
        "a query that is not a string": {"json": {"query": 5}},
        "variables that are not an object": {"json": {**PING, "variables": [1]}},
        "extensions that are not an object": {"json": {**PING, "extensions": "x"}},
        "a syntax error": {"json": {"query": "{ __typename"}},
        "an unknown field": {"json": {"query": "{ nope }"}},
        "a batch": {"json": [PING, PING]},
        "a JSON string": {"content": b'"{ __typename }"', "headers": json_type},
        "not JSON": {"content": b"{query", "headers": json_type},
        "a charset": {
            "content": orjson.dumps(PING),
            "headers": {"content-type": "application/json; charset=utf-8"},
        },
        "another media type": {
            "content": orjson.dumps(PING),
            "headers": {"content-type": "text/plain"},
        },
        "graphql-response+json asked": {
            "json": {"query": "{ nope }"},
            "headers": {"accept": "application/graphql-response+json"},
        },
        "an invalid token": {"json": PING, "headers": {"authorization": "Bearer spa_nope"}},
    }
    async with sportello_app(debug=False) as h:
        view = next(r for r in h.app.routes if getattr(r, "path", "") == "/graphql").app
        assert view._plain_posts  # the short path is on for this schema
        answers: dict[bool, dict[str, tuple[int, str, Any]]] = {}
        for short in (True, False):
            view._plain_posts = short
            answers[short] = {}
            for name, request in requests.items():
                response = await h.client.post("/graphql", **request)
                body = _without_request_ids(response.json()) if response.content else None
                answers[short][name] = (
                    response.status_code,
                    response.headers.get("content-type", ""),
                    body,
                )
                assert response.headers["x-request-id"], name
        view._plain_posts = True
        for name in requests:
            assert answers[True][name] == answers[False][name], name
        # Not a 200 for everything: the requests above do reach the refusals.
        assert answers[True]["no query"][0] == 400
        assert answers[True]["an invalid token"][0] == 401
        assert answers[True]["graphql-response+json asked"][0] == 400
        for refused in ("a JSON string", "not JSON", "a query that is not a string"):
            status, _, body = answers[True][refused]
            assert status == 400 and body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        # A method the API refuses still gets the router's 405.
        put = await h.client.put("/graphql", json=PING)
        assert put.status_code == 405
