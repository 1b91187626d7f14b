"""Availability, the room rack's rows and the room status subscription's messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types_reservations import Reservation
from sportello_lodging.graphql.types_rooms import Room, RoomType


@strawberry.type
class RoomAvailability:
    room_type: models.RoomType = strawberry.field(graphql_type=RoomType)
    available: int
    rooms: list[models.Room] = strawberry.field(
        graphql_type=list[Room],
        description="The free rooms (at most 1,000 over every room type; available counts all)",
        metadata=api.list_size(services.limits.MAX_AVAILABLE_ROOMS, total=True),
    )


@strawberry.type
class RackCell:
    date: dt.date
    reservation: models.Reservation | None = strawberry.field(graphql_type=Reservation | None)
    closed: bool = strawberry.field(
        default=False, description="The room is out of order that night (a closure)"
    )


@strawberry.type(
    description=(
        "Consecutive nights of a rack row held by the same reservation (or free, or closed):"
        " a row's spans cover its days in order, without gaps."
    )
)
class RackSpan:
    start: dt.date = strawberry.field(description="The first night")
    nights: int
    reservation: models.Reservation | None = strawberry.field(graphql_type=Reservation | None)
    closed: bool = strawberry.field(description="The room is out of order these nights")


_RACK_DEPRECATED = (
    "Use roomRackChart: the same nights as one flat list of bars, many times faster to answer."
)


def _rack_cells(root: RackRow) -> list[RackCell]:
    stays = root.stays
    return [
        RackCell(date=day, reservation=stays.get(held) if held else None, closed=closed)
        for day, held, closed in zip(root.dates, root.holders, root.shut, strict=True)
    ]


def _rack_spans(root: RackRow) -> list[RackSpan]:
    dates, stays = root.dates, root.stays
    return [
        RackSpan(
            start=dates[first],
            nights=nights,
            reservation=stays.get(held) if held else None,
            closed=closed,
        )
        for first, nights, held, closed in services.rack_spans(root.holders, root.shut)
    ]


@strawberry.type(
    description=(
        "One row of the room rack: a room, and its nights as one cell per day or, more"
        " compactly, as spans of consecutive nights."
    )
)
class RackRow:
    room: models.Room = strawberry.field(graphql_type=Room)
    #: The row's nights: their dates (one list for the page), the reservation holding each (or
    #: None), whether the room is closed, and the reservations the page loaded by id. Cells and
    #: spans are built from them only when selected.
    dates: strawberry.Private[list[dt.date]]
    holders: strawberry.Private[list[int | None]]
    shut: strawberry.Private[list[bool]]
    stays: strawberry.Private[dict[int, Any]]
    cells: list[RackCell] = strawberry.field(
        resolver=_rack_cells,
        metadata=api.list_size(services.RACK_MAX_DAYS),
        deprecation_reason=_RACK_DEPRECATED,
    )
    spans: list[RackSpan] = strawberry.field(
        resolver=_rack_spans,
        description="The row's nights as runs (a few per room instead of one cell per day).",
        metadata=api.list_size(services.RACK_MAX_DAYS),
        deprecation_reason=_RACK_DEPRECATED,
    )


@strawberry.type
class RoomStatusChange:
    room: models.Room = strawberry.field(graphql_type=Room)
