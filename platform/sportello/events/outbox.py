"""Publishing: the outbox row in the caller's transaction, and a handler's effects transaction.

It stands alone because it runs in the publishing request and inside handlers, never in the
dispatcher's loop: it only wakes the dispatchers of this process through their wakers.

* ``publish`` writes an outbox row in the caller's transaction (and, on PostgreSQL, a
  ``pg_notify`` carrying the row id, which PostgreSQL only delivers on commit), in the
  statement that writes the transaction's audit entries just before commit
  (``sportello.writes``): the returned event's ``id`` is set then. When the event
  type declares a payload model, the payload is validated against it first.
* A handler's database effects go in ``async with event.transaction():``
  (``effects_transaction``), a short transaction that also marks the delivery done: they happen
  exactly once although delivery is at least once.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
import weakref
from collections.abc import AsyncIterator, Mapping
from typing import Any

from pydantic import BaseModel
from tortoise.transactions import in_transaction

from sportello import telemetry, writes
from sportello.events import registry
from sportello.events.models import EventDelivery, OutboxEvent
from sportello.events.registry import AlreadyApplied, Event, EventType, plain_payload

CHANNEL = "sportello_events"


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
    row = OutboxEvent(
        name=name,
        version=version,
        aggregate=aggregate,
        payload=data,
        site_id=site_id,
        occurred_at=now(),
        trace_context=telemetry.current_traceparent(),
    )
    event = to_event(row)

    def written(pk: int) -> None:
        row.id = pk
        object.__setattr__(event, "id", pk)  # frozen for handlers; known once written

    # Written with the transaction's audit entries just before commit (``sportello.writes``),
    # at once outside ``atomic()``. On PostgreSQL the same statement sends the ``pg_notify``
    # carrying the row id (transactional: delivered to every listener after commit, never
    # after a rollback). The dispatchers of this process are woken once it is written: on
    # SQLite their read waits for the publisher's transaction (one connection, one lock); on
    # PostgreSQL it is only a hint.
    await writes.write(row, done=written, notify=CHANNEL, after=_wake_all)
    return event


def _wake_all() -> None:
    for waker in list(_wakers):
        waker.wake()


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
