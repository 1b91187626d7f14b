"""Reports: the backlog by team and by category (now), and for the tickets opened in a period,
per team, category and agent: how many, resolved, average business minutes to the first
response and to resolution, targets met and missed, and the requesters' satisfaction.
Each grouping is a fixed number of grouped queries, whatever the number of tickets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tortoise.expressions import Q
from tortoise.functions import Avg, Count
from tortoise.queryset import QuerySet

from sportello import api
from sportello_itsupport import models as m

GROUPS = {"team": "team_id", "category": "category_id", "agent": "agent_id"}


@dataclass
class ReportRow:
    key: int | None
    tickets: int = 0
    open: int = 0
    resolved: int = 0
    breached: int = 0
    avg_response_minutes: float | None = None
    avg_resolution_minutes: float | None = None
    avg_satisfaction: float | None = None

    @property
    def sla_met(self) -> int:
        return max(0, self.resolved - self.resolved_breached)

    resolved_breached: int = 0


@dataclass
class Report:
    backlog_by_team: list[ReportRow] = field(default_factory=list)
    backlog_by_category: list[ReportRow] = field(default_factory=list)
    by_team: list[ReportRow] = field(default_factory=list)
    by_category: list[ReportRow] = field(default_factory=list)
    by_agent: list[ReportRow] = field(default_factory=list)
    total: ReportRow = field(default_factory=lambda: ReportRow(key=None))


def _scoped(actor: api.Actor) -> QuerySet[m.Ticket]:
    qs = m.Ticket.exclude(status=m.MERGED)
    if actor.site_ids is not None:
        qs = qs.filter(Q(site_id=None) | Q(site_id__in=sorted(actor.site_ids)))
    return qs


async def _backlog(actor: api.Actor, column: str) -> list[ReportRow]:
    rows = (
        await _scoped(actor)
        .filter(status__in=m.ACTIVE)
        .annotate(n=Count("id"))
        .group_by(column)
        .values_list(column, "n")
    )
    out = [ReportRow(key=k, open=int(n), tickets=int(n)) for k, n in rows]
    return sorted(out, key=lambda r: (-r.open, r.key or 0))


async def _grouped(qs: QuerySet[m.Ticket], column: str | None) -> list[ReportRow]:
    keys = [column] if column else []
    by: dict[int | None, ReportRow] = {}

    def row(key: int | None) -> ReportRow:
        return by.setdefault(key, ReportRow(key=key))

    def grouped(q: QuerySet[m.Ticket], **annotations: object) -> QuerySet[m.Ticket]:
        q = q.annotate(**annotations)  # type: ignore[arg-type]  # tortoise functions
        return q.group_by(*keys) if keys else q

    for values in await grouped(
        qs,
        n=Count("id"),
        response=Avg("response_minutes"),
        satisfaction=Avg("satisfaction"),
    ).values(*keys, "n", "response", "satisfaction"):
        r = row(values.get(column) if column else None)
        r.tickets = int(values["n"] or 0)
        r.avg_response_minutes = _float(values["response"])
        r.avg_satisfaction = _float(values["satisfaction"])
    done = qs.filter(status__in=(m.RESOLVED, m.CLOSED))
    for values in await grouped(done, n=Count("id"), resolution=Avg("resolution_minutes")).values(
        *keys, "n", "resolution"
    ):
        r = row(values.get(column) if column else None)
        r.resolved = int(values["n"] or 0)
        r.avg_resolution_minutes = _float(values["resolution"])
    for values in await grouped(done.filter(breached_at__not_isnull=True), n=Count("id")).values(
        *keys, "n"
    ):
        row(values.get(column) if column else None).resolved_breached = int(values["n"] or 0)
    for values in await grouped(qs.filter(breached_at__not_isnull=True), n=Count("id")).values(
        *keys, "n"
    ):
        row(values.get(column) if column else None).breached = int(values["n"] or 0)
    for values in await grouped(qs.filter(status__in=m.ACTIVE), n=Count("id")).values(*keys, "n"):
        row(values.get(column) if column else None).open = int(values["n"] or 0)
    return sorted(by.values(), key=lambda r: (-r.tickets, r.key or 0))


def _float(value: object) -> float | None:
    return None if value is None else round(float(value), 1)  # type: ignore[arg-type]  # a number


async def report(actor: api.Actor, start: dt.datetime, end: dt.datetime) -> Report:
    if end <= start:
        raise api.ServiceError("INVALID", "itsupport.invalid_range", "to")
    period = _scoped(actor).filter(created_at__gte=start, created_at__lt=end)
    totals = await _grouped(period, None)
    return Report(
        backlog_by_team=await _backlog(actor, "team_id"),
        backlog_by_category=await _backlog(actor, "category_id"),
        by_team=await _grouped(period, "team_id"),
        by_category=await _grouped(period, "category_id"),
        by_agent=await _grouped(period, "agent_id"),
        total=totals[0] if totals else ReportRow(key=None),
    )
