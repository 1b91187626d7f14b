"""The room rack as a tape chart: a page of rooms, the days, and one flat list of bars (a stay's
consecutive nights in a room, or a closure's), the shape resource timelines take. Four queries
whatever the rooms and days: the rooms, their nights, their closures, the reservations shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from sportello_lodging import models as m
from sportello_lodging.services.reads import rack_closures, rack_nights


@dataclass(frozen=True, slots=True)
class ChartRoom:
    id: int
    number: str
    floor: int
    room_type_id: int
    room_type_name: str
    occupancy: str
    cleanliness: str


@dataclass(frozen=True, slots=True)
class ChartBar:
    """``room``: index into the chart's rooms; ``start``: index into its days; ``reservation``:
    the reservation's id, its status and guest's name (all None for a closure)."""

    room: int
    start: int
    nights: int
    reservation: int | None
    status: str | None
    guest_name: str | None


@dataclass(frozen=True, slots=True)
class Chart:
    rooms: list[ChartRoom]
    bars: list[ChartBar]
    has_next: bool


def runs(row: list[Any]) -> list[tuple[int, int, Any]]:
    """The runs of equal, non-empty values of ``row``: (first index, length, value)."""
    out: list[tuple[int, int, Any]] = []
    first = 0
    for i in range(1, len(row) + 1):
        if i == len(row) or row[i] != row[first]:
            if row[first]:
                out.append((first, i - first, row[first]))
            first = i
    return out


async def rack_chart(
    site_id: int, rooms: QuerySet[m.Room], start: dt.date, days: int, offset: int, limit: int
) -> Chart:
    """``limit`` rooms of ``rooms`` (a site's rooms the caller may see) from ``offset``, with
    the bars of ``days`` nights from ``start``: a stay's bars first, then closures', by room."""
    found = (
        await rooms.offset(offset)
        .limit(limit + 1)
        .values(
            "id",
            "number",
            "floor",
            "room_type_id",
            "occupancy",
            "cleanliness",
            room_type_name="room_type__name",
        )
    )
    page = [ChartRoom(**r) for r in found[:limit]]
    if not page:
        return Chart([], [], False)
    ids = [r.id for r in page]
    nights = await rack_nights(site_id, ids, start, days)
    closed = await rack_closures(ids, start, days)
    wanted = {i for row in nights.values() for i in row if i is not None}
    shown: dict[int, tuple[str, str]] = {}
    if wanted:
        for r in await m.Reservation.filter(id__in=wanted).values(
            "id", "status", "guest__display_name"
        ):
            shown[r["id"]] = (r["status"], r["guest__display_name"])
    bars: list[ChartBar] = []
    for index, room in enumerate(page):
        for first, length, held in runs(nights[room.id]):
            status, name = shown[held]
            bars.append(ChartBar(index, first, length, held, status, name))
        for first, length, _ in runs(closed[room.id]):
            bars.append(ChartBar(index, first, length, None, None, None))
    return Chart(page, bars, len(found) > limit)
