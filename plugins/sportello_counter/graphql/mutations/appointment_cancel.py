from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import AppointmentPayload


# Written out (not generated from the arguments) for the description of code.
@strawberry.input
class AppointmentCancelInput:
    id: strawberry.ID | None = None
    code: str | None = strawberry.field(default=None, description="The citizen's booking code")


@api.mutation("counter.issue", AppointmentPayload)
async def appointment_cancel(
    info: strawberry.Info, input: AppointmentCancelInput
) -> models.Appointment:
    return await services.cancel_appointment(
        info.context.actor,
        appointment_id=api.decode_optional(input.id, "Appointment", "id"),
        code=input.code,
    )
