from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from sportello.events import publish
from sportello.services import atomic

#: Test receivers listen on this machine: loopback is refused unless allowed, as an
#: administrator allows an on-premises receiver.
LOCAL_RECEIVERS = {"allow": ["127.0.0.0/8", "::1/128", "localhost"]}


def fast(runtime: Any, **overrides: Any) -> Any:
    """Shrink the dispatcher's timings for a test (no timing assertions rely on them)."""
    core = runtime.state["events"]
    core.config.backoff_base = overrides.pop("backoff_base", 0.02)
    core.config.poll_interval = overrides.pop("poll_interval", 0.05)
    for k, v in overrides.items():
        setattr(core.config, k, v)
    return core


async def emit(name: str, payload: dict[str, Any], aggregate: str, site_id: int | None = None):
    async with atomic():
        return await publish(name, payload, aggregate=aggregate, site_id=site_id)


async def eventually(check: Callable[[], Awaitable[Any]], within: float = 20.0) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        result = await check()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"condition not met in {within}s: last {result!r}")
        await asyncio.sleep(0.03)


async def subscribers(runtime: Any, at_least: int = 1) -> int:
    """Wait until the broker holds ``at_least`` live subscriptions (registered, not hoped)."""
    core = runtime.state["events"]

    async def enough() -> int:
        n = len(core.broker.subscribers)
        return n if n >= at_least else 0

    return await eventually(enough)


class Receiver:
    """A bare ASGI webhook receiver that records every request and answers 204."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.requests.append((headers, body))
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def serve(app: Any) -> tuple[int, Any, asyncio.Task[Any]]:
    """Serve an ASGI app on a free local port: (port, server, task)."""
    import uvicorn

    from sportello.testing import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    await eventually(lambda: _now(server.started))
    return port, server, task


async def _now(value: Any) -> Any:
    return value


STREAM = """subscription($names: [String!]!) {
  eventStream(names: $names) { id name aggregate payload siteId idempotencyKey }
}"""


async def ws_connect(base_url: str, token: str | None) -> Any:
    """A graphql-transport-ws connection with connection_init sent."""
    import json

    import websockets

    ws = await websockets.connect(
        base_url.replace("http://", "ws://") + "/graphql", subprotocols=["graphql-transport-ws"]
    )
    payload = {"authorization": f"Bearer {token}"} if token else {}
    await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
    return ws


async def ws_ack(ws: Any) -> None:
    import json

    msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
    assert msg["type"] == "connection_ack", msg


async def ws_subscribe(ws: Any, names: list[str], op: str = "1") -> None:
    import json

    message = {
        "id": op,
        "type": "subscribe",
        "payload": {"query": STREAM, "variables": {"names": names}},
    }
    await ws.send(json.dumps(message))


async def ws_next(ws: Any) -> dict[str, Any]:
    import json

    msg = json.loads(await asyncio.wait_for(ws.recv(), 15))
    assert msg["type"] == "next", msg
    assert not msg["payload"].get("errors"), msg
    return msg["payload"]["data"]["eventStream"]  # type: ignore[no-any-return]
