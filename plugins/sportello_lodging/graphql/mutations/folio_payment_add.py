from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_lodging import services
from sportello_lodging.graphql.types import FolioLinePayload


@api.mutation("lodging.reservations", FolioLinePayload)
async def folio_payment_add(
    info: strawberry.Info,
    reservation_id: strawberry.ID,
    amount: Decimal,
    method: str = "card",
    deposit: bool = False,
) -> dict[str, Any]:
    line = await services.add_payment(
        info.context.actor,
        api.decode_id(reservation_id, "Reservation", "reservationId"),
        amount,
        method,
        deposit,
    )
    return {"line": line, "reservation": await services.related(line, "reservation")}
