from __future__ import annotations

import datetime as dt

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id, decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import AppointmentPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input
class AppointmentBookInput:
    service_id: strawberry.ID
    slot_at: dt.datetime = strawberry.field(description="The start of a slot from appointmentSlots")
    party_name: str
    party_id: strawberry.ID | None = None


@strawberry.type
class AppointmentBookMutation:
    @strawberry.mutation(
        permission_classes=[requires("counter.issue")],
        description="Book a slot; the payload's appointment.code is what the citizen keeps.",
    )
    async def appointment_book(
        self, info: strawberry.Info, input: AppointmentBookInput
    ) -> AppointmentPayload:
        try:
            appt = await services.book(
                info.context.actor,
                decode_id(input.service_id, "CounterService", "serviceId"),
                input.slot_at,
                input.party_name,
                decode_optional(input.party_id, "Party", "partyId"),
            )
        except ServiceError as exc:
            return AppointmentPayload(errors=errors_of(exc, info, CounterError))
        return AppointmentPayload(appointment=appt)  # type: ignore[arg-type]
