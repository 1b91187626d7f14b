from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import ReservationPayload
from sportello_lodging.graphql.mutations.reservation_check_in import (
    RegisteredGuestInput,
    registry_entries,
)
from sportello_lodging.graphql.types import LodgingError


@strawberry.input
class ReservationGuestsRegisterInput:
    id: strawberry.ID
    guests: list[RegisteredGuestInput] = strawberry.field(
        description=(
            "Guests to add to the registry; a document already registered for the stay is "
            "corrected instead"
        )
    )


@strawberry.type
class ReservationGuestsRegisterMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.reservations")],
        description=(
            "Record or complete the guest registry of a stay (before arrival, in house or "
            "after checkout)."
        ),
    )
    async def reservation_guests_register(
        self, info: strawberry.Info, input: ReservationGuestsRegisterInput
    ) -> ReservationPayload:
        try:
            res = await services.register_guests(
                info.context.actor,
                decode_id(input.id, "Reservation", "id"),
                registry_entries(input.guests),
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
