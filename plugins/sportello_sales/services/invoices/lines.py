"""A document's lines: from what a client sends to priced, taxed rows, and their totals.

A line names a product (by id or charge code) or gives its own description and tax code; its
price is the one given, or the catalogue's (price lists, then the product's price, see
``catalogue.pricelists``), converted to the document's basis (tax included or not) through the
product's rate. A reverse charge or exempt party gets its exemption code on every taxed line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NoReturn

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common
from sportello_sales.services.catalogue.pricelists import prices_for
from sportello_sales.services.taxes import rates
from sportello_sales.services.taxes.compute import (
    HUNDRED,
    LineIn,
    Totals,
    compute,
    currency_decimals,
)

MAX_LINES = 500
PRICE_PLACES = Decimal("0.000001")


@dataclass
class LineInput:
    description: str | None = None
    product_id: int | None = None
    charge_code: str | None = None
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = None
    discount_percent: Decimal = Decimal(0)
    tax_code: str | None = None
    #: Credit notes: the corrected invoice's line.
    corrects_line_id: int | None = None


@dataclass
class Prepared:
    description: str
    product_id: int | None
    charge_code: str
    category: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    tax: m.TaxRate
    corrects_line_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def line_in(self) -> LineIn:
        return LineIn(
            quantity=self.quantity,
            unit_price=self.unit_price,
            tax_code=self.tax.code,
            rate=self.tax.rate,
            discount_percent=self.discount_percent,
        )


def _problem(i: int, name: str, code: str = "INVALID", key: str = "sales.invalid_line") -> NoReturn:
    raise api.ServiceError(code, key, f"lines.{i}.{name}")


#: What the columns hold: a document's amounts stay below this (16 digits, 4 decimals).
MAX_AMOUNT = Decimal(10) ** 11


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _check_numbers(i: int, line: LineInput) -> None:
    q = line.quantity
    if not q.is_finite() or q <= 0 or q >= MAX_AMOUNT or _places(q.normalize()) > 4:
        _problem(i, "quantity", key="sales.invalid_quantity")
    price = line.unit_price
    if price is not None and (
        not price.is_finite() or price < 0 or price >= MAX_AMOUNT or _places(price.normalize()) > 6
    ):
        _problem(i, "unitPrice", key="sales.invalid_amount")
    d = line.discount_percent
    if not d.is_finite() or d < 0 or d > HUNDRED or _places(d.normalize()) > 2:
        _problem(i, "discountPercent", key="sales.invalid_discount")


async def _exemption(party_id: int) -> m.TaxRate | None:
    """The rate replacing taxed rates for the party (reverse charge, exempt), if any."""
    profile = await m.BillingProfile.filter(party_id=party_id).first()
    if profile is None or profile.tax_treatment == m.STANDARD:
        return None
    code = profile.exemption_code or (
        rates.rules().reverse_charge
        if profile.tax_treatment == m.REVERSE_CHARGE
        else rates.rules().exempt
    )
    return await m.TaxRate.filter(code=code).first()


async def prepare(
    lines: Sequence[LineInput],
    *,
    party_id: int,
    currency: str,
    prices_include_tax: bool,
    day: dt.date,
    channel: str = "",
) -> list[Prepared]:
    """The lines priced and taxed, or a typed error naming ``lines.<i>.<field>``."""
    if not lines:
        raise api.ServiceError("REQUIRED", "sales.lines_required", "lines")
    if len(lines) > MAX_LINES:
        raise api.ServiceError("INVALID", "sales.too_many_lines", "lines", max=MAX_LINES)
    for i, line in enumerate(lines):
        _check_numbers(i, line)
    ids = {line.product_id for line in lines if line.product_id is not None}
    codes = {line.charge_code.strip().upper() for line in lines if line.charge_code}
    products = {
        p.id: p
        for p in await m.Product.filter(id__in=ids).prefetch_related("tax_rate")
        if p.id in ids
    }
    by_code = {
        p.charge_code: p
        for p in await m.Product.filter(charge_code__in=codes).prefetch_related("tax_rate")
    }
    products.update({p.id: p for p in by_code.values()})
    tax_codes = {line.tax_code for line in lines if line.tax_code}
    taxes = {t.code: t for t in await m.TaxRate.filter(code__in=tax_codes)}
    profile = await m.BillingProfile.filter(party_id=party_id).first()
    group = profile.party_group if profile else ""
    prices = await prices_for(
        list(products), currency=currency, day=day, channel=channel, party_group=group
    )
    exemption = await _exemption(party_id)
    out: list[Prepared] = []
    for i, line in enumerate(lines):
        product: m.Product | None = None
        if line.product_id is not None:
            product = products.get(line.product_id)
            if product is None:
                _problem(i, "productId", "NOT_FOUND", "core.not_found")
        elif line.charge_code:
            product = by_code.get(line.charge_code.strip().upper())
            if product is None:
                _problem(i, "chargeCode", "NOT_FOUND", "sales.unknown_charge_code")
        if line.tax_code:
            tax = taxes.get(line.tax_code)
            if tax is None or not tax.active:
                _problem(i, "taxCode", "NOT_FOUND", "sales.unknown_tax_code")
        elif product is not None:
            tax = product.tax_rate
        else:
            _problem(i, "taxCode", "REQUIRED", "core.required")
        description = " ".join((line.description or (product.name if product else "")).split())
        if not description:
            _problem(i, "description", "REQUIRED", "core.required")
        if len(description) > 500:
            _problem(i, "description", "TOO_LONG", "sales.too_long")
        own_rate = tax.rate
        if exemption is not None and tax.rate > 0:
            tax = exemption
        if line.unit_price is not None:
            unit_price = line.unit_price
        else:
            price = prices.get(product.id) if product is not None else None
            if price is None:
                _problem(i, "unitPrice", "PRICE_MISSING", "sales.price_missing")
            net = price.amount
            if price.includes_tax:
                net = net * HUNDRED / (HUNDRED + own_rate)
            unit_price = net * (HUNDRED + tax.rate) / HUNDRED if prices_include_tax else net
            unit_price = unit_price.quantize(PRICE_PLACES)
        out.append(
            Prepared(
                description=description,
                product_id=product.id if product else None,
                charge_code=product.charge_code if product else "",
                category=product.category if product else "",
                unit=product.unit if product else "",
                quantity=line.quantity,
                unit_price=unit_price,
                discount_percent=line.discount_percent,
                tax=tax,
                corrects_line_id=line.corrects_line_id,
            )
        )
    return out


def totals(prepared: Sequence[Prepared], currency: str, prices_include_tax: bool) -> Totals:
    """The document's totals; AMOUNT_TOO_LARGE beyond what the columns hold."""
    result = compute(
        [p.line_in() for p in prepared],
        decimals=currency_decimals(currency),
        rounding=_common.rounding_of(currency),
        prices_include_tax=prices_include_tax,
    )
    if abs(result.total) >= MAX_AMOUNT or result.net_total >= MAX_AMOUNT:
        raise api.ServiceError("INVALID", "sales.amount_too_large", "lines")
    return result


