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
class ReservationNoShowInput:
    id: strawberry.ID


@strawberry.type
class ReservationNoShowMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.reservations")],
        description="The guest did not come: release the room.",
    )
    async def reservation_no_show(
        self, info: strawberry.Info, input: ReservationNoShowInput
    ) -> ReservationPayload:
        try:
            res = await services.no_show(
                info.context.actor, decode_id(input.id, "Reservation", "id")
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
