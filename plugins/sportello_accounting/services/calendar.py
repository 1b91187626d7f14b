"""Fiscal years of twelve monthly periods; closing a period locks posting inside it.

A posting reads its period row with ``FOR SHARE`` inside its transaction; closing is one
conditional UPDATE of that row, which waits for the postings holding it and makes every later
one read ``closed``. So no entry lands inside a period once its close has committed.
"""

from __future__ import annotations

import datetime as dt

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import organisations
from sportello_accounting.services._common import is_postgres, now, rows


def _add_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months(start: dt.date) -> list[tuple[dt.date, dt.date]]:
    spans = []
    day = start
    for _ in range(12):
        nxt = _add_month(day)
        spans.append((day, nxt - dt.timedelta(days=1)))
        day = nxt
    return spans


async def fiscal_year_create(
    actor: api.Actor, organisation_id: int, start: dt.date, name: str | None = None
) -> m.FiscalYear:
    """A fiscal year starting on the first of a month, with its twelve periods."""
    if start.day != 1:
        raise api.ServiceError("INVALID", "accounting.year_start", "start")
    spans = months(start)
    end = spans[-1][1]
    name = (name or (str(start.year) if start.month == 1 else f"{start.year}-{end.year}")).strip()
    try:
        async with api.atomic():
            overlap = await m.FiscalYear.filter(
                organisation_id=organisation_id, start__lte=end, end__gte=start
            ).exists()
            if overlap:
                raise api.ServiceError("YEAR_OVERLAPS", "accounting.year_overlaps", "start")
            year = await m.FiscalYear.create(
                organisation_id=organisation_id, name=name, start=start, end=end
            )
            await m.Period.bulk_create(
                [m.Period(fiscal_year_id=year.id, start=a, end=b) for a, b in spans]
            )
            await api.record(actor, "fiscalYearCreate", year, after={"start": str(start)})
    except IntegrityError:
        raise api.ServiceError("YEAR_OVERLAPS", "accounting.year_overlaps", "start") from None
    return year


async def period_close(actor: api.Actor, period_id: int) -> m.Period:
    """Lock a period for everyone: one conditional UPDATE (open -> closed)."""
    async with api.atomic():
        owner = await m.Period.filter(id=period_id).values_list(
            "fiscal_year__organisation_id", flat=True
        )
        if not owner:
            raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
        await organisations.check(actor, int(str(owner[0])), "id")
        changed = await m.Period.filter(id=period_id, status=m.OPEN).update(
            status=m.CLOSED, closed_at=now()
        )
        period: m.Period = await api.get_or_error(m.Period, period_id, "id")
        if not changed:
            raise api.ServiceError("PERIOD_CLOSED", "accounting.period_closed", "id")
        # The UPDATE waited for every posting holding the period row: all of them are visible.
        period.entries_at_close = await m.Entry.filter(period_id=period_id).count()
        await m.Period.filter(id=period_id).update(entries_at_close=period.entries_at_close)
        await api.record(
            actor,
            "periodClose",
            period,
            after={"start": str(period.start), "entries": period.entries_at_close},
        )
    return period


async def period_for_posting(
    day: dt.date, organisation_id: int, field: str = "date"
) -> tuple[int, int]:
    """(period id, fiscal year id) of the organisation's open period holding ``day``, read
    with a share lock for the rest of the caller's transaction; NO_PERIOD or PERIOD_LOCKED
    otherwise."""

    lock = " FOR SHARE OF p" if is_postgres() else ""
    found = await rows(
        "SELECT p.id, p.fiscal_year_id, p.status FROM accounting_period p"
        " JOIN accounting_fiscal_year y ON y.id = p.fiscal_year_id"
        ' WHERE y.organisation_id = ? AND p.start <= ? AND p."end" >= ?' + lock,
        [organisation_id, day, day],
    )
    if not found:
        raise api.ServiceError("NO_PERIOD", "accounting.no_period", field, day=str(day))
    period = found[0]
    if period["status"] != m.OPEN:
        raise api.ServiceError("PERIOD_LOCKED", "accounting.period_locked", field, day=str(day))
    return int(period["id"]), int(period["fiscal_year_id"])
