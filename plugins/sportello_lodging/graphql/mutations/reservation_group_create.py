from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_lodging import group_models, services
from sportello_lodging.graphql.groups import GroupBilling, ReservationGroupPayload
from sportello_lodging.graphql.mutations.reservation_create import GuestInput
from sportello_lodging.services import groups


@strawberry.input(description="One room of a group booking.")
class ReservationGroupRoomInput:
    room_id: strawberry.ID | None = strawberry.field(
        default=None, description="The room; or give roomTypeId instead"
    )
    room_type_id: strawberry.ID | None = strawberry.field(
        default=None, description="Book a room type: the first room of the type free is assigned"
    )
    arrival: dt.date
    departure: dt.date
    adults: int = 1
    children: int = 0
    guest: GuestInput | None = strawberry.field(
        default=None, description="The room's guest; neither this nor guestId: the holder"
    )
    guest_id: strawberry.ID | None = strawberry.field(
        default=None, description="An existing party, instead of guest"
    )
    rate_plan_id: strawberry.ID | None = strawberry.field(
        default=None, description="Price each night from this plan (else the base rate)"
    )


def rows(rooms: list[ReservationGroupRoomInput]) -> list[groups.GroupRoom]:
    found = []
    for i, row in enumerate(rooms):
        at = f"rooms.{i}."
        found.append(
            groups.GroupRoom(
                arrival=row.arrival,
                departure=row.departure,
                room_id=api.decode_optional(row.room_id, "Room", f"{at}roomId"),
                room_type_id=api.decode_optional(row.room_type_id, "RoomType", f"{at}roomTypeId"),
                adults=row.adults,
                children=row.children,
                guest_id=api.decode_optional(row.guest_id, "Party", f"{at}guestId"),
                guest=services.GuestInput(row.guest.full_name, row.guest.email)
                if row.guest
                else None,
                rate_plan_id=api.decode_optional(row.rate_plan_id, "RatePlan", f"{at}ratePlanId"),
            )
        )
    return found


@strawberry.input
class ReservationGroupCreateInput:
    site_id: strawberry.ID
    name: str = strawberry.field(description="What the desk calls the group (Smith wedding)")
    holder_id: strawberry.ID | None = strawberry.field(
        default=None, description="The party holding the group (a tour operator, a company)"
    )
    holder: GuestInput | None = strawberry.field(
        default=None, description="The holder by name and email, instead of holderId"
    )
    billing: GroupBilling = GroupBilling.MASTER
    booking_reference: str | None = strawberry.field(
        default=None, description="The holder's own reference (a voucher number)"
    )
    notes: str = ""
    channel: str = "direct"
    rooms: list[ReservationGroupRoomInput] = strawberry.field(
        description=f"The rooms, at most {groups.MAX_ROOMS}: all are booked or none"
    )


@api.mutation(
    "lodging.reservations",
    ReservationGroupPayload,
    description=(
        "Book several rooms under one holder, all or nothing: a room that cannot be booked "
        "refuses the group, its error naming the row (rooms.2.roomId). Each room is a "
        "reservation, priced and announced as reservationCreate does."
    ),
)
async def reservation_group_create(
    info: strawberry.Info, input: ReservationGroupCreateInput
) -> group_models.ReservationGroup:
    holder = input.holder
    return await groups.create_group(
        info.context.actor,
        site_id=api.decode_id(input.site_id, "Site", "siteId"),
        name=input.name,
        rooms=rows(input.rooms),
        holder_id=api.decode_optional(input.holder_id, "Party", "holderId"),
        holder=services.GuestInput(holder.full_name, holder.email) if holder else None,
        billing=input.billing.value,
        booking_reference=input.booking_reference,
        notes=input.notes,
        channel=input.channel,
    )
