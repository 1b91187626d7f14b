"""Rooms, room types, closures and rate plans as GraphQL types."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types_common import Cleanliness, Occupancy, Pending, RoomStatus


async def load_closed_today(rooms: list[Any]) -> None:
    """Whether each room of a page is out of order today (one query)."""
    closed = await services.closed_today([room.id for room in rooms])
    for room in rooms:
        room.closed_today = room.id in closed


def _status(room: models.Room, closed: bool) -> RoomStatus:
    return RoomStatus.OUT_OF_ORDER if closed else RoomStatus(f"{room.occupancy}_{room.cleanliness}")


def _room_status(root: strawberry.Parent[models.Room]) -> Pending[RoomStatus]:
    closed = getattr(root, "closed_today", None)
    return _room_status_now(root) if closed is None else _status(root, closed)


async def _room_status_now(room: models.Room) -> RoomStatus:
    await load_closed_today([room])
    return _status(room, getattr(room, "closed_today", False))


@strawberry.type(description="A kind of room: capacity, amenities, base nightly rate.")
class RoomType(api.ModelNode):
    __model__ = models.RoomType
    __permission__ = "lodging.rooms.view"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    code: str
    name: str
    capacity: int
    amenities: JSON
    base_rate: Decimal


@strawberry.type(description="A room and its housekeeping state.")
class Room(api.ModelNode):
    __model__ = models.Room
    __permission__ = "lodging.rooms.view"
    __site_field__ = "site_id"
    __needs__ = {"status": api.needs("occupancy", "cleanliness", batch=load_closed_today)}

    id: relay.NodeID[int]
    site: api.Site
    number: str
    floor: int
    occupancy: Occupancy
    cleanliness: Cleanliness
    room_type: RoomType

    status = strawberry.field(
        resolver=_room_status,
        graphql_type=RoomStatus,
        description="Occupancy and cleanliness, or OUT_OF_ORDER while closed.",
    )


@strawberry.type(description="A room out of order for some days.")
class RoomClosure(api.ModelNode):
    __model__ = models.RoomClosure
    __permission__ = "lodging.view"
    __site_field__ = "room__site_id"

    id: relay.NodeID[int]
    room: Room
    start: dt.date
    end: dt.date = strawberry.field(description="The first day the room is back in service")
    reason: str
    created_at: dt.datetime


@strawberry.enum(description="How a rate plan's stays may be cancelled.")
class RatePolicy(enum.Enum):
    FLEXIBLE = "flexible"
    NON_REFUNDABLE = "non_refundable"


def _weekday_prices(root: strawberry.Parent[models.RatePrice]) -> list[Decimal]:
    return [Decimal(v) for v in root.weekday_prices]


@strawberry.type(description="A season's nightly prices of one room type on a rate plan.")
class RatePrice(api.ModelNode):
    __model__ = models.RatePrice
    __permission__ = "lodging.rooms.view"
    __site_field__ = "rate_plan__site_id"
    __needs__ = {"weekday_prices": api.needs("weekday_prices")}

    id: relay.NodeID[int]
    room_type: RoomType
    start: dt.date
    end: dt.date = strawberry.field(description="The first night the season no longer prices")
    min_stay: int | None
    closed_to_arrival: list[int] = strawberry.field(
        description="Days of the week (0 Monday to 6 Sunday) no stay may arrive on"
    )
    weekday_prices = strawberry.field(
        resolver=_weekday_prices, description="Seven nightly prices, Monday first"
    )


@strawberry.type(
    description=(
        "A way a site sells its rooms (flexible, non-refundable, breakfast included): its "
        "channels, minimum stay, cancellation and no-show policy and season prices."
    )
)
class RatePlan(api.ModelNode):
    __model__ = models.RatePlan
    __permission__ = "lodging.rooms.view"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    site: api.Site
    code: str
    name: str
    channels: list[str] = strawberry.field(description="Channels selling it; empty: every one")
    policy: RatePolicy
    free_cancellation_days: int
    cancellation_fee_nights: int
    no_show_fee_nights: int
    breakfast_included: bool
    min_stay: int
    active: bool

    prices: list[RatePrice] = api.related(
        RatePrice,
        "rate_plan",
        order_by=("room_type_id", "start", "id"),
        description="Its seasons per room type, loaded for a page of plans at once",
    )
