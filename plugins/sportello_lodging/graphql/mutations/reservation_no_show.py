from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import ReservationPayload


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_no_show(info: strawberry.Info, id: strawberry.ID) -> models.Reservation:
    """The guest did not come: release the room."""
    return await services.no_show(info.context.actor, api.decode_id(id, "Reservation", "id"))
