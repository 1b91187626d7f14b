"""A test office that declares event types and handlers (one that fails twice before it works)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from sportello import hookimpl
from sportello.events import Event, EventHandler, EventType
from sportello.identity.permissions import Permission, RoleSpec
from sportello.plugininfo import PluginInfo

#: effects keyed by idempotency key: a handler that ran twice would show up twice here
EFFECTS: dict[str, list[Any]] = defaultdict(list)
CALLS: dict[str, int] = defaultdict(int)
FAIL_FIRST: dict[str, int] = {}


class Gate:
    """A handler the test holds inside ``handle`` until it opens the gate."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.release = asyncio.Event()
        self.finished = asyncio.Event()


GATE = Gate()


def reset() -> None:
    global GATE
    EFFECTS.clear()
    CALLS.clear()
    FAIL_FIRST.clear()
    GATE = Gate()


async def slow(event: Event) -> None:
    """Blocks (no transaction held) until the test releases it, then writes its effect."""
    gate = GATE
    gate.entered.set()
    await gate.release.wait()
    async with event.transaction():
        EFFECTS["slow"].append(event.payload.get("n"))
    gate.finished.set()


async def writer(event: Event) -> None:
    """Database effects inside event.transaction(); fails inside or after it when asked."""
    from sportello.parties.models import Party

    CALLS[event.idempotency_key] += 1
    calls = CALLS[event.idempotency_key]
    async with event.transaction():
        await Party.create(display_name=f"written by event {event.id}")
        if calls <= event.payload.get("fail_inside", 0):
            raise RuntimeError(f"inside {calls}")
    if calls <= event.payload.get("fail_after", 0):
        raise RuntimeError(f"after {calls}")


async def stuck_in_transaction(event: Event) -> None:
    """Writes, then hangs inside its transaction: the timeout must roll it back."""
    from sportello.parties.models import Party

    CALLS[event.idempotency_key] += 1
    async with event.transaction():
        await Party.create(display_name=f"never committed {event.id}")
        await asyncio.Event().wait()


async def stuck(event: Event) -> None:
    CALLS[event.idempotency_key] += 1
    await asyncio.Event().wait()  # never set: only the timeout ends it


async def flaky(event: Event) -> None:
    CALLS[event.idempotency_key] += 1
    if CALLS[event.idempotency_key] <= FAIL_FIRST.get(event.aggregate, 0):
        raise RuntimeError(f"boom {CALLS[event.idempotency_key]}")
    EFFECTS[event.idempotency_key].append(("flaky", event.payload))


async def steady(event: Event) -> None:
    import os

    if os.environ.get("EVTEST_HANG") == "1":  # a server that dies before delivering
        await asyncio.to_thread(_append, os.environ["EVTEST_ENTERED_FILE"], "entered\n")
        await asyncio.sleep(3600)
    EFFECTS["steady"].append(event.payload.get("n"))
    if os.environ.get("EVTEST_EFFECTS_FILE"):
        line = f"{event.idempotency_key} {event.payload.get('n')}\n"
        await asyncio.to_thread(_append, os.environ["EVTEST_EFFECTS_FILE"], line)


def _append(path: str, line: str) -> None:
    with open(path, "a") as f:
        f.write(line)


async def always_fails(event: Event) -> None:
    raise RuntimeError(f"never works {event.payload.get('who', '')}".strip())


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="evtest", title="Events test office", version="0.0.1")


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [
        EventType("evtest.thing.happened", description="Something happened"),
        EventType("evtest.doomed", description="Nobody handles it well"),
        EventType("evtest.secret", permission="evtest.secret.view"),
        EventType("evtest.slow", description="Its handler waits for the test"),
        EventType("evtest.write", description="Its handler writes a party"),
        EventType("evtest.stuck", description="Its handler never finishes"),
        EventType("evtest.stuck_tx", description="Its handler hangs in its transaction"),
    ]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [Permission("evtest.secret.view", "See secret test events")]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("secret_keeper", ("evtest.secret.view",)),
        RoleSpec("integrator", ("webhooks.manage", "events.view")),
        RoleSpec("replayer", ("events.manage",)),
    ]


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    return [
        EventHandler("evtest.thing.happened", "evtest.flaky", flaky, max_attempts=5),
        EventHandler("evtest.thing.happened", "evtest.steady", steady),
        EventHandler("evtest.doomed", "evtest.always_fails", always_fails, max_attempts=3),
        EventHandler("evtest.slow", "evtest.slow", slow),
        EventHandler("evtest.write", "evtest.writer", writer, max_attempts=5),
        EventHandler("evtest.stuck", "evtest.stuck", stuck, max_attempts=2, timeout=0.2),
        EventHandler(
            "evtest.stuck_tx", "evtest.stuck_tx", stuck_in_transaction, max_attempts=2, timeout=0.2
        ),
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
