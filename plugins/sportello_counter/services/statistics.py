"""Statistics only read, and they are what managers ask to change (groupings, measures): kept
apart so reporting can grow without touching the write paths."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sportello import api
from sportello_counter import models as m
from sportello_counter.services._common import _aware, _require_site


def p90(values: Sequence[float]) -> float | None:
    """Nearest-rank 90th percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


@dataclass
class StatRow:
    key: str
    label: str
    day: dt.date | None = None
    service_id: int | None = None
    counter_id: int | None = None
    clerk_user_id: int | None = None
    tickets: int = 0
    served: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    within_target: int = 0

    @property
    def wait_mean(self) -> float | None:
        return round(statistics.fmean(self.waits), 2) if self.waits else None

    @property
    def wait_p90(self) -> float | None:
        value = p90(self.waits)
        return None if value is None else round(value, 2)

    @property
    def service_mean(self) -> float | None:
        return round(statistics.fmean(self.services), 2) if self.services else None

    @property
    def service_p90(self) -> float | None:
        value = p90(self.services)
        return None if value is None else round(value, 2)

    @property
    def within_target_share(self) -> float | None:
        return round(self.within_target / len(self.waits), 4) if self.waits else None


@dataclass
class Statistics:
    by_day: list[StatRow]
    by_service: list[StatRow]
    by_counter: list[StatRow]
    by_clerk: list[StatRow]
    total: StatRow


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (_aware(end) - _aware(start)).total_seconds() / 60


async def compute_statistics(
    actor: api.Actor, site_id: int, start: dt.date, end: dt.date
) -> Statistics:
    """Tickets issued from ``start`` to ``end`` (both included).

    Waiting time: issue to call (a transferred ticket: to its call at the new service, from
    its original issue time); service time: service start
    to finish; no-shows: tickets marked no-show; within target: share of called tickets whose
    wait was at most the service's target. p90 is the nearest-rank 90th percentile (minutes).
    """
    _require_site(actor, site_id)
    if end < start:
        raise api.ServiceError("INVALID", "counter.invalid_range", "to")
    services_by_id = {s.id: s for s in await m.CounterService.filter(site_id=site_id)}
    counters = {c.id: c for c in await m.Counter.filter(site_id=site_id)}
    tickets = await m.Ticket.filter(site_id=site_id, day__gte=start, day__lte=end).order_by("id")
    total = StatRow("total", "total")
    groups: dict[str, dict[Any, StatRow]] = {"day": {}, "service": {}, "counter": {}, "clerk": {}}
    for t in tickets:
        service = services_by_id.get(t.service_id)
        keys: list[tuple[str, Any, StatRow]] = []
        keys.append(("day", t.day, StatRow(t.day.isoformat(), t.day.isoformat(), day=t.day)))
        keys.append(
            (
                "service",
                t.service_id,
                StatRow(
                    str(t.service_id),
                    service.name if service else "",
                    service_id=t.service_id,
                ),
            )
        )
        if t.counter_id is not None:
            counter = counters.get(t.counter_id)
            keys.append(
                (
                    "counter",
                    t.counter_id,
                    StatRow(
                        str(t.counter_id),
                        counter.name if counter else "",
                        counter_id=t.counter_id,
                    ),
                )
            )
        if t.clerk_user_id is not None:
            # Keyed by user: a clerk whose e-mail (label) changed stays one row.
            keys.append(
                (
                    "clerk",
                    t.clerk_user_id,
                    StatRow(str(t.clerk_user_id), t.clerk_label, clerk_user_id=t.clerk_user_id),
                )
            )
        elif t.clerk_label:  # called by a service account or the system: by label
            keys.append(("clerk", f"label:{t.clerk_label}", StatRow(t.clerk_label, t.clerk_label)))
        rows = [total] + [groups[g].setdefault(k, row) for g, k, row in keys]
        if t.clerk_user_id is not None and t.clerk_label:
            groups["clerk"][t.clerk_user_id].label = t.clerk_label  # the latest label
        wait = _minutes(t.issued_at, t.called_at)
        served = _minutes(t.service_started_at, t.finished_at) if t.status == m.DONE else None
        target = service.target_wait_minutes if service else 0
        for row in rows:
            row.tickets += 1
            if t.status == m.NO_SHOW:
                row.no_shows += 1
            if t.status == m.DONE:
                row.served += 1
            if wait is not None:
                row.waits.append(wait)
                if wait <= target:
                    row.within_target += 1
            if served is not None:
                row.services.append(served)

    def ordered(name: str) -> list[StatRow]:
        return [groups[name][k] for k in sorted(groups[name], key=str)]

    by_clerk = sorted(groups["clerk"].values(), key=lambda r: (r.label, r.key))

    return Statistics(ordered("day"), ordered("service"), ordered("counter"), by_clerk, total)
