from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_lodging import services
from sportello_lodging.graphql.types import FolioLinePayload


@strawberry.input
class FolioChargeAddInput:
    reservation_id: strawberry.ID
    description: str = strawberry.field(description="Minibar, breakfast, parking, ...")
    unit_amount: Decimal
    quantity: int = 1
    charge_code: str = strawberry.field(
        default="EXTRA",
        description=(
            "What the charge is for, as accounting groups it: MINIBAR, BREAKFAST, PARKING, ... "
            "(upper case letters, digits and _; ROOM_NIGHT, CITY_TAX and the fees are posted "
            "by lodging itself)"
        ),
    )


@api.mutation("lodging.reservations", FolioLinePayload)
async def folio_charge_add(info: strawberry.Info, input: FolioChargeAddInput) -> dict[str, Any]:
    line = await services.add_charge(
        info.context.actor,
        api.decode_id(input.reservation_id, "Reservation", "reservationId"),
        input.description,
        input.unit_amount,
        input.quantity,
        input.charge_code,
    )
    return {"line": line, "reservation": await services.related(line, "reservation")}
