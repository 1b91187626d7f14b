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
class FolioPaymentAddInput:
    reservation_id: strawberry.ID
    amount: Decimal
    method: str = "card"
    deposit: bool = False


@strawberry.type
class FolioPaymentAddMutation:
    @strawberry.mutation(permission_classes=[requires("lodging.reservations")])
    async def folio_payment_add(
        self, info: strawberry.Info, input: FolioPaymentAddInput
    ) -> FolioLinePayload:
        try:
            line = await services.add_payment(
                info.context.actor,
                decode_id(input.reservation_id, "Reservation", "reservationId"),
                input.amount,
                input.method,
                input.deposit,
            )
        except ServiceError as exc:
            return FolioLinePayload(errors=errors_of(exc, info, LodgingError))
        res = await services.related(line, "reservation")
        return FolioLinePayload(line=line, reservation=res)  # type: ignore[arg-type]
