from __future__ import annotations

import datetime as dt
import enum
import inspect
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from tortoise.functions import Count

from sportello.graphql import rowquery
from sportello.graphql.errors import error_codes, error_type
from sportello.graphql.limits import list_size
from sportello.graphql.loading import follow, needs
from sportello.graphql.relay import ModelNode
from sportello.parties.graphql.types import Party
from sportello_lodging import models
from sportello_lodging.services import clock, reads
from sportello_lodging.services.folio import folio_of, load_folio
from sportello_lodging.services.registry import is_registry_complete
from sportello_reception.graphql.types import Arrival


@strawberry.enum(description="Whether someone sleeps in the room tonight.")
class Occupancy(enum.Enum):
    VACANT = "vacant"
    OCCUPIED = "occupied"


@strawberry.enum(description="Housekeeping state of a room.")
class Cleanliness(enum.Enum):
    DIRTY = "dirty"
    CLEAN = "clean"
    INSPECTED = "inspected"


@strawberry.enum(description="Occupancy and cleanliness in one, or out of order.")
class RoomStatus(enum.Enum):
    VACANT_CLEAN = "vacant_clean"
    VACANT_DIRTY = "vacant_dirty"
    VACANT_INSPECTED = "vacant_inspected"
    OCCUPIED_CLEAN = "occupied_clean"
    OCCUPIED_DIRTY = "occupied_dirty"
    OCCUPIED_INSPECTED = "occupied_inspected"
    OUT_OF_ORDER = "out_of_order"


