from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import ReservationPayload
from sportello_lodging.graphql.types import LodgingError, ReservationStatus


@strawberry.input
class GuestInput:
    full_name: str
    email: str | None = None


@strawberry.input
class ReservationCreateInput:
    room_id: strawberry.ID | None = strawberry.field(
        default=None, description="The room; or give roomTypeId instead"
    )
    room_type_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Book a room type: the first room of the type free for the whole stay is "
        "assigned (reservationMove changes it later)",
    )
    arrival: dt.date
    departure: dt.date
    guest: GuestInput | None = None
    guest_id: strawberry.ID | None = strawberry.field(
        default=None, description="An existing party, instead of guest"
    )
    adults: int = 1
    children: int = 0
    rate: Decimal | None = strawberry.field(default=None, description="Default: base rate")
    channel: str = "direct"
    notes: str = ""
    status: ReservationStatus = ReservationStatus.CONFIRMED


@strawberry.type
class ReservationCreateMutation:
    @strawberry.mutation(permission_classes=[requires("lodging.reservations")])
    async def reservation_create(
        self, info: strawberry.Info, input: ReservationCreateInput
    ) -> ReservationPayload:
        try:
            res = await services.create_reservation(
                info.context.actor,
                room_id=decode_optional(input.room_id, "Room", "roomId"),
                room_type_id=decode_optional(input.room_type_id, "RoomType", "roomTypeId"),
                arrival=input.arrival,
                departure=input.departure,
                guest_id=decode_optional(input.guest_id, "Party", "guestId"),
                guest=services.GuestInput(input.guest.full_name, input.guest.email)
                if input.guest
                else None,
                adults=input.adults,
                children=input.children,
                rate=input.rate,
                channel=input.channel,
                notes=input.notes,
                status=input.status.value,
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
