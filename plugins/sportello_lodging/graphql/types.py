"""Lodging's GraphQL types: rooms, reservations (their folios are in ``folio.py``), the rack's
rows, the office's error type and the payloads its mutations answer with.

Resolvers receive what the page loaded (``__needs__``): a model instance, or a plain object
holding the attributes the resolver declared. Fields of value types that hold models declare
their GraphQL type with ``graphql_type``.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any, TypeAlias, TypeVar, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.folio import Folio, FolioLine, load_folios
from sportello_lodging.graphql.registry import REGISTRY, GuestRegistration, visible_registrations
from sportello_reception.api import Arrival

T = TypeVar("T")
#: A value, or an awaitable of it when what it reads was not loaded with the page (a mutation's
#: payload): GraphQL awaits what a resolver returns, so lists resolve without a task per row.
Pending: TypeAlias = T | Awaitable[T]


def _pending(value: Pending[T]) -> T:
    """A pending value where the field's type must stay the value's (a field of the ``Arrival``
    interface keeps the interface's type): GraphQL awaits it all the same."""
    return cast(T, value)


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


@strawberry.enum(description="What happens to money the guest paid when the stay does not happen.")
class DepositHandling(enum.Enum):
    REFUND = "refund"
    KEEP = "keep"
    CARRY = "carry"


# --- rooms ----------------------------------------------------------------------------------


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


# --- reservations ---------------------------------------------------------------------------


async def load_registered_guests(reservations: list[Any]) -> None:
    """How many guests each reservation of a page has in the guest registry (one query)."""
    counts = await services.registered_guests([res.id for res in reservations])
    for res in reservations:
        res.registered_guests = counts.get(res.id, 0)


def _complete(res: models.Reservation, registered: int) -> bool:
    return services.is_registry_complete(registered, res.adults, res.children)


def _registry_complete(root: strawberry.Parent[models.Reservation]) -> Pending[bool]:
    count = getattr(root, "registered_guests", None)
    return _registry_complete_now(root) if count is None else _complete(root, count)


async def _registry_complete_now(res: models.Reservation) -> bool:
    await load_registered_guests([res])
    return _complete(res, getattr(res, "registered_guests", 0))


def _nights(root: strawberry.Parent[models.Reservation]) -> int:
    return (root.departure - root.arrival).days


def _rate_plan_id(root: strawberry.Parent[models.Reservation]) -> strawberry.ID | None:
    plan: int | None = root.rate_plan_id
    return None if plan is None else api.encode_id("RatePlan", plan)


def _guest_name(root: strawberry.Parent[models.Reservation]) -> Pending[str]:
    name: Pending[str] = api.follow(root, "guest.display_name")
    return name


def _party_name(root: strawberry.Parent[models.Reservation]) -> str | None:
    return _pending(_guest_name(root))


def _folio(root: strawberry.Parent[models.Reservation]) -> Pending[Folio]:
    folio: Folio | None = getattr(root, "loaded_folio", None)
    return _folio_now(root) if folio is None else folio


async def _folio_now(res: models.Reservation) -> Folio:
    await load_folios([res])
    folio: Folio = getattr(res, "loaded_folio")  # noqa: B009  # set by load_folios
    return folio


async def _registrations(
    root: strawberry.Parent[models.Reservation], info: strawberry.Info
) -> list[models.GuestRegistration] | None:
    if not info.context.actor.has(REGISTRY):
        return None  # before loading: the rows are not for this reader
    regs = root.registrations
    rows = regs.related_objects if regs._fetched else await regs.all()
    return visible_registrations(info, list(rows))


def _arrival_kind(root: strawberry.Parent[models.Reservation]) -> str:
    return "reservation"


def _expected_at(root: strawberry.Parent[models.Reservation]) -> dt.datetime | None:
    timezone = api.follow(root, "site.timezone")
    if inspect.isawaitable(timezone):
        later: Pending[dt.datetime] = _expected_at_later(root.arrival, timezone)
        return _pending(later)
    return services.expected_at(root.arrival, timezone)


async def _expected_at_later(arrival: dt.date, timezone: Awaitable[str]) -> dt.datetime:
    return services.expected_at(arrival, await timezone)


def _arrived_at(root: strawberry.Parent[models.Reservation]) -> dt.datetime | None:
    return root.checked_in_at


def _arrival_status(root: strawberry.Parent[models.Reservation]) -> str:
    return services.arrival_status(root.status)


@strawberry.type(description="A stay: a guest in a room from arrival to departure.")
class Reservation(api.ModelNode, Arrival):
    __model__ = models.Reservation
    __permission__ = "lodging.view"
    __site_field__ = "site_id"
    __needs__ = {
        "nights": api.needs("arrival", "departure"),
        "rate_plan_id": api.needs("rate_plan_id"),
        "guest_name": api.needs("guest.display_name"),
        "folio": api.needs("currency", batch=load_folios),
        "registrations": api.needs("registrations"),
        "arrival_kind": api.needs(),
        "party_name": api.needs("guest.display_name"),
        "arrival_status": api.needs("status"),
        "expected_at": api.needs("arrival", "site.timezone"),
        "arrived_at": api.needs("checked_in_at"),
        "registry_complete": api.needs("adults", "children", batch=load_registered_guests),
    }

    id: relay.NodeID[int]
    status: ReservationStatus
    arrival: dt.date
    departure: dt.date
    adults: int
    children: int
    rate: Decimal
    channel: str
    channel_booking_id: str | None = strawberry.field(
        description="The booking's id at the channel that sold it, if any"
    )
    notes: str
    currency: str
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    created_at: dt.datetime
    guest: api.Party
    room: Room
    room_type: RoomType

    nights = strawberry.field(resolver=_nights)
    rate_plan_id = strawberry.field(
        resolver=_rate_plan_id, description="The rate plan the stay was sold on"
    )
    guest_name = strawberry.field(
        resolver=_guest_name,
        graphql_type=str,
        description="The guest's display name, as printed at the desk.",
    )
    folio = strawberry.field(
        resolver=_folio,
        graphql_type=Folio,
        description="What the guest owes: totals, balance and the lines, a page at a time.",
    )
    registry_complete = strawberry.field(
        resolver=_registry_complete,
        graphql_type=bool,
        description=(
            "Whether every guest in the room (adults and children) is in the guest registry."
        ),
    )
    registrations = strawberry.field(
        resolver=_registrations,
        graphql_type=list[GuestRegistration] | None,
        description=(
            "The guest registry entries of the stay (at most the room's capacity); null "
            "without the permission lodging.registry."
        ),
        metadata=api.list_size(services.limits.MAX_CAPACITY),
    )

    # Arrival (reception)
    arrival_kind = strawberry.field(resolver=_arrival_kind, description="reservation")
    expected_at = strawberry.field(
        resolver=_expected_at,
        description="The check-in hour (setting check_in_hour) of the arrival day at the site.",
    )
    arrived_at = strawberry.field(resolver=_arrived_at, description="When the guest checked in.")
    party_name = strawberry.field(resolver=_party_name)
    arrival_status = strawberry.field(
        resolver=_arrival_status, description="expected, arrived, left, cancelled, no_show"
    )


# --- lists and subscriptions ----------------------------------------------------------------


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
    start, stays = root.start, root.stays
    return [
        RackCell(
            date=start + dt.timedelta(days=i),
            reservation=stays.get(held) if held else None,
            closed=closed,
        )
        for i, (held, closed) in enumerate(zip(root.holders, root.shut, strict=True))
    ]


def _rack_spans(root: RackRow) -> list[RackSpan]:
    return [
        RackSpan(
            start=root.start + dt.timedelta(days=first),
            nights=nights,
            reservation=root.stays.get(held) if held else None,
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
    #: The row's nights from the first day: the reservation holding each (or None), whether
    #: the room is closed, and the reservations the page loaded by id. Cells and spans are
    #: built from them only when selected.
    start: strawberry.Private[dt.date]
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


# --- mutations ------------------------------------------------------------------------------

LodgingError = api.office_errors(
    "Lodging",
    "ROOM_UNAVAILABLE",
    "INVALID_TRANSITION",
    "INVALID_DATES",
    "OVER_CAPACITY",
    "TOO_EARLY",
    "ROOM_OCCUPIED",
    "FOLIO_UNPAID",
    "FOLIO_CLOSED",
    "GUEST_REGISTRY_INCOMPLETE",
    "POLICE_DATA_MISSING",
    "TOO_MANY_GUESTS",
    "HEAD_REQUIRED",
    "TOO_MANY_HEADS",
    "STAY_TOO_LONG",
    "BEYOND_HORIZON",
    "TOO_MANY",
    "TOO_LONG",
    "OUT_OF_RANGE",
    "NO_RATE",
    "MIN_STAY",
    "CLOSED_TO_ARRIVAL",
    "RATE_PLAN_CLOSED",
    "GUEST_CONFLICT",
    "INVALID_METHOD",
    "OVERPAYMENT",
    "REFUND_DUE",
    "DEPOSIT_HELD",
    "ALREADY_VOIDED",
    "ALREADY_REFUNDED",
    "FUTURE_DAY",
    "DAY_CLOSED",
    "PREVIOUS_DAY_OPEN",
    "ROOM_DIRTY",
)
ReservationPayload = api.payload(Reservation, errors=LodgingError)
RoomPayload = api.payload(Room, errors=LodgingError)
RoomClosurePayload = api.payload(
    errors=LodgingError, name="RoomClosurePayload", room_closure=RoomClosure, room=Room
)
RoomTypePayload = api.payload(RoomType, errors=LodgingError)
RatePlanPayload = api.payload(RatePlan, errors=LodgingError)
RatePricePayload = api.payload(RatePrice, errors=LodgingError)
FolioLinePayload = api.payload(
    errors=LodgingError, name="FolioLinePayload", line=FolioLine, reservation=Reservation
)
