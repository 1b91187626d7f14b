from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import OpenItemPayload
from sportello_accounting.services import allocation
from sportello_accounting.services._common import to_cents


@api.mutation(
    "accounting.post",
    OpenItemPayload,
    description=(
        "Allocate a party's money on account (what is left of a payment's or credit note's"
        " receivable line) to one of its open documents: OTHER_PARTY, OTHER_ORGANISATION or"
        " CURRENCY_MISMATCH when the two do not belong together, MORE_THAN_ON_ACCOUNT or"
        " MORE_THAN_OPEN when the amount is more than what is left on either side."
    ),
)
async def open_item_allocate(
    info: strawberry.Info,
    open_item_id: strawberry.ID,
    line_id: strawberry.ID,
    amount: Decimal,
) -> models.OpenItem:
    return await allocation.allocate(
        info.context.actor,
        api.decode_id(open_item_id, "OpenItem", "openItemId"),
        api.decode_id(line_id, "EntryLine", "lineId"),
        to_cents(amount),
    )
