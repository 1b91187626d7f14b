"""Read-only questions others ask lodging (the day's lists, availability, the reception hook's
arrivals and guests present, the room rack, what a page of rooms or stays shows): no locks, no
audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import clock, limits
from sportello_lodging.services._common import column
from sportello_lodging.services.checkin import expected_at
from sportello_lodging.services.lifecycle import HOLDING
from sportello_lodging.services.stays import check_dates

#: What each status means to reception's arrival lists (the others read as themselves).
ARRIVAL_STATUS = {
    m.DRAFT: "expected",
    m.CONFIRMED: "expected",
    m.CHECKED_IN: "arrived",
    m.CHECKED_OUT: "left",
}


def arrival_status(status: str) -> str:
    return ARRIVAL_STATUS.get(status, status)


def arriving(day: dt.date) -> QuerySet[m.Reservation]:
    """Reservations arriving on ``day``: expected, or already checked in (or out)."""
    return m.Reservation.filter(arrival=day, status__in=HOLDING)


def departing(day: dt.date) -> QuerySet[m.Reservation]:
    """Reservations departing on ``day``: still in house, or already checked out."""
    return m.Reservation.filter(departure=day, status__in=HOLDING)


def in_house() -> QuerySet[m.Reservation]:
    """Guests in house now."""
    return m.Reservation.filter(status=m.CHECKED_IN)


def find_reservations(
    status: str | None = None, since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[m.Reservation]:
    """Reservations in a status, and staying some night from ``since`` to ``until``."""
    qs = m.Reservation.all()
    if status is not None:
        qs = qs.filter(status=status)
    if since is not None:
        qs = qs.filter(departure__gt=since)
    if until is not None:
        qs = qs.filter(arrival__lt=until)
    return qs


async def closed_today(room_ids: list[int]) -> set[int]:
    """The rooms out of order today, of ``room_ids``: one query for a page of rooms."""
    day = clock.today()
    closures = m.RoomClosure.filter(room_id__in=room_ids, start__lte=day, end__gt=day)
    return set(await column(closures, "room_id"))


async def registered_guests(reservation_ids: list[int]) -> dict[int, int]:
    """How many guests each reservation has in the guest registry: one query for a page."""
    rows: list[dict[str, Any]] = (
        await m.GuestRegistration.filter(reservation_id__in=reservation_ids)
        .annotate(n=Count("id"))
        .group_by("reservation_id")
        .values("reservation_id", "n")
    )
    return {row["reservation_id"]: row["n"] for row in rows}


@dataclass
class Availability:
    room_type: m.RoomType
    rooms: list[m.Room]
    #: Free rooms of the type (``rooms`` lists them, up to MAX_AVAILABLE_ROOMS in all)
    available: int


async def availability(
    actor: api.Actor,
    site_id: int,
    arrival: dt.date,
    departure: dt.date,
    adults: int = 1,
    children: int = 0,
) -> list[Availability]:
    """Free rooms per room type sleeping the party, honouring closures and reservations."""
    check_dates(arrival, departure)
    if not actor.may_see_site(site_id):
        return []
    types = await m.RoomType.filter(site_id=site_id, capacity__gte=adults + children)
    rooms = await m.Room.filter(site_id=site_id, room_type_id__in=[t.id for t in types])
    stays = m.RoomStay.filter(
        room__site_id=site_id, holding=True, start__lt=departure, end__gt=arrival
    )
    closures = m.RoomClosure.filter(room__site_id=site_id, start__lt=departure, end__gt=arrival)
    busy = set(await column(stays, "room_id")) | set(await column(closures, "room_id"))
    out = []
    room = 0  # rooms listed so far: at most MAX_AVAILABLE_ROOMS in all, the counts exact
    for rt in types:
        free = [r for r in rooms if r.room_type_id == rt.id and r.id not in busy]
        listed = free[: max(0, limits.MAX_AVAILABLE_ROOMS - room)]
        room += len(listed)
        out.append(Availability(rt, listed, len(free)))
    return out


async def arrivals_for_hook(site_ids: frozenset[int] | None, day: dt.date) -> list[m.Reservation]:
    qs = arriving(day)
    if site_ids is not None:
        qs = qs.filter(site_id__in=list(site_ids))
    found = await qs.prefetch_related("guest", "site")
    for reservation in found:
        reservation.expected_at = expected_at(reservation.arrival, reservation.site.timezone)
    return found


async def present_for_hook(site_ids: frozenset[int] | None) -> list[m.Reservation]:
    qs = in_house()
    if site_ids is not None:
        qs = qs.filter(site_id__in=list(site_ids))
    return await qs.prefetch_related("guest", "site")


RACK_MAX_DAYS = 31


def rack_days(start: dt.date, days: int) -> int:
    """How many days the rack shows from ``start``: 1 to ``RACK_MAX_DAYS``. A rack running past
    the end of the calendar (9999-12-31) is an ``INVALID_DATES`` error on ``from``."""
    days = max(1, min(days, RACK_MAX_DAYS))
    if (dt.date.max - start).days < days:
        raise api.ServiceError("INVALID_DATES", "lodging.date_out_of_range", "from")
    return days


def rack_spans(
    holders: list[int | None], shut: list[bool]
) -> list[tuple[int, int, int | None, bool]]:
    """A rack row's nights as runs, in one pass: (first night's index, nights, reservation,
    closed) for each stretch of consecutive nights alike. The runs cover every night."""
    spans: list[tuple[int, int, int | None, bool]] = []
    first = 0
    for i in range(1, len(holders) + 1):
        if i == len(holders) or holders[i] != holders[first] or shut[i] != shut[first]:
            spans.append((first, i - first, holders[first], shut[first]))
            first = i
    return spans
