"""The dispatcher: ``EventsCore`` turns committed outbox rows into deliveries and runs them.

It stands alone as the one long-running loop of the bus: fan-out, due deliveries, handler runs
with timeouts and retries, and the record of every attempt (PostgreSQL LISTEN is ``listener``).

* One ``EventsCore`` per runtime (``runtime.state["events"]``) runs a dispatcher loop: it turns
  committed, undispatched outbox rows into one delivery row per (handler, event) (unique: the
  idempotency key), then runs the due head delivery of every (handler, aggregate), chosen in
  SQL so that one handler's backlog never hides another handler's work. Each delivery runs in
  its own task, so a failing or slow handler never blocks another one nor the publishing
  request.
* A handler runs outside any database transaction, under a timeout (``EventHandler.timeout``).
  Its database effects go in ``async with event.transaction():`` (``outbox``), so no
  transaction (on SQLite: no lock on the whole database) is held while it does slow work.
* Failures and timeouts are retried with exponential backoff; after ``max_attempts`` the
  delivery is parked. Deliveries of a handler whose office is off stay pending until it is on.
* On SQLite the dispatcher feeds the subscriptions' broker itself; on PostgreSQL the listener
  does, and only the process holding the advisory lock dispatches.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import datetime as dt
import functools
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import F, Q, Subquery
from tortoise.functions import Coalesce, Min
from tortoise.transactions import in_transaction

from sportello import telemetry
from sportello.events import webhooks
from sportello.events.config import EventsConfig, backoff
from sportello.events.declared import WEBHOOK_PREFIX, collect
from sportello.events.listener import LEADER_LOCK, PostgresListener
from sportello.events.models import DeliveryAttempt, EventDelivery, OutboxEvent, WebhookEndpoint
from sportello.events.outbox import _HANDLER_TIMEOUT, _is_postgres, _Waker, _wakers, now, to_event
from sportello.events.registry import AlreadyApplied, Event, EventHandler, EventType
from sportello.events.subscriptions import Broker
from sportello.events.visibility import endpoint_receives

log = logging.getLogger("sportello.events")


@dataclass
class EventsCore(PostgresListener):
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
    #: set by ``flush``: the loop ends at its next wait
    _stopping: bool = False
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
        # No proxies from the environment and no redirects: a webhook request goes to the
        # address its URL was vetted to (sportello.events.targets), nowhere else.
        self.http = httpx.AsyncClient(
            timeout=self.config.webhook_timeout, trust_env=False, follow_redirects=False
        )
        if self.postgres:
            await self._start_listener()
        else:
            self.leader = True
        self.waker.event.clear()
        await self._cycle()
        self._loop_task = asyncio.create_task(self._loop(), name="sportello-events-dispatcher")

    async def flush(self, within: float) -> None:
        """Before ``stop``: the events the last requests committed get their deliveries, and
        the deliveries due now (running or not yet started) run to their end. Returns as soon
        as nothing due is left to run: ``within`` seconds bound a real backlog only, what is
        left then stays pending and runs after a restart.

        Only delivery tasks are waited for (``running``): on PostgreSQL ``tasks`` also holds
        the LISTEN connection's two loops, which end only when ``stop`` cancels them.
        """
        seen: set[str] = set()  # the deliveries run so far, by task name (one per delivery)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(within):
                await self._stop_loop()
                # A follower (PostgreSQL) leaves the work to the leading process.
                while self.leader:
                    await self._cycle()  # fan out and start what is due
                    deliveries = set(self.running.values())
                    names = {t.get_name() for t in deliveries}
                    if names <= seen:
                        break  # nothing new started: nothing due is left (or it ran once)
                    seen |= names
                    await asyncio.wait(deliveries)
        unfinished = [t for t in self.running.values() if not t.done()]
        if unfinished:
            log.warning("events: %d deliveries unfinished at shutdown", len(unfinished))

    async def _stop_loop(self) -> None:
        """Stop the dispatcher loop and wait for it to end: it ends at its next wait, after
        the round it may be running (never cancelled inside a transaction, which on SQLite
        could leave the one connection's lock to the flush that follows)."""
        self._stopping = True
        self.wake()
        if self._loop_task is not None and not self._loop_task.done():
            await asyncio.wait({self._loop_task})

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

    # -- feeding the broker ---------------------------------------------------------------
    def _push(self, row: OutboxEvent) -> None:
        if row.id in self._pushed:  # a catch-up after a reconnect may meet a notification
            return
        self._pushed.add(row.id)
        self._pushed_order.append(row.id)
        if len(self._pushed_order) > 10_000:
            self._pushed.discard(self._pushed_order.popleft())
        self._last_pushed = max(self._last_pushed, row.id)
        self.broker.push(to_event(row))

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
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.waker.event.wait(), wait)
            self.waker.event.clear()
            if self._stopping:  # flush: the rest is the flush's
                return
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
            with telemetry.handler_span(handler.name, event.name, event.id, row.trace_context):
                ok, error = await self._run_handler(handler, event)
        latency = int((time.perf_counter() - t0) * 1000)
        await self._record(d, number, started, latency, ok, status_code, error, max_attempts)
        if handler is None:
            self._count_webhook("delivered" if ok else error or "FAILED")
        if endpoint is not None:
            await webhooks.after_attempt(self, endpoint, ok, error, status_code)

    def _count_webhook(self, outcome: str) -> None:
        metrics = getattr(self.runtime, "metrics", None)
        if metrics is not None:
            metrics.webhooks.labels(outcome).inc()

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
