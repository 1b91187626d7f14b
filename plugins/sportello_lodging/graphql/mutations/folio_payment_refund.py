from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_lodging import services
from sportello_lodging.graphql.types import FolioLinePayload


@strawberry.input
class FolioPaymentRefundInput:
    id: strawberry.ID = strawberry.field(description="The payment or deposit line to refund")
    amount: Decimal | None = strawberry.field(
        default=None, description="Default: what is left of the payment after earlier refunds"
    )
    reason: str


@api.mutation(
    "lodging.folio.correct",
    FolioLinePayload,
    description=(
        "Give money back on a payment or deposit, by its method: a negative line of its kind "
        "(nothing is deleted)."
    ),
)
async def folio_payment_refund(
    info: strawberry.Info, input: FolioPaymentRefundInput
) -> dict[str, Any]:
    line = await services.refund_payment(
        info.context.actor,
        api.decode_id(input.id, "FolioLine", "id"),
        input.amount,
        input.reason,
    )
    return {"line": line, "reservation": await services.related(line, "reservation")}
