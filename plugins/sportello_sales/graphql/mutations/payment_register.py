from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import PAY, PaymentPayload
from sportello_sales.graphql.types import PaymentMethod
from sportello_sales.services import payments


@strawberry.input
class PaymentRegisterInput:
    invoice_id: strawberry.ID
    amount: Decimal
    method: PaymentMethod  # type: ignore[valid-type]  # a strawberry scalar made with NewType
    paid_on: dt.date | None = strawberry.field(default=None, description="Default: today")
    reference: str = ""


@api.mutation(
    PAY,
    PaymentPayload,
    description="A payment, full or partial, of an issued invoice (never more than its balance).",
)
async def payment_register(info: strawberry.Info, input: PaymentRegisterInput) -> dict[str, Any]:
    payment = await payments.register(
        info.context.actor,
        api.decode_id(input.invoice_id, "Invoice", "invoiceId"),
        input.amount,
        str(input.method),
        paid_on=input.paid_on,
        reference=input.reference,
    )
    invoice = await models.Invoice.get(id=payment.invoice_id)
    return {"payment": payment, "invoice": invoice}
