"""A test office that declares event types and handlers (one that fails twice before it works)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sportello import hookimpl
from sportello.events import Event, EventHandler, EventType
from sportello.plugininfo import PluginInfo

#: effects keyed by idempotency key: a handler that ran twice would show up twice here
EFFECTS: dict[str, list[Any]] = defaultdict(list)
CALLS: dict[str, int] = defaultdict(int)
FAIL_FIRST: dict[str, int] = {}


def reset() -> None:
    EFFECTS.clear()
    CALLS.clear()
    FAIL_FIRST.clear()


async def flaky(event: Event) -> None:
    CALLS[event.idempotency_key] += 1
    if CALLS[event.idempotency_key] <= FAIL_FIRST.get(event.aggregate, 0):
        raise RuntimeError(f"boom {CALLS[event.idempotency_key]}")
    EFFECTS[event.idempotency_key].append(("flaky", event.payload))


async def steady(event: Event) -> None:
    import asyncio
    import os

    if os.environ.get("EVTEST_HANG") == "1":  # a server that dies before delivering
        await asyncio.sleep(3600)
    EFFECTS["steady"].append(event.payload.get("n"))
    if os.environ.get("EVTEST_EFFECTS_FILE"):
        line = f"{event.idempotency_key} {event.payload.get('n')}\n"
        await asyncio.to_thread(_append, os.environ["EVTEST_EFFECTS_FILE"], line)


def _append(path: str, line: str) -> None:
    with open(path, "a") as f:
        f.write(line)


async def always_fails(event: Event) -> None:
    raise RuntimeError("never works")


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="evtest", title="Events test office", version="0.0.1")


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [
        EventType("evtest.thing.happened", description="Something happened"),
        EventType("evtest.doomed", description="Nobody handles it well"),
        EventType("evtest.secret", permission="evtest.secret.view"),
    ]


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    return [
        EventHandler("evtest.thing.happened", "evtest.flaky", flaky, max_attempts=5),
        EventHandler("evtest.thing.happened", "evtest.steady", steady),
        EventHandler("evtest.doomed", "evtest.always_fails", always_fails, max_attempts=3),
    ]


async def publish_endpoint(request: Any) -> Any:
    """POST /evtest/publish {"n": ..., "aggregate": ...}: publish in a transaction, like a service."""
    from starlette.responses import JSONResponse

    from sportello.events import publish
    from sportello.services import atomic

    body = await request.json()
    async with atomic():
        event = await publish(
            "evtest.thing.happened",
            {"n": body.get("n"), "pid": __import__("os").getpid()},
            aggregate=body.get("aggregate", "thing:http"),
        )
    return JSONResponse({"id": event.id})


@hookimpl
def sportello_routes(runtime: Any) -> list[Any]:
    from starlette.routing import Route

    return [Route("/evtest/publish", publish_endpoint, methods=["POST"])]
