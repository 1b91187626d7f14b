"""The event bus: transactional outbox, dispatcher, retries, parking, broker and PostgreSQL fan-out.

* ``publish`` writes an outbox row in the caller's transaction (and, on PostgreSQL, a
  ``pg_notify`` carrying the row id, which PostgreSQL only delivers on commit).
* One ``EventsCore`` per runtime (``runtime.state["events"]``) runs a dispatcher loop: it turns
  committed, undispatched outbox rows into one delivery row per (handler, event) (unique: the
  idempotency key), then runs the due head delivery of every (handler, aggregate), chosen in
  SQL so that one handler's backlog never hides another handler's work. Each delivery runs in
  its own task, so a failing or slow handler never blocks another one nor the publishing
  request.
* A handler runs outside any database transaction, under a timeout (``EventHandler.timeout``).
  Its database effects go in ``async with event.transaction():``, a short transaction that
  also marks the delivery done: they happen exactly once although delivery is at least once,
  and no transaction (on SQLite: no lock on the whole database) is held while it does slow work.
* Failures and timeouts are retried with exponential backoff; after ``max_attempts`` the
  delivery is parked. Deliveries of a handler whose office is off stay pending until it is on.
* Subscriptions are fed by an in-process broker; on PostgreSQL every process feeds its broker
  from LISTEN/NOTIFY on a dedicated asyncpg connection, so a subscriber on one worker receives
  events published on another. On PostgreSQL only the process holding an advisory lock
  dispatches (the lock is released when that process dies and another one takes over). A lost
  LISTEN connection is reopened with backoff; leadership is dropped (running deliveries are
  cancelled and stay pending) until the lock is taken again on the new connection.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import datetime as dt
import functools
import logging
import time
import weakref
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel
from tortoise.expressions import F, Q, Subquery
from tortoise.functions import Coalesce, Min
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from sportello.db import database_url
from sportello.events import registry, webhooks
from sportello.events.declared import WEBHOOK_PREFIX as WEBHOOK_PREFIX
from sportello.events.declared import collect
from sportello.events.declared import event_types as event_types
from sportello.events.models import DeliveryAttempt, EventDelivery, OutboxEvent, WebhookEndpoint
from sportello.events.registry import (
    AlreadyApplied,
    Event,
    EventHandler,
    EventType,
    plain_payload,
)
from sportello.graphql.relay import scope_to_sites
from sportello.identity.auth import authenticate
from sportello.services import Actor

log = logging.getLogger("sportello.events")

_Row = TypeVar("_Row", bound=Model)

CHANNEL = "sportello_events"
LEADER_LOCK = 0x5E0E7E  # pg advisory lock key held by the dispatching process


@dataclass
class EventsConfig:
    """Tunables; tests may change them on ``runtime.state["events"].config`` after start."""

    poll_interval: float = 0.5
    #: with nothing pending or running, the dispatcher only needs a wake-up (publish, NOTIFY,
    #: replay); this fallback poll is for a missed one
    idle_interval: float = 10.0
    backoff_base: float = 1.0
    backoff_max: float = 600.0
    webhook_max_attempts: int = 8
    webhook_timeout: float = 10.0
    #: consecutive failed attempts after which a webhook endpoint is disabled and flagged
    webhook_disable_after: int = 20
    batch: int = 500
    #: seconds between checks that a subscriber's token is still valid (revoked, expired)
    token_recheck: float = 60.0
    #: first and longest pause before reopening a lost PostgreSQL LISTEN connection
    reconnect_min: float = 0.5
    reconnect_max: float = 30.0


def backoff(config: EventsConfig, attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failure: base, 2 base, 4 base, ... capped."""
    return float(min(config.backoff_max, config.backoff_base * 2 ** max(0, attempts - 1)))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_event(row: OutboxEvent, delivery_id: int | None = None) -> Event:
    return Event(
        row.id,
        row.name,
        row.version,
        row.aggregate,
        row.payload,
        row.site_id,
        row.occurred_at,
        delivery_id=delivery_id,
    )


# -- who may see which events ----------------------------------------------------------------
def hidden_event_names(types: Mapping[str, EventType], actor: Any) -> list[str]:
    """Declared event types whose permission the actor lacks."""
    return sorted(n for n, t in types.items() if t.permission and not actor.has(t.permission))


def sees_site(site_ids: Iterable[int] | None, site_id: int | None) -> bool:
    """``site_ids`` None: every site. Otherwise only those sites (not site-less events), as
    ``scope_to_sites`` does for the lists."""
    return site_ids is None or (site_id is not None and site_id in set(site_ids))


