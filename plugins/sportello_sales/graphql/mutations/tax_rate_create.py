from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, TaxRatePayload
from sportello_sales.services.taxes import rates


@api.mutation(MANAGE, TaxRatePayload, description="A tax rate, or a zero rate with a nature.")
async def tax_rate_create(
    info: strawberry.Info,
    code: str,
    name: str,
    rate: Decimal,
    nature: str | None = None,
    legal_reference: str = "",
) -> models.TaxRate:
    return await rates.create(info.context.actor, code, name, rate, nature, legal_reference)
