"""Declarations plugins make through hooks: the events they publish and the handlers they run."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class EventType:
    """``name`` is dotted and owned by the publishing plugin: ``lodging.reservation.checked_out``."""

    name: str
    version: int = 1
    description: str = ""
    #: JSON-schema-like description of the payload, for docs and webhook consumers.
    payload: dict[str, Any] = field(default_factory=dict)
    #: Permission needed to see events of this type anywhere (besides their site): the
    #: ``events`` and ``eventDeliveries`` lists, subscriptions and webhook endpoints.
    permission: str | None = None


class AlreadyApplied(Exception):
    """Raised by ``Event.transaction()`` when an earlier run already applied this delivery."""


@dataclass(frozen=True)
class Event:
    id: int
    name: str
    version: int
    aggregate: str
    payload: dict[str, Any]
    site_id: int | None = None
    occurred_at: Any = None
    #: The delivery being handled (set by the dispatcher, None on subscriptions).
    delivery_id: int | None = field(default=None, compare=False, repr=False)

    @property
    def idempotency_key(self) -> str:
        return f"event:{self.id}"

    def transaction(self) -> AbstractAsyncContextManager[Any]:
        """A short transaction holding the handler's database effects and its delivery mark.

        The delivery is marked done in the same transaction, so the effects happen exactly
        once: when an earlier run already committed them, entering raises ``AlreadyApplied``
        (the dispatcher counts that as success) and the block does not run. Use it once per
        handler run, after any slow work::

            async def on_checkout(event: Event) -> None:
                folio = await fetch_folio(event.payload)   # slow work: no transaction held
                async with event.transaction():            # short: effects + the mark
                    await Invoice.create(...)
        """
        from sportello.events.bus import effects_transaction

        return effects_transaction(self)


@dataclass(frozen=True)
class EventHandler:
    """Runs after commit, at least once, outside any database transaction.

    Handlers must be short: ``handle`` is cancelled after ``timeout`` seconds, and a timeout
    counts as a failure. Failures are retried with exponential backoff; after ``max_attempts``
    the delivery is parked where admins can see and replay it.

    Database effects belong in ``async with event.transaction():`` (exactly once: the block
    also marks the delivery done); keep slow work (HTTP calls, files) before or after it,
    never inside, so no transaction is held while waiting. Other effects should use
    ``event.idempotency_key`` (``name`` + event id is unique per delivery).
    """

    event: str
    name: str
    handle: Callable[[Event], Awaitable[None]]
    max_attempts: int = 8
    #: seconds before a running ``handle`` is cancelled and the attempt counted as failed
    timeout: float = 30.0
