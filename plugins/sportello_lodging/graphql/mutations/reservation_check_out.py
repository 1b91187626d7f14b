from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import ReservationPayload
from sportello_lodging.graphql.types import LodgingError


@strawberry.input
class ReservationCheckOutInput:
    id: strawberry.ID
    allow_unpaid: bool = strawberry.field(
        default=False, description="Close an unpaid folio (needs lodging.folio.override)"
    )


@strawberry.type
class ReservationCheckOutMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.reservations")],
        description=(
            "Close the folio and the stay; the room becomes vacant and dirty. "
            "Early checkout releases the remaining nights."
        ),
    )
    async def reservation_check_out(
        self, info: strawberry.Info, input: ReservationCheckOutInput
    ) -> ReservationPayload:
        try:
            res = await services.check_out(
                info.context.actor, decode_id(input.id, "Reservation", "id"), input.allow_unpaid
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
