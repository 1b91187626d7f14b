from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import ReservationPayload


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_dates_change(
    info: strawberry.Info,
    id: strawberry.ID,
    arrival: dt.date | None = None,
    departure: dt.date | None = None,
) -> models.Reservation:
    """New dates; for a guest in house only the departure (early checkout, late departure)."""
    reservation_id = api.decode_id(id, "Reservation", "id")
    return await services.change_dates(info.context.actor, reservation_id, arrival, departure)
