"""PostgreSQL only: the LISTEN connection that feeds the broker and holds the dispatching lead.

It stands alone because it owns its own asyncpg connection and its failure modes: NOTIFY fan-out
across processes, the advisory lock, and reopening a lost connection.

* Every process feeds its subscriptions' broker from LISTEN/NOTIFY on a dedicated asyncpg
  connection, so a subscriber on one worker receives events published on another.
* Only the process holding an advisory lock dispatches (the lock is released when that process
  dies and another one takes over). A lost LISTEN connection is reopened with backoff;
  leadership is dropped (running deliveries are cancelled and stay pending) until the lock is
  taken again on the new connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from sportello.db import database_url
from sportello.events.config import EventsConfig
from sportello.events.models import OutboxEvent
from sportello.events.outbox import CHANNEL

log = logging.getLogger("sportello.events")

LEADER_LOCK = 0x5E0E7E  # pg advisory lock key held by the dispatching process


async def _max_event_id() -> int:
    rows = await OutboxEvent.all().order_by("-id").limit(1).values("id")
    return int(rows[0]["id"]) if rows else 0


class PostgresListener:
    """The LISTEN/NOTIFY half of ``EventsCore``, which declares the fields and runs the loop."""

    runtime: Any
    config: EventsConfig
    leader: bool
    listener: Any
    listener_connects: int
    running: dict[tuple[str, str], asyncio.Task[Any]]
    _notify_queue: asyncio.Queue[int] | None
    _listener_lost: asyncio.Event | None
    _last_pushed: int

    if TYPE_CHECKING:  # defined by EventsCore

        def wake(self) -> None: ...

        def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]: ...

        def _push(self, row: OutboxEvent) -> None: ...

    async def _start_listener(self) -> None:
        self._notify_queue = asyncio.Queue()
        self._last_pushed = await _max_event_id()
        await self._connect_listener()
        self._spawn(self._notifications(), "sportello-events-notify")
        self._spawn(self._keep_listening(), "sportello-events-listener")

    async def _connect_listener(self) -> None:
        import asyncpg

        url = database_url(self.runtime.settings).replace("postgres://", "postgresql://", 1)
        queue = self._notify_queue
        assert queue is not None

        def on_notify(conn: Any, pid: int, channel: str, payload: str) -> None:
            with contextlib.suppress(ValueError):
                queue.put_nowait(int(payload))

        lost = asyncio.Event()
        conn = await asyncpg.connect(url)
        try:
            conn.add_termination_listener(lambda _conn: lost.set())
            await conn.add_listener(CHANNEL, on_notify)
            leader = bool(await conn.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK))
        except BaseException:
            with contextlib.suppress(Exception):
                await conn.close()
            raise
        self.listener, self._listener_lost, self.leader = conn, lost, leader
        self.listener_connects += 1

    def _listening(self) -> bool:
        return self.listener is not None and not self.listener.is_closed()

    async def _keep_listening(self) -> None:
        """Reopen the LISTEN connection when it is lost, with backoff; never two leaders."""
        while True:
            assert self._listener_lost is not None
            await self._listener_lost.wait()
            # The advisory lock died with the connection: another process may lead now.
            self.leader = False
            for task in list(self.running.values()):
                task.cancel()  # stays pending: the next leader runs it again
            log.warning("events: LISTEN connection lost, reconnecting")
            delay = self.config.reconnect_min
            while True:
                try:
                    await self._connect_listener()
                    break
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.warning("events: reconnecting failed (%s), next try in %.1fs", exc, delay)
                    await asyncio.sleep(delay)
                    delay = min(self.config.reconnect_max, delay * 2)
            with contextlib.suppress(Exception):  # events committed while nobody listened
                await self._push_since_last()
            self.wake()

    async def _push_since_last(self) -> None:
        rows = (
            await OutboxEvent.filter(id__gt=self._last_pushed)
            .order_by("id")
            .limit(self.config.batch)
        )
        for row in rows:
            self._push(row)

    async def _notifications(self) -> None:
        assert self._notify_queue is not None
        while True:
            ids = [await self._notify_queue.get()]
            while not self._notify_queue.empty():
                ids.append(self._notify_queue.get_nowait())
            try:
                rows = await OutboxEvent.filter(id__in=ids).order_by("id")
                for row in rows:
                    self._push(row)
            except Exception:
                log.exception("events: reading notified events failed")
            self.wake()
