from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import ReservationPayload


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_confirm(info: strawberry.Info, id: strawberry.ID) -> models.Reservation:
    """Draft to confirmed: the room is now held."""
    return await services.confirm(info.context.actor, api.decode_id(id, "Reservation", "id"))