def may_see_event(actor: Any, types: Mapping[str, EventType], event: Event) -> bool:
    """The one rule for subscriptions; the lists apply it in SQL (events/graphql/queries.py)."""
    if not sees_site(actor.site_ids, event.site_id):
        return False
    etype = types.get(event.name)
    perm = etype.permission if etype is not None else None
    return not perm or actor.has(perm)


def endpoint_receives(
    endpoint: WebhookEndpoint, types: Mapping[str, EventType], name: str, site_id: int | None
) -> bool:
    """A webhook gets what whoever set its events could see: type, permission, site."""
    wanted = endpoint.events or []
    if name not in wanted and "*" not in wanted:
        return False
    if not sees_site(endpoint.site_ids, site_id):
        return False
    etype = types.get(name)
    perm = etype.permission if etype is not None else None
    return not perm or endpoint.permissions is None or perm in endpoint.permissions


# Wakers: one per running core, weakly held, so publish can wake dispatchers in its event loop
# and find the declared event types (to validate payloads). They hold no runtime; a test
# process with many runtimes simply wakes them all.
_wakers: weakref.WeakSet[_Waker] = weakref.WeakSet()


class _Waker:
    def __init__(self, types: Mapping[str, EventType]) -> None:
        self.loop = asyncio.get_running_loop()
        self.event = asyncio.Event()
        self.types = types

    def wake(self) -> None:
        with contextlib.suppress(RuntimeError):
            if asyncio.get_running_loop() is self.loop:
                self.event.set()
            else:
                self.loop.call_soon_threadsafe(self.event.set)


def _is_postgres(conn: Any) -> bool:
    return getattr(getattr(conn, "capabilities", None), "dialect", "") == "postgres"


def declared_type(name: str) -> EventType | None:
    """The declaration of ``name`` in a running events core (this event loop's first)."""
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    found = None
    for waker in list(_wakers):
        etype = waker.types.get(name)
        if etype is not None:
            if waker.loop is loop:
                return etype
            found = found or etype
    return found


