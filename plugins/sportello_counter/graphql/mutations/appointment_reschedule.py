from __future__ import annotations

import datetime as dt

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import AppointmentPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input
class AppointmentRescheduleInput:
    id: strawberry.ID | None = None
    code: str | None = strawberry.field(default=None, description="The citizen's booking code")
    slot_at: dt.datetime


@strawberry.type
class AppointmentRescheduleMutation:
    @strawberry.mutation(permission_classes=[requires("counter.issue")])
    async def appointment_reschedule(
        self, info: strawberry.Info, input: AppointmentRescheduleInput
    ) -> AppointmentPayload:
        try:
            appt = await services.reschedule(
                info.context.actor,
                input.slot_at,
                appointment_id=decode_optional(input.id, "Appointment", "id"),
                code=input.code,
            )
        except ServiceError as exc:
            return AppointmentPayload(errors=errors_of(exc, info, CounterError))
        return AppointmentPayload(appointment=appt)  # type: ignore[arg-type]
