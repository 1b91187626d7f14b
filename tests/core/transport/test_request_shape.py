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

from sportello.graphql.view import encode_json
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
