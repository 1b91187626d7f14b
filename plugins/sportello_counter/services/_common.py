"""What every aggregate shares: one clock and one settings table, read here at call time
(``_common.now()``, ``_common.settings()``) so that pinning them reaches every module.

Days are site-local
    A ticket's ``day``, its daily number, "today's" queue, the day filters of appointments and
    arrivals, and statistics by day use the local date of the site's time zone
    (``Site.timezone``, UTC when empty or unknown). Opening hours are local times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from sportello import api
from sportello_counter.settings import CounterSettings

_settings = CounterSettings()


def configure(settings: CounterSettings | None) -> None:
    """Called at startup with the validated ``[modules.counter]`` table."""
    global _settings
    _settings = settings or CounterSettings()


def settings() -> CounterSettings:
    return _settings


def now() -> dt.datetime:
    """Current time (UTC); tests pin it by setting ``services.now`` (this function)."""
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _tz(site: api.SiteModel) -> ZoneInfo:
    return api.zone(site.timezone)


async def site_zone(site_id: int) -> ZoneInfo:
    zones = await api.site_zones([site_id])
    return zones.get(site_id, ZoneInfo("UTC"))


async def site_today(site_id: int) -> dt.date:
    """Today at the site (its local date)."""
    return now().astimezone(await site_zone(site_id)).date()


async def today_filter(site_ids: Iterable[int] | None, field_name: str = "day") -> Q:
    """Rows whose ``field_name`` is today at their own site (site-local dates)."""
    days = api.local_days(await api.site_zones(site_ids), now())
    if not days:
        return Q(id=-1)
    return Q(
        *(_q(site_id__in=sids, **{field_name: day}) for day, sids in days.items()), join_type="OR"
    )


async def local_day_filter(site_ids: Iterable[int] | None, day: dt.date, field_name: str) -> Q:
    """Rows whose datetime ``field_name`` falls on the local ``day`` of their site."""
    windows = api.day_windows(await api.site_zones(site_ids), day)
    if not windows:
        return Q(id=-1)
    return Q(
        *(
            _q(site_id__in=sids, **{f"{field_name}__gte": start, f"{field_name}__lt": end})
            for sids, start, end in windows
        ),
        join_type="OR",
    )


def _q(**filters: Any) -> Q:
    """``Q(**filters)``, typed: keyword names built at run time are column filters only."""
    return Q(**filters)


def _require_site(actor: api.Actor, site_id: int | None, field_name: str = "siteId") -> None:
    if not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", field_name)
