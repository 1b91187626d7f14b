from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_sales.graphql.mutations._common import COUNTER, CounterSalePayload
from sportello_sales.graphql.mutations.invoice_create import InvoiceLineInput, line_inputs
from sportello_sales.graphql.types import PaymentMethod
from sportello_sales.services import counter_sales


@strawberry.input
class CounterSaleCreateInput:
    session_id: strawberry.ID
    lines: list[InvoiceLineInput]
    method: PaymentMethod  # type: ignore[valid-type]  # a strawberry scalar made with NewType
    party_id: strawberry.ID | None = strawberry.field(
        default=None, description="A known party (default: the walk-in customer)"
    )
    prices_include_tax: bool = True
    reference: str = ""


@api.mutation(
    COUNTER,
    CounterSalePayload,
    description=(
        "A quick sale at a desk: a receipt issued in the counter series and paid in full at"
        " once, in the desk's open cash session."
    ),
)
async def counter_sale_create(
    info: strawberry.Info, input: CounterSaleCreateInput
) -> dict[str, Any]:
    return await counter_sales.sell(
        info.context.actor,
        api.decode_id(input.session_id, "CashSession", "sessionId"),
        line_inputs(input.lines),
        str(input.method),
        party_id=api.decode_optional(input.party_id, "Party", "partyId"),
        prices_include_tax=input.prices_include_tax,
        reference=input.reference,
    )
