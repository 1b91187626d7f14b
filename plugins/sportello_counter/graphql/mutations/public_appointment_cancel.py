from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import services
from sportello_counter.graphql.mutations._common import PublicAppointmentPayload
from sportello_counter.graphql.public import PublicAppointment, public_view


@strawberry.input(description="The booking code and the email or phone number it was booked with.")
class PublicAppointmentCancelInput:
    code: str
    contact: str


@api.mutation(
    [api.Public],
    PublicAppointmentPayload,
    description="A citizen cancels their booking before its slot starts.",
)
async def public_appointment_cancel(
    info: strawberry.Info, input: PublicAppointmentCancelInput
) -> PublicAppointment:
    appt = await services.public_cancel(info.context.actor, input.code, input.contact)
    return await public_view(info, appt)
