from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_lodging.graphql.types import ReservationPayload
from sportello_lodging.services import billing


@strawberry.input
class FolioBillToSetInput:
    reservation_id: strawberry.ID
    bill_to_party_id: strawberry.ID | None = strawberry.field(
        default=None, description="The party that pays (a company); null: the guest pays everything"
    )
    charge_codes: list[str] = strawberry.field(
        default_factory=list,
        description=(
            "The charge codes the bill-to pays (ROOM_NIGHT, BREAKFAST, CITY_TAX); empty: every"
            " charge. The others (the minibar) stay the guest's"
        ),
    )


@api.mutation(
    "lodging.reservations",
    ReservationPayload,
    description=(
        "Bill a stay's folio, or the charges of some codes, to another party (a company): at"
        " checkout each part is invoiced to its party. While the folio is open."
    ),
)
async def folio_bill_to_set(info: strawberry.Info, input: FolioBillToSetInput) -> dict[str, Any]:
    res = await billing.set_bill_to(
        info.context.actor,
        api.decode_id(input.reservation_id, "Reservation", "reservationId"),
        api.decode_optional(input.bill_to_party_id, "Party", "billToPartyId"),
        input.charge_codes,
    )
    return {"reservation": res}
