"""Products and services of the catalogue, found by their charge code."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common

PRODUCT_CREATE = "productCreate"
PRODUCT_UPDATE = "productUpdate"
KINDS = ("product", "service")
#: Charge codes: upper case letters, digits and _ (ROOM_NIGHT, CITY_TAX).
CHARGE_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")


def _text(value: str, field: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise api.ServiceError("REQUIRED", "core.required", field)
    return value


async def _tax_rate(tax_rate_id: int) -> m.TaxRate:
    rate: m.TaxRate = await api.get_or_error(m.TaxRate, tax_rate_id, "taxRateId")
    if not rate.active:
        raise api.ServiceError("INVALID", "sales.tax_rate_inactive", "taxRateId")
    return rate


async def create(
    actor: api.Actor,
    *,
    charge_code: str,
    name: str,
    tax_rate_id: int,
    price: Decimal,
    kind: str = "service",
    unit: str = "piece",
    category: str = "",
    price_includes_tax: bool = True,
) -> m.Product:
    code = charge_code.strip().upper()
    if not CHARGE_CODE.match(code):
        raise api.ServiceError("INVALID", "sales.invalid_charge_code", "chargeCode")
    name = _text(name, "name")
    if kind not in KINDS:
        raise api.ServiceError("INVALID", "sales.invalid_kind", "kind")
    _common.check_amount(price, "price", minimum=Decimal(0))
    try:
        async with api.atomic():
            await _tax_rate(tax_rate_id)
            product = await m.Product.create(
                charge_code=code,
                name=name,
                kind=kind,
                unit=_text(unit, "unit"),
                category=category.strip(),
                tax_rate_id=tax_rate_id,
                price=price,
                price_includes_tax=price_includes_tax,
            )
            await api.record(
                actor, PRODUCT_CREATE, product, after={"chargeCode": code, "price": price}
            )
    except IntegrityError:
        raise api.ServiceError("CODE_TAKEN", "sales.code_taken", "chargeCode") from None
    return product


async def update(actor: api.Actor, product_id: int, **changes: Any) -> m.Product:
    """Changes given fields (None: unchanged). The charge code never changes: other offices
    know the product by it."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if "name" in changes:
        changes["name"] = _text(changes["name"], "name")
    if "unit" in changes:
        changes["unit"] = _text(changes["unit"], "unit")
    if "kind" in changes and changes["kind"] not in KINDS:
        raise api.ServiceError("INVALID", "sales.invalid_kind", "kind")
    if "price" in changes:
        _common.check_amount(changes["price"], "price", minimum=Decimal(0))
    async with api.atomic():
        product: m.Product = await api.get_or_error(m.Product, product_id, "id", lock=True)
        if "tax_rate_id" in changes:
            await _tax_rate(changes["tax_rate_id"])
        before = {k: getattr(product, k) for k in changes}
        for key, value in changes.items():
            setattr(product, key, value)
        await product.save()
        await api.record(actor, PRODUCT_UPDATE, product, before=before, after=changes)
    return product


async def by_charge_code(code: str) -> m.Product | None:
    return await m.Product.filter(charge_code=code.strip().upper()).first()