@strawberry.enum
class ReservationStatus(enum.Enum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


@strawberry.enum
class FolioLineKind(enum.Enum):
    ROOM = "room"
    CITY_TAX = "city_tax"
    EXTRA = "extra"
    PAYMENT = "payment"
    DEPOSIT = "deposit"


async def load_closed_today(rooms: list[models.Room]) -> None:
    """Whether each room is out of order today: one query for a page of rooms."""
    day = clock.today()
    closed = set(
        await rowquery.column(
            models.RoomClosure.filter(
                room_id__in=[r.id for r in rooms], start__lte=day, end__gt=day
            ),
            "room_id",
        )
    )
    for room in rooms:
        room.closed_today = room.id in closed  # type: ignore[attr-defined]


def room_status(room: models.Room) -> RoomStatus | Awaitable[RoomStatus]:
    closed = getattr(room, "closed_today", None)
    if closed is None:
        return _room_status_now(room)
    return RoomStatus.OUT_OF_ORDER if closed else RoomStatus(f"{room.occupancy}_{room.cleanliness}")


async def _room_status_now(room: models.Room) -> RoomStatus:
    await load_closed_today([room])
    return room_status(room)  # type: ignore[return-value]


async def load_registered_guests(reservations: list[Any]) -> None:
    """How many guests each reservation has in the guest registry: one query for a page."""
    rows = (
        await models.GuestRegistration.filter(reservation_id__in=[r.id for r in reservations])
        .annotate(n=Count("id"))
        .group_by("reservation_id")
        .values_list("reservation_id", "n")
    )
    counts = dict(rows)
    for res in reservations:
        res.registered_guests = counts.get(res.id, 0)


def registry_complete(res: Any) -> bool | Awaitable[bool]:
    count = getattr(res, "registered_guests", None)
    if count is None:
        return _registry_complete_now(res)
    return is_registry_complete(count, res.adults, res.children)


async def _registry_complete_now(res: Any) -> bool:
    await load_registered_guests([res])
    return registry_complete(res)  # type: ignore[return-value]


def _expected_at(arrival: dt.date, timezone: Any) -> dt.datetime | Awaitable[dt.datetime]:
    if inspect.isawaitable(timezone):
        return _expected_at_later(arrival, timezone)
    return clock.expected_at(arrival, timezone)


async def _expected_at_later(arrival: dt.date, timezone: Awaitable[str]) -> dt.datetime:
    return clock.expected_at(arrival, await timezone)


@strawberry.type(description="A kind of room: capacity, amenities, base nightly rate.")
class RoomType(ModelNode):
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
class Room(ModelNode):
    __model__ = models.Room
    __permission__ = "lodging.rooms.view"
    __site_field__ = "site_id"
    __needs__ = {"status": needs("occupancy", "cleanliness", batch=load_closed_today)}

    id: relay.NodeID[int]
    number: str
    floor: int
    occupancy: Occupancy
    cleanliness: Cleanliness
    room_type: RoomType

    @strawberry.field(description="Occupancy and cleanliness, or OUT_OF_ORDER while closed.")
    def status(self) -> RoomStatus:
        return room_status(self)  # type: ignore[arg-type, return-value]


@strawberry.type(description="A room out of order for some days.")
class RoomClosure(ModelNode):
    __model__ = models.RoomClosure
    __permission__ = "lodging.view"
    __site_field__ = "room__site_id"

    id: relay.NodeID[int]
    start: dt.date
    end: dt.date
    reason: str


@strawberry.type(description="A guest as recorded in the police guest registry at check-in.")
class GuestRegistration:
    full_name: str
    document_type: str
    document_number: str
    issuing_country: str
    nationality: str
    birth_date: dt.date | None


@strawberry.type(description="A charge or a payment.")
class FolioLine(ModelNode):
    __model__ = models.FolioLine
    __permission__ = "lodging.view"
    __site_field__ = "reservation__site_id"

    id: relay.NodeID[int]
    description: str
    night: dt.date | None
    quantity: int
    unit_amount: Decimal
    amount: Decimal
    created_at: dt.datetime
    kind: FolioLineKind


@strawberry.type(description="What the guest owes: charges, payments and the balance.")
class Folio:
    lines: list[FolioLine]
    total: Decimal
    paid: Decimal
    balance: Decimal
    currency: str


@strawberry.type(description="A stay: a guest in a room from arrival to departure.")
class Reservation(ModelNode, Arrival):
    __model__ = models.Reservation
    __permission__ = "lodging.view"
    __site_field__ = "site_id"
    __needs__ = {
        "nights": needs("arrival", "departure"),
        "guest_name": needs("guest.display_name"),
        "folio": needs("folio_lines"),
        "registrations": needs("registrations"),
        "arrival_kind": needs(),
        "party_name": needs("guest.display_name"),
        "arrival_status": needs("status"),
        "expected_at": needs("arrival", "site.timezone"),
        "arrived_at": needs("checked_in_at"),
        "registry_complete": needs("adults", "children", batch=load_registered_guests),
    }

    id: relay.NodeID[int]
    status: ReservationStatus
    arrival: dt.date
    departure: dt.date
    adults: int
    children: int
    rate: Decimal
    channel: str
    notes: str
    currency: str
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    created_at: dt.datetime
    guest: Party
    room: Room
    room_type: RoomType

    @strawberry.field
    def nights(self) -> int:
        return (self.departure - self.arrival).days

    @strawberry.field(description="The guest's display name, as printed at the desk.")
    def guest_name(self) -> str:
        return follow(self, "guest.display_name")  # type: ignore[no-any-return]

    @strawberry.field
    async def folio(self) -> Folio:
        lines = self.folio_lines  # type: ignore[attr-defined]
        if lines._fetched:
            folio = folio_of(self, lines.related_objects)  # type: ignore[arg-type]
        else:
            folio = await load_folio(self)  # type: ignore[arg-type]
        return Folio(
            lines=folio.lines,  # type: ignore[arg-type]
            total=folio.total,
            paid=folio.paid,
            balance=folio.balance,
            currency=folio.currency,
        )

    @strawberry.field(
        description=(
            "Whether every guest in the room (adults and children) is in the guest registry."
        )
    )
    def registry_complete(self) -> bool:
        return registry_complete(self)  # type: ignore[return-value]

    @strawberry.field(description="The guest registry entries of the stay.")
    async def registrations(self) -> list[GuestRegistration]:
        regs = self.registrations  # type: ignore[attr-defined]
        rows = regs.related_objects if regs._fetched else await regs.all()
        return [r for r in rows if r.erased_at is None]

    # Arrival (reception)
    @strawberry.field(description="reservation")
    def arrival_kind(self) -> str:
        return "reservation"

    @strawberry.field(
        description="The check-in hour (setting check_in_hour) of the arrival day at the site."
    )
    def expected_at(self) -> dt.datetime | None:
        return _expected_at(self.arrival, follow(self, "site.timezone"))  # type: ignore[return-value]

    @strawberry.field(description="When the guest checked in.")
    def arrived_at(self) -> dt.datetime | None:
        return self.checked_in_at

    @strawberry.field
    def party_name(self) -> str | None:
        return follow(self, "guest.display_name")  # type: ignore[no-any-return]

    @strawberry.field(description="expected, arrived, left, cancelled, no_show")
    def arrival_status(self) -> str:
        return reads.arrival_status(self.status)  # type: ignore[arg-type]


@strawberry.type
class RoomAvailability:
    room_type: RoomType
    available: int
    rooms: list[Room]


@strawberry.type
class RackCell:
    date: dt.date
    reservation: Reservation | None


@strawberry.type(description="One row of the room rack: a room and one cell per day.")
class RackRow:
    room: Room
    cells: list[RackCell] = strawberry.field(metadata=list_size(reads.RACK_MAX_DAYS))


@strawberry.type
class RoomStatusChange:
    room: Room


LodgingErrorCode = error_codes(
    "LodgingErrorCode",
    "ROOM_UNAVAILABLE",
    "INVALID_TRANSITION",
    "INVALID_DATES",
    "OVER_CAPACITY",
    "TOO_EARLY",
    "ROOM_OCCUPIED",
    "FOLIO_UNPAID",
    "FOLIO_CLOSED",
    "GUEST_REGISTRY_INCOMPLETE",
    "TOO_MANY_GUESTS",
)
LodgingError = error_type("LodgingError", LodgingErrorCode)
