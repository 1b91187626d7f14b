"""GraphQL subscriptions: the in-process broker, ``subscribe`` and the token guard of a WebSocket.

It stands alone because it serves connected clients, not deliveries: the dispatcher (SQLite) or
the PostgreSQL listener only push committed events into its ``Broker``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sportello.events.registry import Event
from sportello.events.visibility import may_see_event
from sportello.identity.auth import authenticate

if TYPE_CHECKING:
    from sportello.events.dispatcher import EventsCore


class Broker:
    """In-process fan-out of committed events to live subscriptions."""

    def __init__(self) -> None:
        self.subscribers: set[tuple[frozenset[str], asyncio.Queue[Event]]] = set()

    def push(self, event: Event) -> None:
        # One feeder per backend (the dispatcher on SQLite, NOTIFY on PostgreSQL): commit order.
        for names, queue in list(self.subscribers):
            if event.name in names or "*" in names:
                queue.put_nowait(event)


def core_of(runtime: Any) -> EventsCore:
    core: EventsCore | None = runtime.state.get("events")
    if core is None:
        raise RuntimeError("the events core is not running (runtime not started)")
    return core


class _TokenGuard:
    """Re-checks the bearer token a WebSocket connection was opened with, now and then."""

    def __init__(self, ctx: Any, raw: str, every: float) -> None:
        self.ctx = ctx
        self.raw = raw
        self.every = every
        self.next_check = time.monotonic() + every

    @classmethod
    def of(cls, ctx: Any, every: float) -> _TokenGuard | None:
        params = getattr(ctx, "connection_params", None)
        runtime = getattr(ctx, "runtime", None)
        if not isinstance(params, Mapping) or runtime is None:
            return None
        if runtime.state.get("ws_authenticate") is not None:
            return None  # a custom authenticator: it owns validity
        raw = params.get("authorization") or params.get("token") or params.get("Authorization")
        if not isinstance(raw, str) or not raw.strip():
            return None
        if raw.lower().startswith("bearer "):
            raw = raw[7:]
        return cls(ctx, raw.strip(), every)

    def wait(self) -> float:
        return max(0.0, self.next_check - time.monotonic())

    async def still_valid(self) -> bool:
        """Validity now (revoked, expired, user disabled); refreshes the connection's actor."""
        self.next_check = time.monotonic() + self.every
        old = self.ctx.actor
        actor = await authenticate(
            self.ctx.runtime,
            self.raw,
            request_id=old.request_id,
            client_request_id=old.client_request_id,
            language=old.language,
        )
        if not actor.is_authenticated:
            return False
        self.ctx.actor = actor
        return True

    async def close(self) -> None:
        from starlette.websockets import WebSocket

        socket = getattr(self.ctx, "request", None)
        if isinstance(socket, WebSocket):
            with contextlib.suppress(Exception):
                await socket.close(code=4403, reason="token no longer valid")


async def subscribe(
    info: Any, names: Iterable[str], visible: Callable[[Any, Event], bool] | None = None
) -> AsyncIterator[Event]:
    """Events with these names, in order, for as long as the client listens.

    Only events the actor may see: its sites and, when the event type declares one, its
    ``permission``; or, given ``visible(actor, event)``, those it accepts (a stream of one
    user's own events, say). The connection's token is checked again every ``token_recheck`` seconds:
    once revoked or expired, the socket is closed with 4403.
    """
    ctx = info.context
    core = core_of(ctx.runtime)
    wanted = frozenset(names)
    queue: asyncio.Queue[Event] = asyncio.Queue()
    entry = (wanted, queue)
    guard = _TokenGuard.of(ctx, core.config.token_recheck)
    core.broker.subscribers.add(entry)
    try:
        while True:
            event: Event | None = None
            if guard is None:
                event = await queue.get()
            else:
                with contextlib.suppress(TimeoutError):
                    event = await asyncio.wait_for(queue.get(), guard.wait())
                if guard.wait() <= 0 and not await guard.still_valid():
                    await guard.close()
                    # The server ends this operation while it handles the closed socket.
                    await asyncio.sleep(30)
                    return
            if event is None:
                continue
            if (
                visible(ctx.actor, event)
                if visible
                else may_see_event(ctx.actor, core.types, event)
            ):
                yield event
    finally:
        core.broker.subscribers.discard(entry)
