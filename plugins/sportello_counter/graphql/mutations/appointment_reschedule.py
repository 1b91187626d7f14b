from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import AppointmentPayload


# Written out (not generated from the arguments) for the description of code.
@strawberry.input
class AppointmentRescheduleInput:
    id: strawberry.ID | None = None
    code: str | None = strawberry.field(default=None, description="The citizen's booking code")
    slot_at: dt.datetime


@api.mutation("counter.issue", AppointmentPayload)
async def appointment_reschedule(
    info: strawberry.Info, input: AppointmentRescheduleInput
) -> models.Appointment:
    return await services.reschedule(
        info.context.actor,
        input.slot_at,
        appointment_id=api.decode_optional(input.id, "Appointment", "id"),
        code=input.code,
    )
