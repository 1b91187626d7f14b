from __future__ import annotations

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, TaxRatePayload
from sportello_sales.services.taxes import rates


@api.mutation(
    MANAGE,
    TaxRatePayload,
    description="A rate's name, legal reference and whether it is offered (never its rate).",
)
async def tax_rate_update(
    info: strawberry.Info,
    id: strawberry.ID,
    name: str | None = None,
    active: bool | None = None,
    legal_reference: str | None = None,
) -> models.TaxRate:
    return await rates.update(
        info.context.actor, api.decode_id(id, "TaxRate", "id"), name, active, legal_reference
    )
