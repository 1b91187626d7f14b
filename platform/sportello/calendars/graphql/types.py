from __future__ import annotations

import asyncio
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from sportello.calendars import models, public_holidays, services
from sportello.calendars.business_time import BusinessTime, NeverOpen
from sportello.calendars.services._common import clock_of
from sportello.graphql import typed
from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.loading import needs
from sportello.graphql.relay import ModelNode
from sportello.identity.permissions import AUTHENTICATED
from sportello.org.graphql.types import Department
from sportello.parties.graphql.types import Site
from sportello.services import ServiceError


@strawberry.enum(description="A day of the week.")
class Weekday(enum.Enum):
    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


@strawberry.type(description="An open interval of a weekday, in the calendar's local wall time.")
class WorkingHours:
    weekday: Weekday
    start: str = strawberry.field(description="HH:MM")
    end: str = strawberry.field(description="HH:MM; 24:00 is the end of the day.")


@strawberry.type(description="A local closed day, or (open: true) a public holiday worked.")
class ClosedDay:
    date: dt.date
    name: str
    open: bool


@strawberry.type(description="A public holiday of the calendar's country and subdivision.")
class Holiday:
    date: dt.date
    name: str


# --- batch loaders: a fixed number of queries for a whole page -------------------------


async def load_details(calendars: list[Any]) -> None:
    """Hours and closed days of a page of calendars (two queries)."""
    ids = [c.id for c in calendars]
    hours: dict[int, list[WorkingHours]] = defaultdict(list)
    for cid, weekday, start, end in await models.WorkingHours.filter(
        calendar_id__in=ids
    ).values_list("calendar_id", "weekday", "start_minute", "end_minute"):
        hours[cid].append(
            WorkingHours(weekday=Weekday(weekday), start=clock_of(start), end=clock_of(end))
        )
    closed: dict[int, list[ClosedDay]] = defaultdict(list)
    for cid, day, name, is_open in await models.ClosedDay.filter(calendar_id__in=ids).values_list(
        "calendar_id", "day", "name", "open"
    ):
        closed[cid].append(ClosedDay(date=day, name=name, open=bool(is_open)))
    for cal in calendars:
        cal._hours = sorted(hours[cal.id], key=lambda h: (h.weekday.value, h.start))
        cal._closed = sorted(closed[cal.id], key=lambda c: c.date)


async def load_times(calendars: list[Any]) -> None:
    """The BusinessTime of each calendar of a page (cached; a few queries when not)."""
    found = await services.calendar_times(calendars)
    for cal in calendars:
        cal._time = found[cal.id]


def _loaded(obj: Any, attr: str, loader: Callable[[list[Any]], Awaitable[None]]) -> Any:
    """What a batch loader set, or (a mutation's payload) an awaitable loading it for one."""
    value = getattr(obj, attr, None)
    if value is not None:
        return value
    key = f"_loading_{loader.__name__}"
    pending = getattr(obj, key, None)
    if pending is None:
        pending = asyncio.ensure_future(loader([obj]))
        setattr(obj, key, pending)

    async def after() -> Any:
        await pending
        return getattr(obj, attr)

    return after()


def _with_time(obj: Any, compute: Callable[[BusinessTime], Any]) -> Any:
    found = _loaded(obj, "_time", load_times)
    if isinstance(found, BusinessTime):
        return _computed(found, compute)

    async def later() -> Any:
        return _computed(await found, compute)

    return later()


def _computed(time: BusinessTime, compute: Callable[[BusinessTime], Any]) -> Any:
    try:
        return compute(time)
    except NeverOpen:
        raise ServiceError("NEVER_OPEN", "calendars.never_open") from None


def _aware(value: dt.datetime, time: BusinessTime) -> dt.datetime:
    """A datetime without an offset is read as the calendar's local time."""
    return value if value.tzinfo is not None else value.replace(tzinfo=time.timezone)


TIME_COLUMNS = ("timezone", "site_id", "country", "subdivision", "updated_at")
TIMES = needs(*TIME_COLUMNS, batch=load_times)
DETAILS = needs(batch=load_details)


