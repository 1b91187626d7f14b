"""Lodging's GraphQL types: rooms, reservations (their folios are in ``folio.py``), the rack's
rows, the office's error type and the payloads its mutations answer with.

Resolvers receive what the page loaded (``__needs__``): a model instance, or a plain object
holding the attributes the resolver declared. Fields of value types that hold models declare
their GraphQL type with ``graphql_type``.

The types live in one module per aggregate (``types_rooms``, ``types_reservations``,
``types_rack``, what they share in ``types_common``); this module names them all, with the
office's error type and the payloads its mutations answer with.
"""

from __future__ import annotations

from sportello import api
from sportello_lodging.graphql.folio import FolioLine
from sportello_lodging.graphql.types_common import (
    Cleanliness,
    DepositHandling,
    Occupancy,
    Pending,
    ReservationStatus,
    RoomStatus,
)
from sportello_lodging.graphql.types_rack import (
    RackCell,
    RackRow,
    RackSpan,
    RoomAvailability,
    RoomStatusChange,
)
from sportello_lodging.graphql.types_reservations import (
    Reservation,
    load_registered_guests,
)
from sportello_lodging.graphql.types_rooms import (
    RatePlan,
    RatePolicy,
    RatePrice,
    Room,
    RoomClosure,
    RoomType,
    load_closed_today,
)

__all__ = [
    "Cleanliness",
    "DepositHandling",
    "FolioLine",
    "LodgingError",
    "Occupancy",
    "Pending",
    "RackCell",
    "RackRow",
    "RackSpan",
    "RatePlan",
    "RatePolicy",
    "RatePrice",
    "Reservation",
    "ReservationStatus",
    "Room",
    "RoomAvailability",
    "RoomClosure",
    "RoomStatus",
    "RoomStatusChange",
    "RoomType",
    "load_closed_today",
    "load_registered_guests",
]

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
