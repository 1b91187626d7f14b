from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import AppointmentPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input
class AppointmentCheckInInput:
    id: strawberry.ID | None = None
    code: str | None = strawberry.field(default=None, description="The citizen's booking code")


@strawberry.type
class AppointmentCheckInMutation:
    @strawberry.mutation(permission_classes=[requires("counter.issue")])
    async def appointment_check_in(
        self, info: strawberry.Info, input: AppointmentCheckInInput
    ) -> AppointmentPayload:
        try:
            appt, ticket = await services.check_in(
                info.context.actor,
                appointment_id=decode_optional(input.id, "Appointment", "id"),
                code=input.code,
            )
        except ServiceError as exc:
            return AppointmentPayload(errors=errors_of(exc, info, CounterError))
        return AppointmentPayload(appointment=appt, ticket=ticket)  # type: ignore[arg-type]
