from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import ReservationPayload


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_cancel(
    info: strawberry.Info, id: strawberry.ID, reason: str = ""
) -> models.Reservation:
    """Cancel a draft or confirmed reservation."""
    reservation_id = api.decode_id(id, "Reservation", "id")
    return await services.cancel(info.context.actor, reservation_id, reason)
