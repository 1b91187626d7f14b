"""Business-minute arithmetic on one calendar: pure Python, no database.

Working hours are local wall time; each local day's open intervals are converted to UTC once
(and cached), so an interval that spans a DST change counts the minutes that really elapse:
Sunday 01:00-05:00 in Rome on the last Sunday of October is 300 minutes, not 240.
A wall time that does not exist (spring forward) or exists twice (fall back) is read with
``fold=0``: the offset in force before the change.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sportello.calendars.public_holidays import holiday_dates

DAY = dt.timedelta(days=1)
MINUTES_A_DAY = 1440
#: How far ``add`` and ``add_days`` look ahead before giving up (a calendar open once in ten
#: years is a mistake, not a calendar).
HORIZON_YEARS = 10
MIN_YEAR, MAX_YEAR = 1900, 2200

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
        "_holidays",
        "_last",
        "_opened",
        "_subdivision",
        "_week",
        "_week_seconds",
        "_years",
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
        self._years: dict[int, _Year] = {}
        self._last: _Year | None = None

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

    def is_holiday(self, day: dt.date) -> bool:
        """A local date closed as a whole whatever the weekday: a public holiday (not opened
        by an exception) or a local closed day. For counting the days of a person whose
        working week is their own (a contract's days), not the calendar's hours."""
        if self._always:
            return False
        return day in self._closed or self._holiday(day)

    def _day_spans(self, day: dt.date, midnight: int, next_midnight: int) -> tuple[Interval, ...]:
        if self.is_closed_day(day):
            return ()
        local = dt.datetime(day.year, day.month, day.day, tzinfo=self.timezone)
        out: list[Interval] = []
        for start, end in self._week[day.weekday()]:
            begin = (
                midnight if start == 0 else _ts(local.replace(hour=start // 60, minute=start % 60))
            )
            if end == MINUTES_A_DAY:
                stop = next_midnight
            else:
                stop = _ts(local.replace(hour=end // 60, minute=end % 60))
            if stop > begin:
                out.append((begin, stop))
        return tuple(out)

    def _year(self, year: int) -> _Year:
        """The local days of a year: their midnights (UTC seconds), open intervals and the
        business seconds before each (built once, then binary-searched)."""
        found = self._years.get(year)
        if found is not None:
            return found
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise NeverOpen(f"year {year} is out of range")
        tz = self.timezone
        first = dt.date(year, 1, 1)
        count = (dt.date(year + 1, 1, 1) - first).days
        midnights = [
            _ts(dt.datetime.combine(first + dt.timedelta(days=i), dt.time(), tz))
            for i in range(count + 1)
        ]
        spans = []
        cumulative = [0]
        total = 0
        for i in range(count):
            day_spans = self._day_spans(
                first + dt.timedelta(days=i), midnights[i], midnights[i + 1]
            )
            spans.append(day_spans)
            total += sum(b - a for a, b in day_spans)
            cumulative.append(total)
        found = _Year(year, first, midnights, spans, cumulative)
        self._years[year] = found
        return found

    def _locate(self, seconds: int) -> tuple[_Year, int]:
        """The year block and the index of the local day holding an instant."""
        year = self._last
        if year is None or not year.midnights[0] <= seconds < year.midnights[-1]:
            year = self._year(_utc(seconds).year)
            if seconds < year.midnights[0]:
                year = self._year(year.year - 1)
            elif seconds >= year.midnights[-1]:
                year = self._year(year.year + 1)
            self._last = year
        return year, bisect_right(year.midnights, seconds) - 1

    def _position(self, seconds: int) -> tuple[_Year, int]:
        """The year block of an instant and the business seconds of that year before it."""
        year, i = self._locate(seconds)
        done = year.cumulative[i]
        for a, b in year.spans[i]:
            if a >= seconds:
                break
            done += min(b, seconds) - a
        return year, done

    def intervals(self, day: dt.date) -> tuple[Interval, ...]:
        """The open intervals of a local date, in UTC epoch seconds."""
        if self._always:
            tz = self.timezone
            begin = _ts(dt.datetime.combine(day, dt.time(), tz))
            return ((begin, _ts(dt.datetime.combine(day + DAY, dt.time(), tz))),)
        year = self._year(day.year)
        return year.spans[(day - year.first).days]

    # --- arithmetic ---------------------------------------------------------------------

    def is_open(self, at: dt.datetime) -> bool:
        """Whether the instant falls in working time."""
        if self._always:
            return True
        now = _ts(at)
        year, i = self._locate(now)
        return any(a <= now < b for a, b in year.spans[i])

    def add(self, start: dt.datetime, minutes: int) -> dt.datetime:
        """The instant ``minutes`` business minutes after ``start`` (the end of the last one).

        Zero minutes from a closed instant is that instant; negative minutes are refused.
        Whole days and weeks are jumped over by a binary search on the year's cumulative
        business seconds.
        """
        if minutes < 0:
            raise ValueError("minutes must not be negative")
        now = _ts(start)
        if self._always or minutes == 0:
            return _utc(now + 60 * minutes)
        if self._week_seconds == 0:
            raise NeverOpen("the calendar has no working hours")
        year, done = self._position(now)
        target = done + 60 * minutes
        for _ in range(HORIZON_YEARS):
            total = year.cumulative[-1]
            if target <= total:
                j = bisect_left(year.cumulative, target) - 1
                left = target - year.cumulative[j]
                for a, b in year.spans[j]:
                    if left <= b - a:
                        return _utc(a + left)
                    left -= b - a
                raise AssertionError("cumulative business seconds disagree with the day")
            target -= total
            year = self._year(year.year + 1)
        raise NeverOpen("no working time within the horizon")

    def between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Business minutes from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
        a, b = _ts(start), _ts(end)
        if b <= a:
            return 0
        if self._always:
            return (b - a) // 60
        year_a, done_a = self._position(a)
        year_b, done_b = self._position(b)
        total = done_b - done_a
        for y in range(year_a.year, year_b.year):
            total += self._year(y).cumulative[-1]
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
            return _utc(_ts(dt.datetime.combine(after, dt.time(), self.timezone)))
        if self._week_seconds == 0:
            raise NeverOpen("the calendar has no working hours")
        year, i = self._locate(now)
        counted = 0
        for _ in range(HORIZON_YEARS * 366):
            i += 1
            if i >= len(year.spans):
                year, i = self._year(year.year + 1), 0
            spans = year.spans[i]
            if spans:
                counted += 1
                if counted == days:
                    return _utc(spans[-1][1])
        raise NeverOpen("no working day within the horizon")


@dataclass(frozen=True, slots=True)
class _Year:
    year: int
    first: dt.date
    #: UTC seconds of each local midnight, from 1 January to 1 January of the next year
    midnights: list[int]
    spans: list[tuple[Interval, ...]]
    #: business seconds of the year before each day (one more entry: the year's total)
    cumulative: list[int]


def _merged(spans: list[tuple[int, int]]) -> DayHours:
    """Sorted intervals, touching ones joined (validation refuses overlaps before this)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)