async def store(invoice: m.Invoice, prepared: Sequence[Prepared], result: Totals) -> None:
    """The document's lines and tax summary rows (inside the caller's transaction)."""
    await m.InvoiceLine.bulk_create(
        [
            m.InvoiceLine(
                invoice_id=invoice.id,
                position=i + 1,
                product_id=p.product_id,
                charge_code=p.charge_code,
                category=p.category,
                description=p.description,
                unit=p.unit,
                quantity=p.quantity,
                unit_price=p.unit_price,
                discount_percent=p.discount_percent,
                tax_code=p.tax.code,
                tax_rate=p.tax.rate,
                tax_nature=p.tax.nature,
                net=out.net,
                tax=out.tax,
                corrects_line_id=p.corrects_line_id,
            )
            for i, (p, out) in enumerate(zip(prepared, result.lines, strict=True))
        ]
    )
    by_code = {p.tax.code: p.tax for p in prepared}
    await m.InvoiceTax.bulk_create(
        [
            m.InvoiceTax(
                invoice_id=invoice.id,
                tax_code=g.tax_code,
                rate=g.rate,
                nature=by_code[g.tax_code].nature,
                legal_reference=by_code[g.tax_code].legal_reference,
                taxable=g.taxable,
                tax=g.tax,
            )
            for g in result.taxes
        ]
    )
