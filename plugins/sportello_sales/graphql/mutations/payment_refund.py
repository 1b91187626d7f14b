from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import REFUND, PaymentRefundPayload
from sportello_sales.graphql.types import PaymentMethod
from sportello_sales.services import refunds


@strawberry.input
class PaymentRefundInput:
    payment_id: strawberry.ID
    amount: Decimal = strawberry.field(description="At most what is left of the payment")
    reason: str = strawberry.field(description="Why the money goes back (kept in the audit)")
    method: PaymentMethod | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="How the money goes back. Default: the payment's method"
    )
    refunded_on: dt.date | None = strawberry.field(default=None, description="Default: today")
    cash_session_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "A cash refund: the open cash session whose drawer pays it out. Default: the open"
            " session of the desk that took the payment (none for a payment taken outside one)"
        ),
    )


@api.mutation(
    REFUND,
    PaymentRefundPayload,
    description=(
        "Give back (part of) a payment: never more than what is left of it. The invoice's paid"
        " total goes down by it (a mistyped payment reversed, what a credit note left owed)."
        " Cash comes out of an open cash session's drawer (INVALID_STATUS when it is closed)."
    ),
)
async def payment_refund(info: strawberry.Info, input: PaymentRefundInput) -> dict[str, Any]:
    refund = await refunds.refund(
        info.context.actor,
        api.decode_id(input.payment_id, "Payment", "paymentId"),
        input.amount,
        input.reason,
        method=None if input.method is None else str(input.method),
        refunded_on=input.refunded_on,
        cash_session_id=api.decode_optional(input.cash_session_id, "CashSession", "cashSessionId"),
    )
    payment = await models.Payment.get(id=refund.payment_id)
    invoice = await models.Invoice.get(id=refund.invoice_id)
    return {"refund": refund, "payment": payment, "invoice": invoice}
