from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_counter import services
from sportello_counter.graphql.mutations._common import AppointmentPayload


# Written out (not generated from the arguments) for the description of code.
@strawberry.input
class AppointmentCheckInInput:
    id: strawberry.ID | None = None
    code: str | None = strawberry.field(default=None, description="The citizen's booking code")


@api.mutation("counter.issue", AppointmentPayload)
async def appointment_check_in(
    info: strawberry.Info, input: AppointmentCheckInInput
) -> dict[str, Any]:
    appointment, ticket = await services.check_in(
        info.context.actor,
        appointment_id=api.decode_optional(input.id, "Appointment", "id"),
        code=input.code,
    )
    return {"appointment": appointment, "ticket": ticket}
