"""Business-minute arithmetic on one calendar: pure Python, no database.

Working hours are local wall time; each local day's open intervals are converted to UTC once
(and cached), so an interval that spans a DST change counts the minutes that really elapse:
Sunday 01:00-05:00 in Rome on the last Sunday of October is 300 minutes, not 240.
A wall time that does not exist (spring forward) or exists twice (fall back) is read with
``fold=0``: the offset in force before the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sportello.calendars.public_holidays import holiday_dates

DAY = dt.timedelta(days=1)
MINUTES_A_DAY = 1440
#: How far ``add`` and ``add_days`` look ahead before giving up (a calendar open once in ten
#: years is a mistake, not a calendar).
HORIZON_DAYS = 3660

#: One open interval of a local day in UTC epoch seconds: [start, end).
Interval = tuple[int, int]
#: A weekday's intervals in local minutes after midnight: ((start, end), ...), end <= 1440.
DayHours = tuple[tuple[int, int], ...]


class NeverOpen(ValueError):
    """The calendar has no working time within the horizon: no instant can be reached."""


def _ts(value: dt.datetime) -> int:
    if value.tzinfo is None:
        raise ValueError("business time needs aware datetimes")
    return int(value.timestamp())


def _utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


class BusinessTime:
    """A calendar's working time: ``add`` business minutes to an instant, count the business
    minutes ``between`` two instants, step calendar or business days.

    Immutable once built (what it caches is derived from what it was built with); results
    are aware UTC datetimes. Seconds inside a minute count: ``between`` floors to minutes.
    """

    __slots__ = (
        "_always",
        "_closed",
        "_country",
        "_days",
        "_holidays",
        "_opened",
        "_subdivision",
        "_week",
        "_week_seconds",
        "timezone",
    )

    def __init__(
        self,
        timezone: ZoneInfo | str = "UTC",
        hours: Iterable[tuple[int, int, int]] = (),
        *,
        country: str | None = None,
        subdivision: str | None = None,
        closed_days: Iterable[dt.date] = (),
        open_days: Iterable[dt.date] = (),
        always_open: bool = False,
    ) -> None:
        """``hours``: (weekday 0-6, start minute, end minute <= 1440) in local wall time;
        ``closed_days`` close whole local days, ``open_days`` open public holidays with
        their weekday's hours; ``always_open``: every minute counts, nothing else is read."""
        self.timezone = timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone)
        week: list[list[tuple[int, int]]] = [[] for _ in range(7)]
        for weekday, start, end in hours:
            if not (0 <= weekday <= 6 and 0 <= start < end <= MINUTES_A_DAY):
                raise ValueError(f"bad working hours {(weekday, start, end)}")
            week[weekday].append((start, end))
        self._week: tuple[DayHours, ...] = tuple(_merged(day) for day in week)
        self._week_seconds = 60 * sum(e - s for day in self._week for s, e in day)
        self._always = always_open
        self._country = country
        self._subdivision = subdivision
        self._closed = frozenset(closed_days)
        self._opened = frozenset(open_days)
        self._holidays: dict[int, frozenset[dt.date]] = {}
        self._days: dict[dt.date, tuple[Interval, ...]] = {}

    @classmethod
    def always(cls) -> BusinessTime:
        """Every minute counts, no holidays: the calendar when none is configured."""
        return cls(ZoneInfo("UTC"), always_open=True)

    def __repr__(self) -> str:
        if self._always:
            return "BusinessTime(24/7)"
        return f"BusinessTime({self.timezone.key}, {self._country}/{self._subdivision})"

    # --- days ---------------------------------------------------------------------------

    def _holiday(self, day: dt.date) -> bool:
        if self._country is None:
            return False
        year = self._holidays.get(day.year)
        if year is None:
            year = holiday_dates(self._country, self._subdivision, day.year)
            self._holidays[day.year] = year
        return day in year and day not in self._opened

    def is_closed_day(self, day: dt.date) -> bool:
        """A local date with no working time at all: a closed day, a public holiday (not
        opened by an exception) or a weekday without hours."""
        if self._always:
            return False
        return day in self._closed or not self._week[day.weekday()] or self._holiday(day)

    def intervals(self, day: dt.date) -> tuple[Interval, ...]:
        """The open intervals of a local date, in UTC epoch seconds (cached)."""
        found = self._days.get(day)
        if found is not None:
            return found
        if self.is_closed_day(day):
            found = ()
        else:
            tz = self.timezone
            midnight = dt.datetime(day.year, day.month, day.day, tzinfo=tz)
            out: list[Interval] = []
            for start, end in self._week[day.weekday()]:
                begin = _ts(midnight.replace(hour=start // 60, minute=start % 60))
                if end == MINUTES_A_DAY:
                    after = day + DAY
                    stop = _ts(dt.datetime(after.year, after.month, after.day, tzinfo=tz))
                else:
                    stop = _ts(midnight.replace(hour=end // 60, minute=end % 60))
                if stop > begin:
                    out.append((begin, stop))
            found = tuple(out)
        self._days[day] = found
        return found

    def _local_day(self, seconds: int) -> dt.date:
        return dt.datetime.fromtimestamp(seconds, self.timezone).date()

    def _regular_week(self, first: dt.date) -> bool:
        """Seven local days from ``first`` hold exactly the nominal week: no closed day, no
        holiday, no UTC offset change."""
        for i in range(7):
            day = first + dt.timedelta(days=i)
            if day in self._closed or self._holiday(day):
                return False
        tz = self.timezone
        last = first + dt.timedelta(days=7)
        a = dt.datetime(first.year, first.month, first.day, tzinfo=tz).utcoffset()
        b = dt.datetime(last.year, last.month, last.day, tzinfo=tz).utcoffset()
        return a == b

    # --- arithmetic ---------------------------------------------------------------------

    def is_open(self, at: dt.datetime) -> bool:
        """Whether the instant falls in working time."""
        if self._always:
            return True
        now = _ts(at)
        return any(s <= now < e for s, e in self.intervals(self._local_day(now)))

    def add(self, start: dt.datetime, minutes: int) -> dt.datetime:
        """The instant ``minutes`` business minutes after ``start`` (the end of the last one).

        Zero minutes from a closed instant is that instant; negative minutes are refused.
        Whole regular weeks are stepped over at once.
        """
        if minutes < 0:
            raise ValueError("minutes must not be negative")
        now = _ts(start)
        if self._always or minutes == 0:
            return _utc(now + 60 * minutes)
        if self._week_seconds == 0:
            raise NeverOpen("the calendar has no working hours")
        left = 60 * minutes
        day = self._local_day(now)
        for _ in range(HORIZON_DAYS):
            for begin, end in self.intervals(day):
                if end <= now:
                    continue
                begin = max(begin, now)
                if left <= end - begin:
                    return _utc(begin + left)
                left -= end - begin
            day += DAY
            while left > self._week_seconds and self._regular_week(day):
                left -= self._week_seconds
                day += dt.timedelta(days=7)
        raise NeverOpen("no working time within the horizon")

    def between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Business minutes from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
        a, b = _ts(start), _ts(end)
        if b <= a:
            return 0
        if self._always:
            return (b - a) // 60
        total = 0
        day, last = self._local_day(a), self._local_day(b)
        while day <= last:
            for begin, stop in self.intervals(day):
                lo, hi = max(begin, a), min(stop, b)
                if hi > lo:
                    total += hi - lo
            day += DAY
            # Whole regular weeks strictly before the last day: the nominal week each.
            while day + dt.timedelta(days=7) <= last and self._regular_week(day):
                total += self._week_seconds
                day += dt.timedelta(days=7)
        return total // 60

    def add_days(self, start: dt.datetime, days: int, *, business: bool) -> dt.datetime:
        """Calendar days: the same local wall time ``days`` days later. Business days: the end
        of the working day that is the ``days``-th working day after ``start``'s local date
        (``days`` <= 0: ``start`` itself)."""
        now = _ts(start)
        if days <= 0:
            return _utc(now)
        local = dt.datetime.fromtimestamp(now, self.timezone)
        if not business:
            later = local.replace(tzinfo=None) + dt.timedelta(days=days)
            return later.replace(tzinfo=self.timezone).astimezone(dt.UTC)
        day = local.date()
        if self._always:
            after = day + dt.timedelta(days=days + 1)
            return _utc(_ts(dt.datetime(after.year, after.month, after.day, tzinfo=self.timezone)))
        if self._week_seconds == 0:
            raise NeverOpen("the calendar has no working hours")
        counted = 0
        for _ in range(HORIZON_DAYS):
            day += DAY
            spans = self.intervals(day)
            if spans:
                counted += 1
                if counted == days:
                    return _utc(spans[-1][1])
        raise NeverOpen("no working day within the horizon")


def _merged(spans: list[tuple[int, int]]) -> DayHours:
    """Sorted intervals, touching ones joined (validation refuses overlaps before this)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)
