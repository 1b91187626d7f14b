"""Tax rates: the country preset, and the rates an admin adds or changes."""

from __future__ import annotations

from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common
from sportello_sales.services.taxes.presets import PRESETS, RULES, CountryRules

TAX_RATE_CREATE = "taxRateCreate"
TAX_RATE_UPDATE = "taxRateUpdate"


def rules() -> CountryRules:
    return RULES[_common.settings().country]


async def install_preset(country: str | None = None) -> int:
    """The preset's rates that are missing (by code); existing rows are left as they are.
    Returns how many were added."""
    country = country or _common.settings().country
    have = {row.code for row in await m.TaxRate.all()}
    added = 0
    for preset in PRESETS[country]:
        if preset.code in have:
            continue
        try:
            async with api.atomic():
                await m.TaxRate.create(
                    code=preset.code,
                    name=preset.name,
                    rate=preset.rate,
                    nature=preset.nature,
                    country=country,
                    legal_reference=preset.legal_reference,
                )
            added += 1
        except IntegrityError:  # another process installed it meanwhile
            pass
    return added


def _check(code: str | None, name: str | None, rate: Decimal | None) -> None:
    if code is not None and not code.strip():
        raise api.ServiceError("REQUIRED", "core.required", "code")
    if name is not None and not name.strip():
        raise api.ServiceError("REQUIRED", "core.required", "name")
    if rate is not None and (not rate.is_finite() or rate < 0 or rate >= 100):
        raise api.ServiceError("INVALID", "sales.invalid_rate", "rate")


async def create(
    actor: api.Actor,
    code: str,
    name: str,
    rate: Decimal,
    nature: str | None = None,
    legal_reference: str = "",
) -> m.TaxRate:
    _check(code, name, rate)
    if nature and rate != 0:
        raise api.ServiceError("INVALID", "sales.nature_needs_zero_rate", "nature")
    try:
        async with api.atomic():
            row = await m.TaxRate.create(
                code=code.strip(),
                name=name.strip(),
                rate=rate,
                nature=nature or None,
                country=_common.settings().country,
                legal_reference=legal_reference.strip(),
            )
            await api.record(actor, TAX_RATE_CREATE, row, after={"code": row.code, "rate": rate})
    except IntegrityError:
        raise api.ServiceError("CODE_TAKEN", "sales.code_taken", "code") from None
    return row


async def update(
    actor: api.Actor,
    tax_rate_id: int,
    name: str | None = None,
    active: bool | None = None,
    legal_reference: str | None = None,
) -> m.TaxRate:
    """A rate's name, reference and whether it is offered. Its rate and nature never change:
    issued documents keep what they applied, and a new rate is a new code."""
    _check(None, name, None)
    async with api.atomic():
        row: m.TaxRate = await api.get_or_error(m.TaxRate, tax_rate_id, "id", lock=True)
        before = {"name": row.name, "active": row.active}
        if name is not None:
            row.name = name.strip()
        if active is not None:
            row.active = active
        if legal_reference is not None:
            row.legal_reference = legal_reference.strip()
        await row.save()
        await api.record(
            actor, TAX_RATE_UPDATE, row, before=before, after={"name": row.name, "active": active}
        )
    return row


async def by_code(code: str, field: str) -> m.TaxRate:
    row = await m.TaxRate.filter(code=code).first()
    if row is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", field)
    return row
