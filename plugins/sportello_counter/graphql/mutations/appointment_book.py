from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import AppointmentPayload


# Written out (not generated from the arguments) for the description of slotAt.
@strawberry.input
class AppointmentBookInput:
    service_id: strawberry.ID
    slot_at: dt.datetime = strawberry.field(description="The start of a slot from appointmentSlots")
    party_name: str
    party_id: strawberry.ID | None = None
    email: str | None = strawberry.field(
        default=None,
        description=(
            "The citizen's email, when not booking for a known party (partyId): the "
            "confirmation and the reminder go there"
        ),
    )


@api.mutation(
    "counter.issue",
    AppointmentPayload,
    description="Book a slot; the payload's appointment.code is what the citizen keeps.",
)
async def appointment_book(
    info: strawberry.Info, input: AppointmentBookInput
) -> models.Appointment:
    return await services.book(
        info.context.actor,
        api.decode_id(input.service_id, "CounterService", "serviceId"),
        input.slot_at,
        input.party_name,
        api.decode_optional(input.party_id, "Party", "partyId"),
        input.email,
    )
