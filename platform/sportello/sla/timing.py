"""Where clocks get their business time from: the business calendars of the item's site and
department (sportello.calendars: hours with breaks, public holidays, closed days, time zone),
or every minute when none is configured there.

The engine needs three operations of a calendar: add business minutes to an instant, count the
business minutes between two instants, and add calendar or business days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from sportello.calendars.services.resolution import business_time as _business_time
from sportello.calendars.services.resolution import business_times as _business_times

Key = tuple[int | None, int | None]


class BusinessClock(Protocol):
    def add(self, start: dt.datetime, minutes: int) -> dt.datetime: ...

    def between(self, start: dt.datetime, end: dt.datetime) -> int: ...

    def add_days(self, start: dt.datetime, days: int, *, business: bool) -> dt.datetime: ...


def aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


async def business_times(keys: Iterable[Key]) -> dict[Key, BusinessClock]:
    """The business time of each (site, department), in a fixed number of queries."""
    return dict(await _business_times(keys))


async def business_time(site_id: int | None, department_id: int | None) -> BusinessClock:
    return await _business_time(site_id, department_id)
