from __future__ import annotations

import datetime as dt

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import ReservationPayload
from sportello_lodging.graphql.types import LodgingError


@strawberry.input
class ReservationDatesChangeInput:
    id: strawberry.ID
    arrival: dt.date | None = None
    departure: dt.date | None = None


@strawberry.type
class ReservationDatesChangeMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.reservations")],
        description="New dates; for a guest in house only the departure (early checkout, late departure).",
    )
    async def reservation_dates_change(
        self, info: strawberry.Info, input: ReservationDatesChangeInput
    ) -> ReservationPayload:
        try:
            res = await services.change_dates(
                info.context.actor,
                decode_id(input.id, "Reservation", "id"),
                input.arrival,
                input.departure,
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
