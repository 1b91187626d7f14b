"""What the lodging mutations share: the payloads."""

from __future__ import annotations

import strawberry

from sportello_lodging.graphql.types import FolioLine, LodgingError, Reservation, Room, RoomType


@strawberry.type
class ReservationPayload:
    reservation: Reservation | None = None
    errors: list[LodgingError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class RoomPayload:
    room: Room | None = None
    errors: list[LodgingError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class RoomTypePayload:
    room_type: RoomType | None = None
    errors: list[LodgingError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class FolioLinePayload:
    line: FolioLine | None = None
    reservation: Reservation | None = None
    errors: list[LodgingError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]