async def publish(
    name: str,
    payload: Mapping[str, Any] | BaseModel,
    *,
    aggregate: str,
    site_id: int | None = None,
    version: int | None = None,
) -> Event:
    """Write the event to the outbox; call it inside the transaction of the change.

    ``payload`` is a dict or an instance of the event type's payload model. When the type
    declares a model, the payload is validated against it (``EventPayloadError`` names the
    event and the fields) and stored as the model's JSON form. ``version`` defaults to the
    declared one.
    """
    etype = declared_type(name)
    data = etype.validate(payload) if etype is not None else plain_payload(name, payload)
    if version is None:
        version = etype.version if etype is not None else 1
    row = await OutboxEvent.create(
        name=name, version=version, aggregate=aggregate, payload=data, site_id=site_id
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


#: The running handler's timeout, so that entering its transaction is never interrupted.
_HANDLER_TIMEOUT: contextvars.ContextVar[asyncio.Timeout | None] = contextvars.ContextVar(
    "sportello_handler_timeout", default=None
)


@contextlib.asynccontextmanager
async def _uninterrupted_entry() -> AsyncIterator[None]:
    """Hold the handler's timeout while a transaction is being opened: a cancellation between
    taking SQLite's transaction lock and BEGIN would leave the lock held for good. A deadline
    that passed meanwhile fires right after, inside the block, which then rolls back."""
    limit = _HANDLER_TIMEOUT.get()
    if limit is not None and limit.expired():
        await asyncio.sleep(0)  # its cancellation is on the way: take it before any lock
    if limit is not None and limit.expired():
        limit = None
    when = limit.when() if limit is not None else None
    if limit is not None:
        limit.reschedule(None)
    try:
        yield
    finally:
        if limit is not None and when is not None and not limit.expired():
            limit.reschedule(max(when, asyncio.get_running_loop().time()))


@contextlib.asynccontextmanager
async def effects_transaction(event: Event) -> AsyncIterator[Any]:
    """``Event.transaction()``: the handler's effects and its delivery mark, atomically."""
    transaction = in_transaction()
    async with _uninterrupted_entry():
        conn = await transaction.__aenter__()
    async with _closing(transaction):
        if event.delivery_id is not None:
            # An atomic conditional UPDATE: a concurrent or earlier run that committed the
            # mark leaves nothing to update (on PostgreSQL the row lock makes the second wait).
            marked = await EventDelivery.filter(id=event.delivery_id, status="pending").update(
                status="delivered", delivered_at=now(), last_error=None
            )
            if not marked:
                raise AlreadyApplied(f"delivery {event.delivery_id} was already applied")
        yield conn


registry.register_transaction(effects_transaction)


@contextlib.asynccontextmanager
async def _closing(transaction: Any) -> AsyncIterator[None]:
    """Exit an entered transaction context: commit, or roll back on any exception."""
    try:
        yield
    except BaseException as exc:
        await transaction.__aexit__(type(exc), exc, exc.__traceback__)
        raise
    else:
        await transaction.__aexit__(None, None, None)


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
    #: event type name -> the plugin that declares it
    owners: dict[str, str] = field(default_factory=dict)
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
    #: how many times the LISTEN connection was (re)opened
    listener_connects: int = 0
    _loop_task: asyncio.Task[Any] | None = None
    _notify_queue: asyncio.Queue[int] | None = None
    _listener_lost: asyncio.Event | None = None
    _last_pushed: int = 0
    _heads_seen: bool = True
    _pushed: set[int] = field(default_factory=set)
    _pushed_order: collections.deque[int] = field(default_factory=collections.deque)

    # -- declarations ---------------------------------------------------------------------
    def collect(self) -> None:
        """The enabled plugins' event types and handlers; a clash, or a handler of an event
        that no enabled plugin declares, is a ``PluginError`` naming the plugins."""
        found = collect(self.runtime.pm)
        self.types.update(found.types)
        self.owners.update(found.owners)
        self.handlers.update(found.handlers)
        for name, handlers in found.by_event.items():
            self.by_event.setdefault(name, []).extend(handlers)

    # -- lifecycle ------------------------------------------------------------------------
    async def start(self) -> None:
        import httpx
        from tortoise import connections

        self.collect()
        self.postgres = _is_postgres(connections.get("default"))
        self.waker = _Waker(self.types)
        _wakers.add(self.waker)
        self.http = httpx.AsyncClient(timeout=self.config.webhook_timeout)
        if self.postgres:
            await self._start_listener()
        else:
            self.leader = True
        self.waker.event.clear()
        await self._cycle()
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

    def _push(self, row: OutboxEvent) -> None:
        if row.id in self._pushed:  # a catch-up after a reconnect may meet a notification
            return
        self._pushed.add(row.id)
        self._pushed_order.append(row.id)
        if len(self._pushed_order) > 10_000:
            self._pushed.discard(self._pushed_order.popleft())
        self._last_pushed = max(self._last_pushed, row.id)
        self.broker.push(to_event(row))

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

    # -- the dispatcher -------------------------------------------------------------------
    def wake(self) -> None:
        if self.waker is not None:
            self.waker.wake()

    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    async def _cycle(self) -> float:
        """One dispatcher round; returns how long to sleep unless woken."""
        try:
            if self.postgres and not self.leader and self._listening():
                self.leader = bool(
                    await self.listener.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK)
                )
            wait = self.config.poll_interval
            if self.leader:
                await self.fan_out()
                soonest = await self.run_due()
                if soonest is not None:
                    wait = max(0.0, min(wait, soonest))
                elif not self._heads_seen and not self.running:
                    wait = self.config.idle_interval
            return wait
        except asyncio.CancelledError:
            raise
        except Exception:  # e.g. database not migrated yet or gone: retried next cycle
            log.exception("events: dispatcher cycle failed")
            return self.config.poll_interval

    async def _loop(self) -> None:
        assert self.waker is not None
        # The first round runs before start() returns (a backlog left by a previous process).
        wait = self.config.poll_interval
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.waker.event.wait(), wait)
            self.waker.event.clear()
            wait = await self._cycle()

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
                        if endpoint_receives(w, self.types, row.name, row.site_id)
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
                    self._push(row)
            done += len(rows)

    def _heads(self) -> Subquery:
        """The first pending delivery of every (handler, aggregate) this process can run.

        Deliveries of a handler that is not registered here (its office is off) are left
        alone, pending, until a process that has it runs them.
        """
        runnable = Q(handler__startswith=WEBHOOK_PREFIX)
        if self.handlers:
            runnable |= Q(handler__in=sorted(self.handlers))
        return Subquery(
            EventDelivery.filter(runnable, status="pending")
            .group_by("handler", "aggregate")
            .annotate(head=Min("id"))
            .values("head")
        )

    async def run_due(self) -> float | None:
        """Start the head delivery of every (handler, aggregate) whose time has come.

        One query: the heads, soonest due first (a head never tried is due since it was
        created). Returns the seconds until the next retry falls due, if any.
        """
        moment = now()
        heads = (
            await EventDelivery.filter(id__in=self._heads())
            .annotate(due_at=Coalesce("next_attempt_at", F("created_at")))
            .order_by("due_at", "id")
            .limit(self.config.batch + len(self.running) + 1)
        )
        self._heads_seen = bool(heads)
        as_datetime = EventDelivery._meta.fields_map["created_at"].to_python_value
        for d in heads:
            # due_at: text on SQLite, hence to_python_value
            due_at: dt.datetime = as_datetime(d.due_at)  # type: ignore[attr-defined]  # annotated by the query
            if due_at > moment:
                return max(0.0, (due_at - moment).total_seconds())
            key = (d.handler, d.aggregate)
            if key in self.running:
                continue
            task = self._spawn(self.deliver(d), f"sportello-event-delivery-{d.id}")
            self.running[key] = task
            task.add_done_callback(functools.partial(self._finished, key))
        return None

    def _finished(self, key: tuple[str, str], task: asyncio.Task[Any] | None = None) -> None:
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
        handler = None
        if not d.handler.startswith(WEBHOOK_PREFIX):
            handler = self.handlers.get(d.handler)
            if handler is None:  # its office is off here: leave it pending
                return
        row = await OutboxEvent.get_or_none(id=d.event_id)
        if row is None:
            return
        event = to_event(row, delivery_id=d.id)
        number = d.attempts + 1
        started = now()
        t0 = time.perf_counter()
        status_code: int | None = None
        endpoint = None
        if handler is None:
            ok, status_code, error, max_attempts, endpoint = await webhooks.send(self, d, event)
        else:
            max_attempts = handler.max_attempts
            ok, error = await self._run_handler(handler, event)
        latency = int((time.perf_counter() - t0) * 1000)
        await self._record(d, number, started, latency, ok, status_code, error, max_attempts)
        if endpoint is not None:
            await webhooks.after_attempt(self, endpoint, ok, error, status_code)

    async def _run_handler(self, handler: EventHandler, event: Event) -> tuple[bool, str | None]:
        """Run ``handle`` outside any transaction, cancelled after ``handler.timeout``."""
        limit = asyncio.timeout(handler.timeout)
        token = _HANDLER_TIMEOUT.set(limit)
        try:
            async with limit:
                await handler.handle(event)
            return True, None
        except AlreadyApplied:  # an earlier run committed the effects: nothing left to do
            return True, None
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if isinstance(exc, TimeoutError) and limit.expired():
                error = f"TimeoutError: still running after {handler.timeout:g}s, cancelled"
            else:
                error = f"{type(exc).__name__}: {exc}"[:2000]
            log.warning("events: handler %s failed on event %s: %s", handler.name, event.id, error)
            return False, error
        finally:
            _HANDLER_TIMEOUT.reset(token)

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
        retry_at: dt.datetime | None = None
        if ok:
            values.update(status="delivered", delivered_at=now(), last_error=None)
        elif number >= max_attempts:
            values.update(status="parked", parked_at=now(), last_error=error)
            log.error("events: delivery %s (%s) parked after %s attempts", d.id, d.handler, number)
        else:
            # The schedule: the next try falls due backoff(n) after this attempt ended.
            delay = dt.timedelta(seconds=backoff(self.config, number))
            retry_at = started + dt.timedelta(milliseconds=latency) + delay
            values.update(next_attempt_at=retry_at, last_error=error)
        async with in_transaction():
            target = EventDelivery.filter(id=d.id)
            # A handler that raised after its event.transaction() committed is done anyway.
            changed = await (target if ok else target.filter(status="pending")).update(**values)
            await DeliveryAttempt.create(
                delivery_id=d.id,
                number=number,
                started_at=started,
                latency_ms=latency,
                ok=ok,
                status_code=status_code,
                error=error,
                retry_at=retry_at if changed else None,
            )


