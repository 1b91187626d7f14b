"""A site's clock: its time zone, its local day, and a local day as a UTC window.

Every office that speaks of "today" at a site (a hotel's arrivals, a counter's queue, the
visitors of the day) reads it here, so the day changes at local midnight everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sportello.parties.models import Site


def zone(name: str | None) -> ZoneInfo:
    """A site's time zone; UTC when it has none or an unknown one."""
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")


async def site_zones(site_ids: Iterable[int] | None) -> dict[int, ZoneInfo]:
    """The time zone of each site (every site when ``site_ids`` is None), in one query."""
    qs = Site.all()
    if site_ids is not None:
        qs = qs.filter(id__in=list(site_ids))
    return {sid: zone(name) for sid, name in await qs.values_list("id", "timezone")}


def local_days(zones: dict[int, ZoneInfo], at: dt.datetime) -> dict[dt.date, list[int]]:
    """Sites grouped by their local date at the instant ``at`` (what "today" is at each site)."""
    out: dict[dt.date, list[int]] = {}
    for sid, tz in zones.items():
        out.setdefault(at.astimezone(tz).date(), []).append(sid)
    return out


def day_windows(
    zones: dict[int, ZoneInfo], day: dt.date
) -> list[tuple[list[int], dt.datetime, dt.datetime]]:
    """Per group of sites sharing a time zone: the UTC start and end of the local ``day``."""
    groups: dict[str, tuple[ZoneInfo, list[int]]] = {}
    for sid, tz in zones.items():
        groups.setdefault(str(tz), (tz, []))[1].append(sid)
    out = []
    for tz, sids in groups.values():
        start = dt.datetime.combine(day, dt.time.min, tz).astimezone(dt.UTC)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz).astimezone(dt.UTC)
        out.append((sorted(sids), start, end))
    return out
