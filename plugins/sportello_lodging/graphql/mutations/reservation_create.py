from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import ReservationPayload, ReservationStatus


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
    rate_plan_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Price each night from this plan (its season and day-of-week prices, minimum stay, "
            "closed-to-arrival days and channels)"
        ),
    )
    rate: Decimal | None = strawberry.field(
        default=None,
        description=(
            "A nightly rate set by hand (needs lodging.rates.manual). Default: the plan's "
            "prices, else the room type's base rate"
        ),
    )
    channel: str = "direct"
    channel_booking_id: str | None = strawberry.field(
        default=None,
        description="The booking's id at the channel that sold it (found by reservationSearch)",
    )
    notes: str = ""
    status: ReservationStatus = ReservationStatus.CONFIRMED


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_create(
    info: strawberry.Info, input: ReservationCreateInput
) -> models.Reservation:
    guest = input.guest
    return await services.create_reservation(
        info.context.actor,
        room_id=api.decode_optional(input.room_id, "Room", "roomId"),
        room_type_id=api.decode_optional(input.room_type_id, "RoomType", "roomTypeId"),
        arrival=input.arrival,
        departure=input.departure,
        guest_id=api.decode_optional(input.guest_id, "Party", "guestId"),
        guest=services.GuestInput(guest.full_name, guest.email) if guest else None,
        adults=input.adults,
        children=input.children,
        rate=input.rate,
        channel=input.channel,
        notes=input.notes,
        status=input.status.value,
        rate_plan_id=api.decode_optional(input.rate_plan_id, "RatePlan", "ratePlanId"),
        channel_booking_id=input.channel_booking_id,
    )
