"""One-shot timers: an event published once at a given time.

``schedule_at`` writes the timer in the caller's transaction (rolled back with it), keyed: the
same key scheduled again moves the pending timer (new time, event, payload) and leaves a fired
one alone, so a key fires at most once. ``cancel_timer`` deletes a pending timer.

The sweeper (``fire_due``, in every server process) reads the due timers, oldest first, and
fires each in its own short transaction: one conditional ``UPDATE ... SET fired_at WHERE id = ?
AND version = ? AND fired_at IS NULL`` (the version changes with every rescheduling, so the row
is still the one read) and, when it changed the row, the event published through the outbox in
the same transaction. Two sweepers reading the same timer both try: one update wins, the other
changes no row and publishes nothing (on PostgreSQL the second waits for the first's row lock,
then finds ``fired_at`` set).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from tortoise.exceptions import IntegrityError

from sportello.events.outbox import declared_type, publish
from sportello.events.registry import plain_payload
from sportello.schedule.models import Timer
from sportello.schedule.services._common import aware, now
from sportello.services import atomic

log = logging.getLogger("sportello.schedule")

BATCH = 500


def _payload(event: str, payload: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
    """Checked now, against the event type's payload model when it declares one: a wrong
    payload is the scheduling caller's error, not the sweeper's later."""
    etype = declared_type(event)
    data = etype.validate(payload) if etype is not None else plain_payload(event, payload)
    return dict(data)


async def schedule_at(
    key: str,
    at: dt.datetime,
    event: str,
    payload: Mapping[str, Any] | BaseModel | None = None,
    *,
    site_id: int | None = None,
) -> bool:
    """Publish ``event`` with ``payload`` once at ``at``; call it inside the transaction of the
    change. False when the key already fired (nothing changes)."""
    data = _payload(event, payload or {})
    due = aware(at)
    async with atomic():
        row = await Timer.filter(key=key).select_for_update().first()
        if row is not None:
            if row.fired_at is not None:
                return False
            await Timer.filter(id=row.id, fired_at=None).update(
                due_at=due, event=event, payload=data, site_id=site_id, version=row.version + 1
            )
            return True
        try:
            async with atomic():  # a savepoint: a concurrent scheduler of the key keeps its row
                await Timer.create(key=key, event=event, payload=data, site_id=site_id, due_at=due)
        except IntegrityError:
            return False
    return True


async def cancel_timer(key: str) -> bool:
    """Cancel the pending timer ``key`` (in the caller's transaction); False when there is
    none (never scheduled, cancelled or already fired)."""
    return bool(await Timer.filter(key=key, fired_at=None).delete())


async def _fire(row: Timer, at: dt.datetime) -> bool:
    async with atomic():
        done = await Timer.filter(id=row.id, version=row.version, fired_at=None).update(fired_at=at)
        if done != 1:
            return False  # fired, moved or cancelled meanwhile (another sweeper, the caller)
        await publish(row.event, row.payload, aggregate=f"timer:{row.key}", site_id=row.site_id)
    return True


async def fire_due(at: dt.datetime | None = None, *, batch: int = BATCH) -> int:
    """Fire the timers due at ``at`` (default: now); returns how many this call fired."""
    at = aware(at or now())
    fired = 0
    seen: set[int] = set()
    while True:
        rows = (
            await Timer.filter(fired_at=None, due_at__lte=at)
            .exclude(id__in=list(seen) or [0])
            .order_by("due_at", "id")
            .limit(batch)
        )
        for row in rows:
            seen.add(row.id)
            try:
                fired += await _fire(row, at)
            except Exception:  # e.g. a payload its event type no longer accepts: next sweep
                log.exception("schedule: timer %s (%s) failed to fire", row.key, row.event)
        if len(rows) < batch:
            return fired
