from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.mutations.reservation_check_in import (
    RegisteredGuestInput,
    registry_entries,
)
from sportello_lodging.graphql.types import ReservationPayload


@strawberry.input
class ReservationGuestsRegisterInput:
    id: strawberry.ID
    guests: list[RegisteredGuestInput] = strawberry.field(
        description=(
            "Guests to add to the registry; a document already registered for the stay is "
            "corrected instead"
        )
    )


@api.mutation(
    "lodging.reservations",
    ReservationPayload,
    description=(
        "Record or complete the guest registry of a stay (before arrival, in house or "
        "after checkout)."
    ),
)
async def reservation_guests_register(
    info: strawberry.Info, input: ReservationGuestsRegisterInput
) -> models.Reservation:
    return await services.register_guests(
        info.context.actor,
        api.decode_id(input.id, "Reservation", "id"),
        registry_entries(input.guests),
    )
