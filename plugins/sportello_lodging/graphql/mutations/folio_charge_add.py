from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import FolioLinePayload
from sportello_lodging.graphql.types import LodgingError


@strawberry.input
class FolioChargeAddInput:
    reservation_id: strawberry.ID
    description: str = strawberry.field(description="Minibar, breakfast, parking, ...")
    unit_amount: Decimal
    quantity: int = 1


@strawberry.type
class FolioChargeAddMutation:
    @strawberry.mutation(permission_classes=[requires("lodging.reservations")])
    async def folio_charge_add(
        self, info: strawberry.Info, input: FolioChargeAddInput
    ) -> FolioLinePayload:
        try:
            line = await services.add_charge(
                info.context.actor,
                decode_id(input.reservation_id, "Reservation", "reservationId"),
                input.description,
                input.unit_amount,
                input.quantity,
            )
        except ServiceError as exc:
            return FolioLinePayload(errors=errors_of(exc, info, LodgingError))
        res = await services.related(line, "reservation")
        return FolioLinePayload(line=line, reservation=res)  # type: ignore[arg-type]
