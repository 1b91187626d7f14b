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
    description="Open a desk's cash drawer with its float (one open session per desk).",
)
async def cash_session_open(
    info: strawberry.Info, site_id: strawberry.ID, desk: str, opening_float: Decimal
) -> models.CashSession:
    return await counter_sales.open_session(
        info.context.actor, api.decode_id(site_id, "Site", "siteId"), desk, opening_float
    )
