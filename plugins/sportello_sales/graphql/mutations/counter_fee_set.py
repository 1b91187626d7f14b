from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_sales.graphql.mutations._common import MANAGE, CounterFeePayload
from sportello_sales.services.integrations import counter


@strawberry.input
class CounterFeeSetInput:
    service_id: strawberry.ID = strawberry.field(description="The counter office's service")
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="The fee: a catalogue product at its price. Null: no fee"
    )
    desk: str = strawberry.field(
        default="",
        description=(
            "The cash desk whose open session at the ticket's site takes the fee in cash at"
            " once; empty: the receipt stays due (paymentRegister)"
        ),
    )


@api.mutation(
    MANAGE,
    CounterFeePayload,
    description=(
        "Charge a fee for a counter office's service: a receipt (counter series) is issued when"
        " a ticket of it is served. NOT_FOUND (serviceId) for a service there is none of that"
        " you may see."
    ),
)
async def counter_fee_set(info: strawberry.Info, input: CounterFeeSetInput) -> dict[str, Any]:
    service_id = api.decode_id(input.service_id, "CounterService", "serviceId")
    if input.product_id is not None:
        # Asked of the counter office (sales holds the id as a plain key): NOT_FOUND for an
        # unknown service, one the caller may not see, or with the counter office off. A fee
        # is removed without it (its service may be gone).
        await api.find_node(info, input.service_id, "CounterService", "serviceId")
    product = await counter.set_fee(
        info.context.actor,
        service_id,
        api.decode_optional(input.product_id, "Product", "productId"),
        input.desk,
    )
    return {"product": product}
