from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_counter import services
from sportello_counter.graphql.mutations._common import PublicAppointmentPayload
from sportello_counter.graphql.public import PublicAppointment, public_view


@strawberry.input(description="The booking code, its email or phone number, and the new slot.")
class PublicAppointmentRescheduleInput:
    code: str
    contact: str
    slot_at: dt.datetime


@api.mutation(
    [api.Public],
    PublicAppointmentPayload,
    description="A citizen moves their booking to another slot, before the booked one starts.",
)
async def public_appointment_reschedule(
    info: strawberry.Info, input: PublicAppointmentRescheduleInput
) -> PublicAppointment:
    appt = await services.public_reschedule(
        info.context.actor, input.code, input.contact, input.slot_at
    )
    return await public_view(info, appt)
