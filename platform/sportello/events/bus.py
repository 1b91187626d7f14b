"""The event bus: transactional outbox, dispatcher, retries, parking, broker and PostgreSQL fan-out.

* ``publish`` writes an outbox row in the caller's transaction (and, on PostgreSQL, a
  ``pg_notify`` carrying the row id, which PostgreSQL only delivers on commit).
* One ``EventsCore`` per runtime (``runtime.state["events"]``) runs a dispatcher loop: it turns
  committed, undispatched outbox rows into one delivery row per (handler, event) (unique: the
  idempotency key), then runs due deliveries, in order per (handler, aggregate), each in its own
  task so a failing handler never blocks another one nor the publishing request.
* A handler runs inside a transaction that also marks its delivery done: its database effects
  happen exactly once even though delivery is at least once.
* Failures are retried with exponential backoff; after ``max_attempts`` the delivery is parked.
* Subscriptions are fed by an in-process broker; on PostgreSQL every process feeds its broker
  from LISTEN/NOTIFY on a dedicated asyncpg connection, so a subscriber on one worker receives
  events published on another. On PostgreSQL only the process holding an advisory lock
  dispatches (the lock is released when that process dies and another one takes over).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
import weakref
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

from sportello.events.models import DeliveryAttempt, EventDelivery, OutboxEvent, WebhookEndpoint
from sportello.events.registry import Event, EventHandler, EventType

log = logging.getLogger("sportello.events")

CHANNEL = "sportello_events"
LEADER_LOCK = 0x5E0E7E  # pg advisory lock key held by the dispatching process
WEBHOOK_PREFIX = "webhook:"


@dataclass
class EventsConfig:
    """Tunables; tests may change them on ``runtime.state["events"].config`` after start."""

    poll_interval: float = 0.5
    backoff_base: float = 1.0
    backoff_max: float = 600.0
    webhook_max_attempts: int = 8
    webhook_timeout: float = 10.0
    #: consecutive failed attempts after which a webhook endpoint is disabled and flagged
    webhook_disable_after: int = 20
    batch: int = 500


def backoff(config: EventsConfig, attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failure: base, 2 base, 4 base, ... capped."""
    return float(min(config.backoff_max, config.backoff_base * 2 ** max(0, attempts - 1)))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_event(row: OutboxEvent) -> Event:
    return Event(
        row.id, row.name, row.version, row.aggregate, row.payload, row.site_id, row.occurred_at
    )


# Wakers: one per running core, weakly held, so publish can wake dispatchers in its event loop.
# They hold no runtime; a test process with many runtimes simply wakes them all.
_wakers: weakref.WeakSet[_Waker] = weakref.WeakSet()


class _Waker:
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.event = asyncio.Event()

    def wake(self) -> None:
        with contextlib.suppress(RuntimeError):
            if asyncio.get_running_loop() is self.loop:
                self.event.set()
            else:
                self.loop.call_soon_threadsafe(self.event.set)


def _is_postgres(conn: Any) -> bool:
    return getattr(getattr(conn, "capabilities", None), "dialect", "") == "postgres"


async def publish(
    name: str,
    payload: dict[str, Any],
    *,
    aggregate: str,
    site_id: int | None = None,
    version: int = 1,
) -> Event:
    """Write the event to the outbox; call it inside the transaction of the change."""
    row = await OutboxEvent.create(
        name=name, version=version, aggregate=aggregate, payload=payload, site_id=site_id
    )
    conn = OutboxEvent._choose_db(True)
    if _is_postgres(conn):
        # Transactional: delivered to every listener after commit, never after a rollback.
        await conn.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, str(row.id)])
    # On SQLite the dispatcher's read waits for the publisher's transaction (one connection,
    # one lock), so waking it now is safe; on PostgreSQL it is only a hint.
    for waker in list(_wakers):
        waker.wake()
    return to_event(row)


