from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_counter import services
from sportello_counter.graphql.mutations._common import PublicAppointmentPayload
from sportello_counter.graphql.public import PublicAppointment, public_view


@strawberry.input(description="A citizen's own booking: no account, an email for the code.")
class PublicAppointmentBookInput:
    service_id: strawberry.ID = strawberry.field(description="From publicCounterServices")
    slot_at: dt.datetime = strawberry.field(
        description="The start of a publicAppointmentSlots slot"
    )
    name: str
    email: str = strawberry.field(description="The confirmation and the booking code go there")
    phone: str | None = strawberry.field(default=None, description="Optional, for reminders")


@api.mutation(
    [api.Public],
    PublicAppointmentPayload,
    description=(
        "A citizen books a slot without an account: OUTSIDE_WINDOW beyond the booking window,"
        " BOOKING_LIMIT past the limits per email or phone number."
    ),
)
async def public_appointment_book(
    info: strawberry.Info, input: PublicAppointmentBookInput
) -> PublicAppointment:
    appt = await services.public_book(
        info.context.actor,
        api.decode_id(input.service_id, "CounterService", "serviceId"),
        input.slot_at,
        input.name,
        input.email,
        input.phone,
    )
    return await public_view(info, appt)
