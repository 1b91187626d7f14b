from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import ReservationPayload


@strawberry.input
class ReservationCheckOutInput:
    id: strawberry.ID
    allow_unpaid: bool = strawberry.field(
        default=False, description="Close an unpaid folio (needs lodging.folio.override)"
    )


@api.mutation(
    "lodging.reservations",
    ReservationPayload,
    description=(
        "Close the folio and the stay; the room becomes vacant and dirty. "
        "Early checkout releases the remaining nights."
    ),
)
async def reservation_check_out(
    info: strawberry.Info, input: ReservationCheckOutInput
) -> models.Reservation:
    reservation_id = api.decode_id(input.id, "Reservation", "id")
    return await services.check_out(info.context.actor, reservation_id, input.allow_unpaid)
