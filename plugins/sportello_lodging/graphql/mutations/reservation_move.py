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
class ReservationMoveInput:
    id: strawberry.ID
    room_id: strawberry.ID


@strawberry.type
class ReservationMoveMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.reservations")],
        description="Move the stay to another room.",
    )
    async def reservation_move(
        self, info: strawberry.Info, input: ReservationMoveInput
    ) -> ReservationPayload:
        try:
            res = await services.move(
                info.context.actor,
                decode_id(input.id, "Reservation", "id"),
                decode_id(input.room_id, "Room", "roomId"),
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
