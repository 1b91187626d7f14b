"""The sweeper: records warnings and breaches as their time comes, exactly once.

One indexed query reads the clocks whose ``next_check_at`` has come (oldest first, a batch at
a time). Each is marked in its own short transaction by one conditional ``UPDATE ... WHERE id
= ? AND version = ?`` (the version changes with every write of the clock, so the row is still
the one the decision read) that also publishes ``sla.clock.warning`` / ``sla.clock.breached``
through the outbox. Two sweepers (two processes) reading the same clock both try: one update
wins, the other affects no row and publishes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sportello.events.outbox import publish
from sportello.services import atomic
from sportello.sla import engine
from sportello.sla import models as m
from sportello.sla.services import _common
from sportello.sla.services._common import CLOCK_BREACHED, CLOCK_WARNING, ClockEvent
from sportello.sla.timing import aware
from sportello.sweeping import SweepLoop

log = logging.getLogger("sportello.sla")

#: Seconds between two sweeps.
INTERVAL = 15.0
BATCH = 500


async def _mark(clock: m.SlaClock, at: dt.datetime) -> int:
    marks = engine.pending_marks(clock, at)
    changes: dict[str, Any] = {}
    for mark in marks:
        changes[mark.column] = mark.due_at if mark.kind == "breached" else at
    if any(mark.kind == "breached" for mark in marks) and clock.breached_at is None:
        changes["breached_at"] = min(mark.due_at for mark in marks if mark.kind == "breached")
    if any(mark.kind == "warning" for mark in marks) and clock.warned_at is None:
        changes["warned_at"] = at
    changes["next_check_at"] = engine.next_check(engine.values_of(clock, changes))
    changes["version"] = clock.version + 1
    async with atomic():
        done = await m.SlaClock.filter(id=clock.id, version=clock.version).update(**changes)
        if done != 1:
            return 0  # changed or marked meanwhile (another sweeper): nothing to publish
        for mark in marks:
            payload = ClockEvent(
                clock_id=clock.id,
                office=clock.office,
                item_type=clock.item_type,
                item_id=clock.item_id,
                metric=mark.metric,
                due_at=mark.due_at,
                policy_id=clock.policy_id,
                department_id=clock.department_id,
            )
            name = CLOCK_BREACHED if mark.kind == "breached" else CLOCK_WARNING
            await publish(name, payload, aggregate=f"sla_clock:{clock.id}", site_id=clock.site_id)
    return len(marks)


async def sweep(at: dt.datetime | None = None, *, batch: int = BATCH) -> int:
    """Record what is due at ``at`` (default: now); returns the number of events published."""
    at = aware(at or _common.now())
    published = 0
    while True:
        rows = (
            await m.SlaClock.filter(next_check_at__lte=at)
            .order_by("next_check_at", "id")
            .limit(batch)
        )
        before = published
        for clock in rows:
            published += await _mark(clock, at)
        if len(rows) < batch or published == before:
            return published


class Sweeper(SweepLoop):
    """The sweep loop of one process (started with the core)."""

    def __init__(self, interval: float = INTERVAL) -> None:
        super().__init__("sla", sweep, interval, log)
