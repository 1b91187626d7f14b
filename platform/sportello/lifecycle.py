"""Stopping gracefully: what a serving process owes its clients between SIGTERM and its exit.

uvicorn tells an application nothing of a shutdown until every connection has closed (the
lifespan's shutdown comes last), so by then a load balancer has been refused connections and
subscribers have seen their sockets drop with 1012. The drain has to begin when the signal
arrives: ``install`` chains a handler in front of the server's own (uvicorn's, or any other
server that handles SIGTERM and SIGINT in Python). From then on:

1. ``/ready`` answers 503 ``draining``, and for ``server.shutdown_delay`` seconds the server
   keeps serving, so a load balancer polling /ready stops sending before connections are
   refused;
2. every GraphQL WebSocket is closed with 1001 "going away" (what ``graphql-ws`` servers send
   when they stop: clients reconnect, to another instance), and new ones are refused;
3. the server's handler runs: uvicorn stops accepting and gives running requests
   ``server.shutdown_timeout`` seconds (``timeout_graceful_shutdown``) before cancelling them;
4. the lifespan's shutdown: the events dispatcher delivers what the last requests committed
   (``EventsCore.flush``: done as soon as nothing due is left, ``server.shutdown_timeout``
   bounding a backlog), then the plugins stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

from starlette.websockets import WebSocket, WebSocketState

log = logging.getLogger("sportello")

#: RFC 6455 "going away": the server is shutting down.
GOING_AWAY = 1001
#: How long closing one socket may take (the peer answers the close frame, or not at all).
_CLOSE_WAIT = 2.0
_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Lifecycle:
    """One app's drain state: ``draining`` once a stop signal arrived, and its open sockets."""

    def __init__(self, shutdown_delay: float = 0.0) -> None:
        self.shutdown_delay = shutdown_delay
        self.draining = False
        self.sockets: set[WebSocket] = set()
        self._drain_task: asyncio.Task[None] | None = None

    # -- WebSockets -----------------------------------------------------------------------
    def track(self, socket: WebSocket) -> None:
        self.sockets.add(socket)

    def untrack(self, socket: WebSocket) -> None:
        self.sockets.discard(socket)

    async def close_sockets(self) -> None:
        """Close every open GraphQL WebSocket with 1001, each within ``_CLOSE_WAIT``."""

        async def close(socket: WebSocket) -> None:
            if socket.application_state == WebSocketState.DISCONNECTED:
                return
            with contextlib.suppress(Exception):
                await asyncio.wait_for(socket.close(GOING_AWAY, "going away"), _CLOSE_WAIT)

        sockets = list(self.sockets)
        if sockets:
            log.info("shutdown: closing %d WebSocket connection(s)", len(sockets))
            await asyncio.gather(*(close(s) for s in sockets))

    # -- the drain --------------------------------------------------------------------------
    async def drain(self) -> None:
        """Steps 1 and 2 of the module's list; idempotent."""
        self.draining = True
        await self.close_sockets()

    def install(self) -> Callable[[], None]:
        """Put the drain in front of the current SIGTERM and SIGINT handlers (the server's);
        returns what undoes it. Nothing is installed outside the main thread, or where no
        Python handler is there to chain to (a server that handles no signal itself)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return lambda: None
        installed: dict[int, Any] = {}

        def chained(previous: Callable[[int, FrameType | None], Any]) -> Any:
            def handler(sig: int, frame: FrameType | None) -> None:
                if self.draining or self.shutdown_delay <= 0:
                    # A second signal, or no delay asked: the server stops now, drain or not.
                    loop.call_soon_threadsafe(self._start_drain)
                    previous(sig, frame)
                    return
                log.info("shutdown: draining for %gs before stopping", self.shutdown_delay)
                loop.call_soon_threadsafe(self._start_drain)
                loop.call_soon_threadsafe(loop.call_later, self.shutdown_delay, previous, sig, None)

            return handler

        with contextlib.suppress(ValueError):  # not the main thread
            for sig in _SIGNALS:
                previous = signal.getsignal(sig)
                if callable(previous):
                    handler = chained(previous)
                    signal.signal(sig, handler)
                    installed[sig] = (previous, handler)

        def uninstall() -> None:
            for sig, (previous, handler) in installed.items():
                with contextlib.suppress(ValueError):
                    if signal.getsignal(sig) is handler:
                        signal.signal(sig, previous)

        return uninstall

    def _start_drain(self) -> None:
        if self._drain_task is None:
            self._drain_task = asyncio.get_running_loop().create_task(
                self.drain(), name="sportello-drain"
            )

    async def finish_drain(self) -> None:
        """The lifespan's shutdown: the drain is over (started by a signal or not)."""
        if self._drain_task is not None:
            with contextlib.suppress(Exception):
                await self._drain_task
        else:
            await self.drain()
