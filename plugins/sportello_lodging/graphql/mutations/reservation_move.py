from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import ReservationPayload


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_move(
    info: strawberry.Info, id: strawberry.ID, room_id: strawberry.ID
) -> models.Reservation:
    """Move the stay to another room."""
    return await services.move(
        info.context.actor,
        api.decode_id(id, "Reservation", "id"),
        api.decode_id(room_id, "Room", "roomId"),
    )
