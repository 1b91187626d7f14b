"""Which calendar applies where, and its ``BusinessTime``, in a fixed number of queries.

Resolution for (site, department): the department's calendar at that site, else the
department's own (no site), else the site's calendar, else the organisation's default (no site,
no department), else the built-in 24/7 clock (every minute counts, no holidays). A calendar
without a zone of its own runs in the zone of the site it is used at (UTC without a site).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from tortoise.expressions import Q

from sportello.calendars.business_time import BusinessTime
from sportello.calendars.models import BusinessCalendar, ClosedDay, WorkingHours
from sportello.parties.timezones import site_zones, zone

#: (site id, department id); None for either: none given.
Key = tuple[int | None, int | None]
COLUMNS = ("id", "site_id", "department_id", "timezone", "country", "subdivision", "updated_at")
_COLUMNS = COLUMNS
#: Built calendars by (calendar id, updated_at, zone): their per-day UTC intervals stay cached
#: across calls; any change to a calendar moves its updated_at, so nothing stale is served.
_CACHE: OrderedDict[tuple[Any, ...], BusinessTime] = OrderedDict()
_CACHE_SIZE = 512
_ALWAYS = BusinessTime.always()


def clear_cache() -> None:
    _CACHE.clear()


async def business_time(
    site_id: int | None = None, department_id: int | None = None
) -> BusinessTime:
    """The business time at a site (and department): see the module's resolution rules."""
    key: Key = (site_id, department_id)
    return (await business_times([key]))[key]


async def business_times(keys: Iterable[Key]) -> dict[Key, BusinessTime]:
    """``business_time`` for many keys at once: at most four queries whatever their number."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    site_ids = sorted({s for s, _ in wanted if s is not None})
    department_ids = sorted({d for _, d in wanted if d is not None})
    rows = await BusinessCalendar.filter(
        Q(site_id__in=site_ids) | Q(site_id=None),
        Q(department_id__in=department_ids) | Q(department_id=None),
    ).values(*_COLUMNS)
    return await business_times_of(rows, wanted)


async def business_times_of(
    rows: Iterable[dict[str, Any]], keys: Iterable[Key]
) -> dict[Key, BusinessTime]:
    """``business_times`` from calendar rows read by the caller (the columns of ``COLUMNS``,
    every calendar of the keys' sites and departments, of no site and of no department, in
    ``name, id`` order): for a caller that reads them with its own query."""
    rows = list(rows)
    wanted = list(dict.fromkeys(keys))
    site_ids = sorted({s for s, _ in wanted if s is not None})
    by_scope = {(row["site_id"], row["department_id"]): row for row in rows}
    zones = (
        await site_zones(site_ids) if site_ids and any(r["timezone"] is None for r in rows) else {}
    )
    chosen: dict[Key, tuple[dict[str, Any], str]] = {}
    for key in wanted:
        site_id, department_id = key
        row = None
        for scope in _candidates(site_id, department_id):
            row = by_scope.get(scope)
            if row is not None:
                break
        if row is None:
            continue
        tz = row["timezone"] or (str(zones[site_id]) if site_id in zones else "UTC")
        chosen[key] = (row, tz)
    built = await _build(chosen.values())
    return {
        key: built.get(_cache_key(*chosen[key]), _ALWAYS) if key in chosen else _ALWAYS
        for key in wanted
    }


async def calendar_times(calendars: Iterable[Any]) -> dict[int, BusinessTime]:
    """The business time of calendars themselves (rows or models with the columns of
    ``_COLUMNS``), each in its own zone, else its site's, else UTC."""
    rows: list[dict[str, Any]] = [
        dict(cal) if isinstance(cal, dict) else {c: getattr(cal, c, None) for c in _COLUMNS}
        for cal in calendars
    ]
    need = sorted(
        {r["site_id"] for r in rows if r["timezone"] is None and r["site_id"] is not None}
    )
    zones = await site_zones(need) if need else {}
    pairs = [
        (r, r["timezone"] or (str(zones[r["site_id"]]) if r["site_id"] in zones else "UTC"))
        for r in rows
    ]
    built = await _build(pairs)
    return {r["id"]: built[_cache_key(r, tz)] for r, tz in pairs}


async def calendar_business_times(calendar_ids: Iterable[int]) -> dict[int, BusinessTime]:
    """The business time of calendars by id (missing ids are left out), in two queries at
    most plus what the cache lacks: for an office that stores which calendar applies."""
    ids = sorted(set(calendar_ids))
    if not ids:
        return {}
    rows = await BusinessCalendar.filter(id__in=ids).values(*_COLUMNS)
    return await calendar_times(rows)


def _candidates(site_id: int | None, department_id: int | None) -> list[Key]:
    """The scopes to look for, most specific first."""
    out: list[Key] = []
    if department_id is not None:
        if site_id is not None:
            out.append((site_id, department_id))
        out.append((None, department_id))
    if site_id is not None:
        out.append((site_id, None))
    out.append((None, None))
    return out


def _cache_key(row: dict[str, Any], tz: str) -> tuple[Any, ...]:
    return (row["id"], row["updated_at"], tz)


async def _build(
    pairs: Iterable[tuple[dict[str, Any], str]],
) -> dict[tuple[Any, ...], BusinessTime]:
    """BusinessTime per (calendar row, zone): from the cache, else loaded in two queries."""
    out: dict[tuple[Any, ...], BusinessTime] = {}
    missing: dict[tuple[Any, ...], tuple[dict[str, Any], str]] = {}
    for row, tz in pairs:
        key = _cache_key(row, tz)
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            out[key] = hit
        else:
            missing[key] = (row, tz)
    if not missing:
        return out
    ids = sorted({row["id"] for row, _ in missing.values()})
    hours: dict[int, list[tuple[int, int, int]]] = {i: [] for i in ids}
    for cid, weekday, start, end in await WorkingHours.filter(calendar_id__in=ids).values_list(
        "calendar_id", "weekday", "start_minute", "end_minute"
    ):
        hours[cid].append((weekday, start, end))
    closed: dict[int, list[dt.date]] = {i: [] for i in ids}
    opened: dict[int, list[dt.date]] = {i: [] for i in ids}
    for cid, day, is_open in await ClosedDay.filter(calendar_id__in=ids).values_list(
        "calendar_id", "day", "open"
    ):
        (opened if is_open else closed)[cid].append(day)
    for key, (row, tz) in missing.items():
        cid = row["id"]
        bt = BusinessTime(
            zone(tz),
            hours[cid],
            country=row["country"],
            subdivision=row["subdivision"],
            closed_days=closed[cid],
            open_days=opened[cid],
        )
        out[key] = bt
        _CACHE[key] = bt
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return out
