"""The business day a folio posting is dated on, and the lock that keeps a closed day closed.

A posting is dated on the site's day (``clock.site_today``), or the day after the last day
the night audit closed if that is later: once a day is closed nothing is dated inside it.
Every folio line saved through the ORM gets its day here (a ``pre_save`` signal, so no
posting path can forget it); bulk inserts set it themselves from ``posting_day``.

On PostgreSQL a posting holds a share lock on its day's row until it commits: the audit's
closing UPDATE of that row waits for postings in flight, and a posting that comes after the
close sees it closed and moves to the next day. SQLite runs one transaction at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.signals import pre_save

from sportello_lodging import models as m
from sportello_lodging.services import clock
from sportello_lodging.services._common import column

#: The day the night audit posts on while it closes that day (its own no-show fees).
_audit_day: ContextVar[dt.date | None] = ContextVar("lodging_audit_day", default=None)

_ENSURE = (
    'INSERT INTO "lodging_business_day" ("site_id", "day", "nights_posted", "no_shows") '
    "VALUES ($1, $2, 0, 0) ON CONFLICT DO NOTHING"
)
_SHARE = (
    'SELECT "closed_at" FROM "lodging_business_day" WHERE "site_id" = $1 AND "day" = $2 FOR SHARE'
)


@contextlib.contextmanager
def audit_posting(day: dt.date) -> Iterator[None]:
    """Inside the audit's transaction: what it posts is dated on the day it closes."""
    token = _audit_day.set(day)
    try:
        yield
    finally:
        _audit_day.reset(token)


async def last_closed(site_id: int) -> dt.date | None:
    """The latest business day the night audit closed at the site (None: never audited)."""
    days = await column(
        m.BusinessDay.filter(site_id=site_id, closed_at__isnull=False).order_by("-day").limit(1),
        "day",
    )
    return days[0] if days else None


def _connection(conn: BaseDBAsyncClient | None) -> BaseDBAsyncClient:
    return conn if conn is not None else m.BusinessDay._meta.db


async def posting_day(
    site_id: int, today: dt.date | None = None, conn: BaseDBAsyncClient | None = None
) -> dt.date:
    """The business day a posting made now at the site is dated on (see the module's text)."""
    forced = _audit_day.get()
    if forced is not None:
        return forced
    if today is None:
        today = await clock.site_today(site_id)
    last = await last_closed(site_id)
    day = max(today, last + dt.timedelta(days=1)) if last is not None else today
    db = _connection(conn)
    if db.capabilities.dialect != "postgres":
        return day
    while True:
        await db.execute_query(_ENSURE, [site_id, day])
        _, rows = await db.execute_query(_SHARE, [site_id, day])
        if not rows or rows[0]["closed_at"] is None:
            return day
        day += dt.timedelta(days=1)  # closed while we looked: the next day is open


@pre_save(m.FolioLine)
async def _date_posting(
    sender: type[m.FolioLine],
    instance: m.FolioLine,
    using_db: BaseDBAsyncClient | None,
    update_fields: Any,
) -> None:
    if instance._saved_in_db or instance.business_day is not None:
        return
    rows = await m.Reservation.filter(id=instance.reservation_id).values_list(
        "site_id", "site__timezone"
    )
    if not rows:
        return  # the insert fails on its foreign key
    site_id, timezone = rows[0]
    instance.business_day = await posting_day(site_id, clock.today(timezone), using_db)
