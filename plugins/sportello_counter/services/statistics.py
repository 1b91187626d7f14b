"""Statistics only read, and they are what managers ask to change (groupings, measures): kept
apart so reporting can grow without touching the write paths."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common
from sportello_counter.services._common import _aware, _require_site, site_zone


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
    #: byHour rows: the site-local hour the tickets were issued in (0-23)
    hour: int | None = None
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
class AppointmentStats:
    """Appointments whose slot falls in the range (site-local days)."""

    booked: int = 0
    checked_in: int = 0
    cancelled: int = 0
    #: Booked, never checked in, and the slot (with the grace period) is over
    no_shows: int = 0
    #: Still ahead: booked, slot not over yet
    pending: int = 0

    @property
    def no_show_rate(self) -> float | None:
        due = self.checked_in + self.no_shows
        return round(self.no_shows / due, 4) if due else None


@dataclass
class QuotaRow:
    """One service on one day: walk-in tickets and appointments against their quotas."""

    service_id: int
    label: str
    day: dt.date
    walk_ins: int = 0
    walk_in_quota: int | None = None
    appointments: int = 0
    appointment_quota: int | None = None


@dataclass
class Statistics:
    by_day: list[StatRow]
    by_service: list[StatRow]
    by_counter: list[StatRow]
    by_clerk: list[StatRow]
    total: StatRow
    by_hour: list[StatRow] = field(default_factory=list)
    appointments: AppointmentStats = field(default_factory=AppointmentStats)
    quotas: list[QuotaRow] = field(default_factory=list)


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
    tz = await site_zone(site_id)
    groups: dict[str, dict[Any, StatRow]] = {
        "day": {},
        "service": {},
        "counter": {},
        "clerk": {},
        "hour": {},
    }
    quotas: dict[tuple[int, dt.date], QuotaRow] = {}
    for t in tickets:
        service = services_by_id.get(t.service_id)
        keys: list[tuple[str, Any, StatRow]] = []
        keys.append(("day", t.day, StatRow(t.day.isoformat(), t.day.isoformat(), day=t.day)))
        hour = _aware(t.issued_at).astimezone(tz).hour
        keys.append(("hour", hour, StatRow(f"{hour:02d}", f"{hour:02d}:00", hour=hour)))
        if t.appointment_id is None:
            numbered = services_by_id.get(t.numbered_service_id)
            _quota(quotas, numbered, t.numbered_service_id, t.day).walk_ins += 1
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
    by_hour = [groups["hour"][k] for k in sorted(groups["hour"])]
    appointments = await _appointment_stats(site_id, tz, start, end, services_by_id, quotas)
    return Statistics(
        ordered("day"),
        ordered("service"),
        ordered("counter"),
        by_clerk,
        total,
        by_hour=by_hour,
        appointments=appointments,
        quotas=[quotas[k] for k in sorted(quotas, key=lambda k: (k[1], quotas[k].label, k[0]))],
    )


def _quota(
    quotas: dict[tuple[int, dt.date], QuotaRow],
    service: m.CounterService | None,
    service_id: int,
    day: dt.date,
) -> QuotaRow:
    row = quotas.get((service_id, day))
    if row is None:
        row = quotas[(service_id, day)] = QuotaRow(
            service_id,
            service.name if service else "",
            day,
            walk_in_quota=service.daily_walk_in_quota if service else None,
            appointment_quota=service.daily_appointment_quota if service else None,
        )
    return row


async def _appointment_stats(
    site_id: int,
    tz: ZoneInfo,
    start: dt.date,
    end: dt.date,
    services_by_id: dict[int, m.CounterService],
    quotas: dict[tuple[int, dt.date], QuotaRow],
) -> AppointmentStats:
    """Appointments by outcome, and the appointments of each service and day (one query)."""
    first = dt.datetime.combine(start, dt.time.min, tz)
    last = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)
    rows = await m.Appointment.filter(
        site_id=site_id, slot_at__gte=first, slot_at__lt=last
    ).values_list("service_id", "slot_at", "status")
    grace = dt.timedelta(minutes=_common.settings().late_grace_minutes)
    at = _common.now()
    out = AppointmentStats()
    for service_id, slot_at, status in rows:
        slot = _aware(slot_at)
        if status == m.APPOINTMENT_CANCELLED:
            out.cancelled += 1
            continue
        out.booked += 1
        day = slot.astimezone(tz).date()
        _quota(quotas, services_by_id.get(service_id), service_id, day).appointments += 1
        if status == m.CHECKED_IN:
            out.checked_in += 1
        elif slot + grace < at:
            out.no_shows += 1
        else:
            out.pending += 1
    return out


CSV_COLUMNS = (
    "group",
    "key",
    "label",
    "day",
    "hour",
    "service_id",
    "counter_id",
    "clerk_user_id",
    "tickets",
    "served",
    "no_shows",
    "wait_mean",
    "wait_p90",
    "service_mean",
    "service_p90",
    "within_target_share",
)


def statistics_csv(stats: Statistics) -> str:
    """Every row of the statistics, one CSV line each (``group``: day, hour, service, counter,
    clerk, total), then the quota rows and the appointment outcomes, each with its header."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(CSV_COLUMNS)
    sections = (
        ("day", stats.by_day),
        ("hour", stats.by_hour),
        ("service", stats.by_service),
        ("counter", stats.by_counter),
        ("clerk", stats.by_clerk),
        ("total", [stats.total]),
    )
    for group, rows in sections:
        for r in rows:
            out.writerow(
                (
                    group,
                    r.key,
                    r.label,
                    r.day.isoformat() if r.day else "",
                    "" if r.hour is None else r.hour,
                    r.service_id or "",
                    r.counter_id or "",
                    r.clerk_user_id or "",
                    r.tickets,
                    r.served,
                    r.no_shows,
                    _cell(r.wait_mean),
                    _cell(r.wait_p90),
                    _cell(r.service_mean),
                    _cell(r.service_p90),
                    _cell(r.within_target_share),
                )
            )
    out.writerow(())
    out.writerow(
        (
            "day",
            "service_id",
            "service",
            "walk_ins",
            "walk_in_quota",
            "appointments",
            "appointment_quota",
        )
    )
    for q in stats.quotas:
        out.writerow(
            (
                q.day.isoformat(),
                q.service_id,
                q.label,
                q.walk_ins,
                _cell(q.walk_in_quota),
                q.appointments,
                _cell(q.appointment_quota),
            )
        )
    a = stats.appointments
    out.writerow(())
    out.writerow(("booked", "checked_in", "no_shows", "pending", "cancelled", "no_show_rate"))
    out.writerow(
        (a.booked, a.checked_in, a.no_shows, a.pending, a.cancelled, _cell(a.no_show_rate))
    )
    return buffer.getvalue()


def _cell(value: float | int | None) -> str:
    return "" if value is None else str(value)