@strawberry.type(
    description=(
        "When a site (or, without a site, the organisation) works: working hours with breaks,"
        " public holidays of a country and subdivision, local closed days."
    )
)
class BusinessCalendar(ModelNode):
    __model__ = models.BusinessCalendar
    __permission__ = AUTHENTICATED  # any logged-in caller, within their sites
    __site_field__ = "site_id"
    __site_optional__ = True  # calendars without a site (the default) are read from every site
    __needs__ = {
        "zone_name": TIMES,
        "hours": DETAILS,
        "closed_days": DETAILS,
        "holidays": needs("country", "subdivision"),
        "is_open": TIMES,
        "add_business_minutes": TIMES,
        "business_minutes_between": TIMES,
        "add_days": TIMES,
    }

    id: relay.NodeID[int]
    name: str
    site: Site | None = strawberry.field(
        description="The site it applies to; null: the organisation's default calendar."
    )
    department: Department | None = strawberry.field(
        description="The department (or team) it applies to; null: the whole site."
    )
    country: str | None = strawberry.field(
        description="ISO 3166-1 alpha-2 code of the public holidays observed; null: none."
    )
    subdivision: str | None = strawberry.field(
        description="Subdivision code of the holidays (Italy: province, e.g. RM; Spain: community)."
    )
    updated_at: dt.datetime

    @typed.field(
        name="timezone",
        description="The IANA time zone the hours are in (its own, else its site's, else UTC).",
    )
    def zone_name(self) -> str:
        return _with_time(self, lambda t: t.timezone.key)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="Working hours by weekday; several per weekday make breaks.")
    def hours(self) -> list[WorkingHours]:
        return _loaded(self, "_hours", load_details)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="Local closed days (and holidays worked), by date.")
    def closed_days(self) -> list[ClosedDay]:
        return _loaded(self, "_closed", load_details)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="The public holidays of a year, named in the caller's language.")
    def holidays(self, info: strawberry.Info, year: int) -> list[Holiday]:
        if not 1900 <= year <= 2200:
            raise ServiceError("INVALID", "calendars.invalid_year", "year")
        country: str | None = self.country
        if country is None:
            return []
        found = public_holidays.holiday_list(
            country, self.subdivision, year, info.context.actor.language
        )
        return [Holiday(date=day, name=name) for day, name in found]

    @typed.field(description="Whether the calendar is open at an instant.")
    def is_open(self, at: dt.datetime) -> bool:
        return _with_time(self, lambda t: t.is_open(_aware(at, t)))  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(
        description=(
            "The instant `minutes` business minutes after `from` (a time without an offset is"
            " the calendar's local time)."
        )
    )
    def add_business_minutes(
        self,
        from_: Annotated[dt.datetime, strawberry.argument(name="from")],
        minutes: int,
    ) -> dt.datetime:
        if minutes < 0:
            raise ServiceError("INVALID", "calendars.negative_minutes", "minutes")
        return _with_time(self, lambda t: t.add(_aware(from_, t), minutes))  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="Business minutes from `from` to `to` (0 when `to` is not later).")
    def business_minutes_between(
        self,
        from_: Annotated[dt.datetime, strawberry.argument(name="from")],
        to: dt.datetime,
    ) -> int:
        return _with_time(self, lambda t: t.between(_aware(from_, t), _aware(to, t)))  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(
        description=(
            "Calendar days (business: false): the same local time `days` days later. Business"
            " days: the end of the `days`-th working day after the local date of `from`."
        )
    )
    def add_days(
        self,
        from_: Annotated[dt.datetime, strawberry.argument(name="from")],
        days: int,
        business: bool = True,
    ) -> dt.datetime:
        if not 0 <= days <= 3650:
            raise ServiceError("INVALID", "calendars.invalid_days", "days")
        return _with_time(  # type: ignore[no-any-return]  # or its awaitable
            self, lambda t: t.add_days(_aware(from_, t), days, business=business)
        )


BusinessCalendarErrorCode = error_codes(
    "BusinessCalendarErrorCode",
    "NO_HOURS",
    "INVALID_TIME",
    "END_BEFORE_START",
    "OVERLAPPING_HOURS",
    "UNKNOWN_COUNTRY",
    "UNKNOWN_SUBDIVISION",
    "INVALID_TIMEZONE",
)
if TYPE_CHECKING:  # what error_type() builds at run time, declared for mypy

    @strawberry.type
    class BusinessCalendarError(UserError):
        code: enum.Enum

else:
    BusinessCalendarError = error_type("BusinessCalendarError", BusinessCalendarErrorCode)
