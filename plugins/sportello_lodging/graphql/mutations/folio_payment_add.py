from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_lodging import services
from sportello_lodging.graphql.types import FolioLinePayload


@strawberry.input
class FolioPaymentAddInput:
    reservation_id: strawberry.ID
    amount: Decimal
    method: str = strawberry.field(
        default="card",
        description=(
            "cash, card, bank_transfer, cheque, direct_debit, other, or a code the setting "
            "payment_methods adds (folioPaymentMethods lists them)"
        ),
    )
    deposit: bool = False
    confirm_overpayment: bool = strawberry.field(
        default=False,
        description=(
            "Take a payment beyond what the stay still owes (plus the setting "
            "overpayment_tolerance): refused with OVERPAYMENT otherwise"
        ),
    )


@api.mutation("lodging.reservations", FolioLinePayload)
async def folio_payment_add(info: strawberry.Info, input: FolioPaymentAddInput) -> dict[str, Any]:
    line = await services.add_payment(
        info.context.actor,
        api.decode_id(input.reservation_id, "Reservation", "reservationId"),
        input.amount,
        input.method,
        input.deposit,
        input.confirm_overpayment,
    )
    return {"line": line, "reservation": await services.related(line, "reservation")}
