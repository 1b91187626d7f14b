"""The clock arithmetic, without the database: targets, counting, due and warning times.

A clock counts from ``counted_from`` (null while paused or finished) on top of what it counted
before (``used_business_minutes`` on the item's calendar, ``used_seconds`` elapsed). A due time
is "counted_from + what is left of the target", on the target's meter:

* business targets (first response, resolution, legal deadline in business days) in business
  minutes of the item's calendar: closed hours, holidays and pauses do not count;
* a legal deadline in calendar days in elapsed time: every minute counts except paused ones,
  so a pause (waiting for the citizen's documents) extends the deadline by its length.

A pause folds the running segment into the used totals and leaves no due time; resuming
restarts the count. A reassessment folds the segment too and applies the new targets to the
same totals: paused time stays out, elapsed time stays in.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sportello.sla import models as m
from sportello.sla.timing import BusinessClock, aware


@dataclass(frozen=True)
class Targets:
    """What a clock is measured against; ``*_warn`` are minutes before the due time."""

    response: int | None = None
    resolution: int | None = None
    meter: str = m.METER_BUSINESS
    response_warn: int | None = None
    resolution_warn: int | None = None

    @property
    def empty(self) -> bool:
        return self.response is None and self.resolution is None

    def columns(self) -> dict[str, Any]:
        return {
            "response_target": self.response,
            "resolution_target": self.resolution,
            "resolution_meter": self.meter,
            "response_warn": self.response_warn,
            "resolution_warn": self.resolution_warn,
        }


def _warn(target: int | None, percent: int | None, minutes: int | None) -> int | None:
    if target is None:
        return None
    if percent is not None:
        return min(target, math.ceil(target * percent / 100))
    if minutes is not None:
        return min(target, minutes)
    return None


def policy_targets(
    policy: m.SlaPolicy | None,
    started_at: dt.datetime,
    clock: BusinessClock,
    *,
    response_minutes: int | None = None,
    resolution_minutes: int | None = None,
) -> Targets:
    """The targets of ``policy`` for an item started at ``started_at``; without a policy, the
    office's defaults (business minutes, no warning)."""
    if policy is None:
        return Targets(response=response_minutes, resolution=resolution_minutes)
    resolution = policy.resolution_minutes
    meter = m.METER_BUSINESS
    if policy.deadline_days is not None:
        start = aware(started_at)
        if policy.deadline_kind == m.BUSINESS:
            end = clock.add_days(start, policy.deadline_days, business=True)
            resolution = clock.between(start, end)
        else:
            end = clock.add_days(start, policy.deadline_days, business=False)
            resolution = max(0, int((aware(end) - start).total_seconds() // 60))
            meter = m.METER_CALENDAR
    pct, mins = policy.warn_before_percent, policy.warn_before_minutes
    return Targets(
        response=policy.first_response_minutes,
        resolution=resolution,
        meter=meter,
        response_warn=_warn(policy.first_response_minutes, pct, mins),
        resolution_warn=_warn(resolution, pct, mins),
    )


def fold(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any]:
    """Count the running segment up to ``at`` into the used totals (the clock stops counting)."""
    if clock.counted_from is None:
        return {}
    start = aware(clock.counted_from)
    end = max(start, aware(at))
    return {
        "used_business_minutes": clock.used_business_minutes + bt.between(start, end),
        "used_seconds": clock.used_seconds + int((end - start).total_seconds()),
        "counted_from": None,
    }


def _at(
    bt: BusinessClock,
    start: dt.datetime,
    target: int,
    used_minutes: int,
    used_seconds: int,
    meter: str,
) -> dt.datetime:
    if meter == m.METER_CALENDAR:
        return start + dt.timedelta(seconds=max(0, target * 60 - used_seconds))
    return bt.add(start, max(0, target - used_minutes))


def schedule(values: dict[str, Any], bt: BusinessClock) -> dict[str, Any]:
    """Due times, warning times and the next check of a clock whose columns are ``values``
    (every column of the clock, with the changes applied)."""
    out: dict[str, Any] = dict.fromkeys(
        (
            "due_response_at",
            "due_resolution_at",
            "warn_response_at",
            "warn_resolution_at",
            "next_check_at",
        )
    )
    start = values.get("counted_from")
    if values["state"] != m.RUNNING or start is None:
        return out
    start = aware(start)
    used_m, used_s = values["used_business_minutes"], values["used_seconds"]
    checks: list[dt.datetime] = []
    for metric, done, meter in (
        ("response", values["responded_at"], m.METER_BUSINESS),
        ("resolution", values["resolved_at"], values["resolution_meter"]),
    ):
        target = values[f"{metric}_target"]
        if target is None or done is not None:
            continue
        due = _at(bt, start, target, used_m, used_s, meter)
        out[f"due_{metric}_at"] = due
        breached = values[f"{metric}_breached_at"] is not None
        if not breached:
            checks.append(due)
        warn = values[f"{metric}_warn"]
        if warn is not None:
            warn_at = _at(bt, start, target - warn, used_m, used_s, meter)
            out[f"warn_{metric}_at"] = warn_at
            if not breached and values[f"{metric}_warned_at"] is None:
                checks.append(warn_at)
    out["next_check_at"] = min(checks) if checks else None
    return out


def next_check(values: dict[str, Any]) -> dt.datetime | None:
    """The earliest warning or breach still to record, from the stored due and warning times."""
    if values["state"] != m.RUNNING:
        return None
    checks = []
    for metric in ("response", "resolution"):
        if values[f"{metric}_breached_at"] is not None:
            continue
        due = values[f"due_{metric}_at"]
        if due is not None:
            checks.append(aware(due))
        warn = values[f"warn_{metric}_at"]
        if warn is not None and values[f"{metric}_warned_at"] is None:
            checks.append(aware(warn))
    return min(checks) if checks else None


#: The columns ``schedule`` reads.
SCHEDULE_FIELDS = (
    "state",
    "counted_from",
    "used_business_minutes",
    "used_seconds",
    "responded_at",
    "resolved_at",
    "response_target",
    "resolution_target",
    "resolution_meter",
    "response_warn",
    "resolution_warn",
    "response_breached_at",
    "resolution_breached_at",
    "response_warned_at",
    "resolution_warned_at",
)
#: The columns ``next_check`` reads besides those.
CHECK_FIELDS = ("due_response_at", "due_resolution_at", "warn_response_at", "warn_resolution_at")


def values_of(clock: m.SlaClock, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """The columns ``schedule`` reads, from the row with ``changes`` applied."""
    values = {name: getattr(clock, name) for name in (*SCHEDULE_FIELDS, *CHECK_FIELDS)}
    values.update({k: v for k, v in (changes or {}).items() if k in values})
    return values


@dataclass(frozen=True)
class Mark:
    """A warning or breach the sweeper records: which metric, which column, when it was due."""

    kind: str  # warning | breached
    metric: str  # response | resolution
    column: str
    due_at: dt.datetime


def pending_marks(clock: m.SlaClock, now: dt.datetime) -> list[Mark]:
    """The warnings and breaches of ``clock`` that are due at ``now`` and not recorded yet."""
    if clock.state != m.RUNNING:
        return []
    found = []
    for metric in ("response", "resolution"):
        if getattr(clock, f"{metric}_breached_at") is not None:
            continue
        due = getattr(clock, f"due_{metric}_at")
        if due is not None and aware(due) <= now:
            found.append(Mark("breached", metric, f"{metric}_breached_at", aware(due)))
            continue
        warn = getattr(clock, f"warn_{metric}_at")
        if (
            warn is not None
            and aware(warn) <= now
            and getattr(clock, f"{metric}_warned_at") is None
        ):
            found.append(Mark("warning", metric, f"{metric}_warned_at", aware(due or warn)))
    return found