class Broker:
    """In-process fan-out of committed events to live subscriptions."""

    def __init__(self) -> None:
        self.subscribers: set[tuple[frozenset[str], asyncio.Queue[Event]]] = set()

    def push(self, event: Event) -> None:
        # One feeder per backend (the dispatcher on SQLite, NOTIFY on PostgreSQL): commit order.
        for names, queue in list(self.subscribers):
            if event.name in names or "*" in names:
                queue.put_nowait(event)


@dataclass
class EventsCore:
    runtime: Any
    config: EventsConfig = field(default_factory=EventsConfig)
    types: dict[str, EventType] = field(default_factory=dict)
    handlers: dict[str, EventHandler] = field(default_factory=dict)
    by_event: dict[str, list[EventHandler]] = field(default_factory=dict)
    broker: Broker = field(default_factory=Broker)
    postgres: bool = False
    leader: bool = False
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    running: dict[tuple[str, str], asyncio.Task[Any]] = field(default_factory=dict)
    waker: _Waker | None = None
    listener: Any = None
    http: Any = None
    _loop_task: asyncio.Task[Any] | None = None
    _notify_queue: asyncio.Queue[int] | None = None

    # -- declarations ---------------------------------------------------------------------
    def collect(self) -> None:
        from sportello.plugins import call_each

        for owner, types in call_each(self.runtime.pm, "sportello_event_types"):
            for t in types or ():
                if t.name in self.types:
                    raise ValueError(f"event type '{t.name}' declared twice (again by '{owner}')")
                self.types[t.name] = t
        for owner, handlers in call_each(self.runtime.pm, "sportello_event_handlers"):
            for h in handlers or ():
                if h.name in self.handlers:
                    raise ValueError(
                        f"event handler '{h.name}' declared twice (again by '{owner}')"
                    )
                if h.name.startswith(WEBHOOK_PREFIX):
                    raise ValueError(f"event handler names may not start with '{WEBHOOK_PREFIX}'")
                self.handlers[h.name] = h
                self.by_event.setdefault(h.event, []).append(h)

    # -- lifecycle ------------------------------------------------------------------------
    async def start(self) -> None:
        import httpx
        from tortoise import connections

        self.collect()
        self.postgres = _is_postgres(connections.get("default"))
        self.waker = _Waker()
        _wakers.add(self.waker)
        self.http = httpx.AsyncClient(timeout=self.config.webhook_timeout)
        if self.postgres:
            await self._start_listener()
        else:
            self.leader = True
        self._loop_task = asyncio.create_task(self._loop(), name="sportello-events-dispatcher")

    async def stop(self) -> None:
        if self.waker is not None:
            _wakers.discard(self.waker)
        tasks = [t for t in (self._loop_task, *self.tasks) if t is not None]
        for t in tasks:
            t.cancel()
        if tasks:
            # Never hang shutdown on a task stuck in its cancellation (a handler, a rollback):
            # an unfinished delivery stays pending and runs again after restart.
            _, stuck = await asyncio.wait(tasks, timeout=5)
            for t in stuck:
                log.warning("events: task %s did not stop in time", t.get_name())
        if self.listener is not None:
            with contextlib.suppress(Exception):
                await self.listener.close()
        if self.http is not None:
            await self.http.aclose()

    # -- PostgreSQL -----------------------------------------------------------------------
    async def _start_listener(self) -> None:
        import asyncpg

        from sportello.db import database_url

        url = database_url(self.runtime.settings)
        url = url.replace("postgres://", "postgresql://", 1)
        self._notify_queue = asyncio.Queue()
        self.listener = await asyncpg.connect(url)
        queue = self._notify_queue

        def on_notify(conn: Any, pid: int, channel: str, payload: str) -> None:
            with contextlib.suppress(ValueError):
                queue.put_nowait(int(payload))

        await self.listener.add_listener(CHANNEL, on_notify)
        self.leader = bool(
            await self.listener.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK)
        )
        self._spawn(self._notifications(), "sportello-events-notify")

    async def _notifications(self) -> None:
        assert self._notify_queue is not None
        while True:
            ids = [await self._notify_queue.get()]
            while not self._notify_queue.empty():
                ids.append(self._notify_queue.get_nowait())
            try:
                rows = await OutboxEvent.filter(id__in=ids).order_by("id")
                for row in rows:
                    self.broker.push(to_event(row))
            except Exception:
                log.exception("events: reading notified events failed")
            self.wake()

    # -- the dispatcher -------------------------------------------------------------------
    def wake(self) -> None:
        if self.waker is not None:
            self.waker.wake()

    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    async def _loop(self) -> None:
        assert self.waker is not None
        while True:
            self.waker.event.clear()
            try:
                if self.postgres and not self.leader:
                    self.leader = bool(
                        await self.listener.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK)
                    )
                wait = self.config.poll_interval
                if self.leader:
                    await self.fan_out()
                    soonest = await self.run_due()
                    if soonest is not None:
                        wait = max(0.0, min(wait, soonest))
            except asyncio.CancelledError:
                raise
            except Exception:  # e.g. database not migrated yet or gone: retried next cycle
                log.exception("events: dispatcher cycle failed")
                wait = self.config.poll_interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.waker.event.wait(), wait)

    async def fan_out(self) -> int:
        """Create the delivery rows of committed, undispatched events; feed the broker."""
        done = 0
        while True:
            async with in_transaction():
                rows = (
                    await OutboxEvent.filter(dispatched_at=None)
                    .order_by("id")
                    .limit(self.config.batch)
                )
                if not rows:
                    return done
                hooks = await WebhookEndpoint.filter(enabled=True)
                deliveries = []
                for row in rows:
                    targets = [h.name for h in self.by_event.get(row.name, ())]
                    targets += [
                        f"{WEBHOOK_PREFIX}{w.id}"
                        for w in hooks
                        if row.name in (w.events or []) or "*" in (w.events or [])
                    ]
                    deliveries += [
                        EventDelivery(event_id=row.id, handler=t, aggregate=row.aggregate)
                        for t in targets
                    ]
                if deliveries:
                    await EventDelivery.bulk_create(deliveries, ignore_conflicts=True)
                await OutboxEvent.filter(id__in=[r.id for r in rows]).update(dispatched_at=now())
            if not self.postgres:
                for row in rows:
                    self.broker.push(to_event(row))
            done += len(rows)

    async def run_due(self) -> float | None:
        """Start the head delivery of every (handler, aggregate) whose time has come.

        Returns the seconds until the next retry falls due, if any.
        """
        pending = (
            await EventDelivery.filter(status="pending")
            .order_by("event_id")
            .limit(self.config.batch * 4)
        )
        heads: dict[tuple[str, str], EventDelivery] = {}
        for d in pending:
            heads.setdefault((d.handler, d.aggregate), d)
        moment = now()
        soonest: float | None = None
        for key, d in heads.items():
            if key in self.running:
                continue
            if d.next_attempt_at is not None and d.next_attempt_at > moment:
                delay = (d.next_attempt_at - moment).total_seconds()
                soonest = delay if soonest is None else min(soonest, delay)
                continue
            task = self._spawn(self.deliver(d), f"sportello-event-delivery-{d.id}")
            self.running[key] = task
            task.add_done_callback(lambda _t, k=key: self._finished(k))
        return soonest

    def _finished(self, key: tuple[str, str]) -> None:
        self.running.pop(key, None)
        self.wake()

    async def deliver(self, d: EventDelivery) -> None:
        # run_due's snapshot may predate the previous attempt's record: re-read before acting.
        fresh = await EventDelivery.get_or_none(id=d.id)
        if fresh is None or fresh.status != "pending":
            return
        if fresh.next_attempt_at is not None and fresh.next_attempt_at > now():
            return
        d = fresh
        row = await OutboxEvent.get_or_none(id=d.event_id)
        if row is None:
            return
        event = to_event(row)
        number = d.attempts + 1
        started = now()
        t0 = time.perf_counter()
        status_code: int | None = None
        if d.handler.startswith(WEBHOOK_PREFIX):
            from sportello.events.webhooks import send

            ok, status_code, error, max_attempts, endpoint = await send(self, d, event)
        else:
            endpoint = None
            handler = self.handlers.get(d.handler)
            max_attempts = handler.max_attempts if handler else 1
            ok, error = False, f"no handler '{d.handler}' is registered"
            if handler is not None:
                try:
                    async with in_transaction():
                        await handler.handle(event)
                        # Same transaction as the handler's effects: exactly-once effects.
                        latency = int((time.perf_counter() - t0) * 1000)
                        await self._record(d, number, started, latency, True, None, None, 1)
                    return
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    error = f"{type(exc).__name__}: {exc}"[:2000]
                    log.warning("events: handler %s failed on event %s: %s", d.handler, d.id, error)
        latency = int((time.perf_counter() - t0) * 1000)
        await self._record(d, number, started, latency, ok, status_code, error, max_attempts)
        if endpoint is not None:
            from sportello.events.webhooks import after_attempt

            await after_attempt(self, endpoint, ok, error, status_code)

    async def _record(
        self,
        d: EventDelivery,
        number: int,
        started: dt.datetime,
        latency: int,
        ok: bool,
        status_code: int | None,
        error: str | None,
        max_attempts: int,
    ) -> None:
        values: dict[str, Any] = {
            "attempts": number,
            "last_status_code": status_code,
            "last_latency_ms": latency,
        }
        if ok:
            values.update(status="delivered", delivered_at=now(), last_error=None)
        elif number >= max_attempts:
            values.update(status="parked", parked_at=now(), last_error=error)
            log.error("events: delivery %s (%s) parked after %s attempts", d.id, d.handler, number)
        else:
            delay = backoff(self.config, number)
            values.update(next_attempt_at=now() + dt.timedelta(seconds=delay), last_error=error)
        async with in_transaction():
            await EventDelivery.filter(id=d.id).update(**values)
            await DeliveryAttempt.create(
                delivery_id=d.id,
                number=number,
                started_at=started,
                latency_ms=latency,
                ok=ok,
                status_code=status_code,
                error=error,
            )


