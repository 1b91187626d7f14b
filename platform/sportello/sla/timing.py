"""Where clocks get their business time from.

The engine needs three operations of a business calendar: add business minutes to an instant,
count the business minutes between two instants, and add calendar or business days. Until
business calendars are configured for an item's site or department, every minute counts
(``AlwaysOpen``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

Key = tuple[int | None, int | None]


class BusinessClock(Protocol):
    def add(self, start: dt.datetime, minutes: int) -> dt.datetime: ...

    def between(self, start: dt.datetime, end: dt.datetime) -> int: ...

    def add_days(self, start: dt.datetime, days: int, *, business: bool) -> dt.datetime: ...


def aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class AlwaysOpen:
    """Every minute is a business minute; every day is a working day."""

    def add(self, start: dt.datetime, minutes: int) -> dt.datetime:
        if start.tzinfo is not dt.UTC:
            start = aware(start).astimezone(dt.UTC)
        return start + dt.timedelta(minutes=minutes)

    def between(self, start: dt.datetime, end: dt.datetime) -> int:
        seconds = (aware(end) - aware(start)).total_seconds()
        return max(0, int(seconds // 60))

    def add_days(self, start: dt.datetime, days: int, *, business: bool) -> dt.datetime:
        return aware(start).astimezone(dt.UTC) + dt.timedelta(days=days)


ALWAYS_OPEN = AlwaysOpen()


async def business_times(keys: Iterable[Key]) -> dict[Key, BusinessClock]:
    """The business time of each (site, department), in a fixed number of queries."""
    return {key: ALWAYS_OPEN for key in set(keys)}


async def business_time(site_id: int | None, department_id: int | None) -> BusinessClock:
    found = await business_times([(site_id, department_id)])
    return found[(site_id, department_id)]
