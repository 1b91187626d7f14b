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
class ReservationCancelInput:
    id: strawberry.ID
    reason: str = ""


@strawberry.type
class ReservationCancelMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.reservations")],
        description="Cancel a draft or confirmed reservation.",
    )
    async def reservation_cancel(
        self, info: strawberry.Info, input: ReservationCancelInput
    ) -> ReservationPayload:
        try:
            res = await services.cancel(
                info.context.actor, decode_id(input.id, "Reservation", "id"), input.reason
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
