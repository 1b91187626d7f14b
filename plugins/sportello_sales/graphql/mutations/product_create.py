from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, ProductPayload
from sportello_sales.graphql.types import ProductKind
from sportello_sales.services.catalogue import products


@api.mutation(MANAGE, ProductPayload, description="A product or service with its charge code.")
async def product_create(
    info: strawberry.Info,
    charge_code: str,
    name: str,
    tax_rate_id: strawberry.ID,
    price: Decimal,
    kind: ProductKind = ProductKind.SERVICE,
    unit: str = "piece",
    category: str = "",
    price_includes_tax: bool = True,
) -> models.Product:
    return await products.create(
        info.context.actor,
        charge_code=charge_code,
        name=name,
        tax_rate_id=api.decode_id(tax_rate_id, "TaxRate", "taxRateId"),
        price=price,
        kind=kind.value,
        unit=unit,
        category=category,
        price_includes_tax=price_includes_tax,
    )
