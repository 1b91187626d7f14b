"""What lodging's GraphQL types share: its enums and the ``Pending`` values resolvers return."""

from __future__ import annotations

import enum
from collections.abc import Awaitable
from typing import TypeAlias, TypeVar, cast

import strawberry

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
