from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, ProductPayload
from sportello_sales.graphql.types import ProductKind
from sportello_sales.services.catalogue import products


@api.mutation(
    MANAGE, ProductPayload, description="Change a product (not its charge code): null keeps."
)
async def product_update(
    info: strawberry.Info,
    id: strawberry.ID,
    name: str | None = None,
    tax_rate_id: strawberry.ID | None = None,
    price: Decimal | None = None,
    kind: ProductKind | None = None,
    unit: str | None = None,
    category: str | None = None,
    price_includes_tax: bool | None = None,
    active: bool | None = None,
) -> models.Product:
    return await products.update(
        info.context.actor,
        api.decode_id(id, "Product", "id"),
        name=name,
        tax_rate_id=api.decode_optional(tax_rate_id, "TaxRate", "taxRateId"),
        price=price,
        kind=kind.value if kind else None,
        unit=unit,
        category=category,
        price_includes_tax=price_includes_tax,
        active=active,
    )
