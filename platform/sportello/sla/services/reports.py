"""Met, breached and open clocks per policy, department or office over a period: SQL aggregates.

A clock counts in the period it started in. ``breached``: a target was missed (whether the
item is still open or not); ``met``: finished without a breach; ``open``: still counting (or
paused) without a breach. Stopped clocks (cancelled items) and clocks without any target are
left out. Averages are business minutes to the first response and to resolution.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from sportello.graphql.relay import scope_to_sites
from sportello.services import Actor
from sportello.sla import models as m

GROUPS = {"policy": "policy_id", "department": "department_id", "office": "office"}


@dataclass(frozen=True)
class ReportRow:
    group: str
    key: str | None
    policy_id: int | None
    department_id: int | None
    office: str | None
    met: int
    breached: int
    open: int
    avg_response_minutes: float | None
    avg_resolution_minutes: float | None


async def report(actor: Actor, start: dt.datetime, end: dt.datetime, group: str) -> list[ReportRow]:
    column = GROUPS[group]
    qs = m.SlaClock.filter(started_at__gte=start, started_at__lt=end).exclude(state=m.STOPPED)
    qs = qs.filter(Q(response_target__isnull=False) | Q(resolution_target__isnull=False))
    qs = scope_to_sites(qs, actor, "site_id")
    unbreached = Q(breached_at__isnull=True)
    rows: list[dict[str, Any]] = (
        await qs.annotate(
            met=Count("id", _filter=Q(state=m.MET) & unbreached),
            breached=Count("id", _filter=Q(breached_at__isnull=False)),
            open=Count("id", _filter=Q(state__in=m.OPEN) & unbreached),
            # Averages as sums and counts: tortoise's Avg returns the column's type (int).
            sum_response=Sum("response_minutes"),
            n_response=Count("response_minutes"),
            sum_resolution=Sum("resolution_minutes"),
            n_resolution=Count("resolution_minutes"),
        )
        .group_by(column)
        .order_by(column)
        .values(
            column,
            "met",
            "breached",
            "open",
            "sum_response",
            "n_response",
            "sum_resolution",
            "n_resolution",
        )
    )
    out = []
    for row in rows:
        value = row[column]
        out.append(
            ReportRow(
                group=group,
                key=None if value is None else str(value),
                policy_id=value if group == "policy" else None,
                department_id=value if group == "department" else None,
                office=value if group == "office" else None,
                met=int(row["met"] or 0),
                breached=int(row["breached"] or 0),
                open=int(row["open"] or 0),
                avg_response_minutes=_average(row["sum_response"], row["n_response"]),
                avg_resolution_minutes=_average(row["sum_resolution"], row["n_resolution"]),
            )
        )
    return out


def _average(total: Any, count: Any) -> float | None:
    return round(float(total) / int(count), 1) if count else None
