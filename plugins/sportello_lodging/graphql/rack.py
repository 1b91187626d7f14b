"""The room rack: rooms by nights, paged over rooms like any connection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import strawberry
from tortoise.queryset import QuerySet

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RackRow, Reservation, Room


def _room_selections(info: strawberry.Info) -> list[Any]:
    return api.selections_at(api.node_selections(info), ("room",))


def _reservation_selections(info: strawberry.Info) -> list[Any]:
    """What the cells and the spans select on their reservations (the page loads them once)."""
    node = api.node_selections(info)
    return [
        *api.selections_at(node, ("cells", "reservation")),
        *api.selections_at(node, ("spans", "reservation")),
    ]


@dataclass(frozen=True)
class RackSource:
    """One page of rack rows: the rooms, their nights and closures, the reservations they show
    (3 queries). Rows keep the nights as lists; their cells or spans are built when selected.

    ``rooms`` are the site's rooms the caller may see (none when the site is not theirs)."""

    rooms: QuerySet[models.Room]
    start: dt.date
    days: int

    async def count(self) -> int:
        return await self.rooms.count()

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[RackRow]:
        page = self.rooms.offset(offset).limit(limit)
        rooms = await api.load_selected(page, info, Room, _room_selections)
        if not rooms:
            return []
        nights = await services.rack_nights([r.id for r in rooms], self.start, self.days)
        wanted = {i for holders, _ in nights.values() for i in holders if i is not None}
        stays: dict[int, Any] = {}
        if wanted:
            shown = models.Reservation.filter(id__in=wanted)
            found = await api.load_selected(shown, info, Reservation, _reservation_selections)
            stays = {r.id: r for r in found}
        dates = [self.start + dt.timedelta(days=i) for i in range(self.days)]
        return [
            RackRow(
                room=room,
                dates=dates,
                holders=nights[room.id][0],
                shut=nights[room.id][1],
                stays=stays,
            )
            for room in rooms
        ]
