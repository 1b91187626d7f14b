"""The room rack: rooms by nights, paged over rooms like any connection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import strawberry

from sportello.graphql import loading
from sportello.graphql.relay import node_selections, selections_at
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RackCell, RackRow, Reservation, Room


def _room_selections(info: strawberry.Info) -> list[Any]:
    return selections_at(node_selections(info), ("room",))


def _reservation_selections(info: strawberry.Info) -> list[Any]:
    return selections_at(node_selections(info), ("cells", "reservation"))


@dataclass(frozen=True)
class RackSource:
    """One page of rack rows: the rooms, their nights, the reservations they show (3 queries)."""

    site_id: int | None
    start: dt.date
    days: int

    def _rooms(self) -> Any:
        return models.Room.filter(site_id=self.site_id if self.site_id is not None else -1)

    async def count(self) -> int:
        return await self._rooms().count()

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[Any]:
        room_plan = loading.cached_plan(Room, info, _room_selections)
        rooms = await loading.load(self._rooms().offset(offset).limit(limit), room_plan)
        if not rooms:
            return []
        nights = await services.rack_nights(
            self.site_id or -1, [r.id for r in rooms], self.start, self.days
        )
        wanted = {i for row in nights.values() for i in row if i is not None}
        stays: dict[int, Any] = {}
        if wanted:
            plan = loading.cached_plan(Reservation, info, _reservation_selections)
            found = await loading.load(models.Reservation.filter(id__in=wanted), plan)
            stays = {r.id: r for r in found}
        dates = [self.start + dt.timedelta(days=i) for i in range(self.days)]
        return [
            RackRow(
                room=room,
                cells=[
                    RackCell(date=day, reservation=stays.get(held) if held else None)
                    for day, held in zip(dates, nights[room.id], strict=True)
                ],
            )
            for room in rooms
        ]