def core_of(runtime: Any) -> EventsCore:
    core = runtime.state.get("events")
    if core is None:
        raise RuntimeError("the events core is not running (runtime not started)")
    return core


async def replay(delivery_ids: Iterable[int]) -> int:
    """Put parked (or failed) deliveries back in the queue, attempts reset."""
    count = (
        await EventDelivery.filter(id__in=list(delivery_ids))
        .exclude(status="delivered")
        .update(status="pending", attempts=0, next_attempt_at=None, parked_at=None)
    )
    for waker in list(_wakers):
        waker.wake()
    return count


async def subscribe(info: Any, names: Iterable[str]) -> AsyncIterator[Event]:
    """Events with these names, in order, for as long as the client listens.

    Only events the actor may see: site (``actor.may_see_site``) and, when the event type declares
    one, its ``permission``.
    """
    ctx = info.context
    core = core_of(ctx.runtime)
    actor = ctx.actor
    wanted = frozenset(names)
    queue: asyncio.Queue[Event] = asyncio.Queue()
    entry = (wanted, queue)
    core.broker.subscribers.add(entry)
    try:
        while True:
            event = await queue.get()
            actor = getattr(ctx, "actor", actor)
            if not actor.may_see_site(event.site_id):
                continue
            etype = core.types.get(event.name)
            perm = getattr(etype, "permission", None)
            if perm and not actor.has(perm):
                continue
            yield event
    finally:
        core.broker.subscribers.discard(entry)
