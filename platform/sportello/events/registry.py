"""Declarations plugins make through hooks: the events they publish and the handlers they run."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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
    #: Permission a subscriber needs to receive it (besides seeing its site); None: the field's.
    permission: str | None = None


@dataclass(frozen=True)
class Event:
    id: int
    name: str
    version: int
    aggregate: str
    payload: dict[str, Any]
    site_id: int | None = None
    occurred_at: Any = None

    @property
    def idempotency_key(self) -> str:
        return f"event:{self.id}"


@dataclass(frozen=True)
class EventHandler:
    """Runs after commit, at least once; ``name`` + event id is the idempotency key.

    ``handle`` runs inside a database transaction that also marks the delivery done, so its
    database effects happen exactly once; other effects should use ``event.idempotency_key``.
    It is retried with exponential backoff and parked after ``max_attempts`` failures.
    """

    event: str
    name: str
    handle: Callable[[Event], Awaitable[None]]
    max_attempts: int = 8
