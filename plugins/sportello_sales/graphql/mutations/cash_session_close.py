from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import COUNTER, CashSessionPayload
from sportello_sales.services import counter_sales


@api.mutation(
    COUNTER,
    CashSessionPayload,
    description=(
        "Close a drawer with the cash counted: the expected cash and the difference are kept"
        " (sales.cash_session.closed)."
    ),
)
async def cash_session_close(
    info: strawberry.Info, id: strawberry.ID, counted_cash: Decimal, notes: str = ""
) -> models.CashSession:
    return await counter_sales.close_session(
        info.context.actor, api.decode_id(id, "CashSession", "id"), counted_cash, notes
    )