async def _max_event_id() -> int:
    rows = await OutboxEvent.all().order_by("-id").limit(1).values("id")
    return int(rows[0]["id"]) if rows else 0


def visible_events(
    qs: QuerySet[_Row], runtime: Any, actor: Actor, prefix: str = ""
) -> QuerySet[_Row]:
    """Restrict a queryset of events (``prefix`` ``"event__"`` for deliveries) to the actor's
    sites and to the event types whose permission it holds."""
    qs = scope_to_sites(qs, actor, f"{prefix}site_id")
    hidden = hidden_event_names(event_types(runtime), actor)
    return qs.exclude(**{f"{prefix}name__in": hidden}) if hidden else qs


def core_of(runtime: Any) -> EventsCore:
    core: EventsCore | None = runtime.state.get("events")
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
            self.ctx.runtime, self.raw, request_id=old.request_id, language=old.language
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


async def subscribe(info: Any, names: Iterable[str]) -> AsyncIterator[Event]:
    """Events with these names, in order, for as long as the client listens.

    Only events the actor may see: its sites and, when the event type declares one, its
    ``permission``. The connection's token is checked again every ``token_recheck`` seconds:
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
            if may_see_event(ctx.actor, core.types, event):
                yield event
    finally:
        core.broker.subscribers.discard(entry)
