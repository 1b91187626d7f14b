"""The tax and totals of one document: pure, Decimal only, no database.

Rules (one per document, chosen by its currency's rounding rule):

- Each line's amount is ``quantity x unit price x (1 - discount %)``. Without tax in the price
  it is rounded to the currency's decimals and is the line's net; with tax in the price it is
  rounded and is the line's gross.
- ``line`` rounding: each line's tax is rounded on its own (``net x rate``, or ``gross x rate /
  (100 + rate)`` with tax in the price); a rate's tax is the sum of its lines' taxes.
- ``total`` rounding: a rate's tax is rounded once on the sum of its lines (net or gross); the
  lines' shares of it are split by the largest remainder, so they add up to it exactly.
- With tax in the price, a line's net is its gross less its tax share: what the customer saw
  on the price tags is what the document totals.

So, always and exactly: ``total = sum of line nets + sum of rate taxes``, each rate's taxable is
the sum of its lines' nets, and its tax the sum of its lines' taxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Literal

from babel.numbers import get_currency_precision

Rounding = Literal["line", "total"]
HUNDRED = Decimal(100)
ZERO = Decimal(0)


@lru_cache(maxsize=512)
def currency_decimals(currency: str) -> int:
    """The decimals of an ISO 4217 currency (CLDR, through babel): EUR 2, JPY 0, BHD 3."""
    return int(get_currency_precision(currency))


def unit_of(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def round_to(value: Decimal, decimals: int) -> Decimal:
    """Half up (away from zero), the rule of invoices in Italy, Spain and Greece."""
    return value.quantize(unit_of(decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineIn:
    quantity: Decimal
    unit_price: Decimal
    #: The tax rate's code: lines with one code share one rate.
    tax_code: str
    #: Percent.
    rate: Decimal
    discount_percent: Decimal = ZERO


@dataclass(frozen=True)
class LineOut:
    net: Decimal
    tax: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


@dataclass(frozen=True)
class TaxGroup:
    tax_code: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Totals:
    lines: tuple[LineOut, ...]
    taxes: tuple[TaxGroup, ...]
    net_total: Decimal
    tax_total: Decimal
    total: Decimal
    decimals: int


def line_amount(line: LineIn) -> Decimal:
    """The unrounded amount of a line (net or gross, as its price is)."""
    return line.quantity * line.unit_price * (HUNDRED - line.discount_percent) / HUNDRED


def _tax_of(amount: Decimal, rate: Decimal, included: bool) -> Decimal:
    """The unrounded tax in ``amount`` (gross when ``included``) at ``rate`` percent."""
    return amount * rate / (HUNDRED + rate) if included else amount * rate / HUNDRED


def split(total: Decimal, raw: Sequence[Decimal], decimals: int) -> list[Decimal]:
    """``total`` (already rounded) shared in proportion to ``raw`` by the largest remainder:
    the shares are rounded and add up to ``total`` exactly (``total`` must be within half a unit
    of ``sum(raw)``, as a rounded sum is)."""
    unit = unit_of(decimals)
    floors = [r.quantize(unit, rounding=ROUND_FLOOR) for r in raw]
    left = int((total - sum(floors, ZERO)) / unit)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    shares = list(floors)
    if left >= 0:
        for i in order[:left]:
            shares[i] += unit
    else:  # only reachable with negative lines: take back from the smallest remainders
        for i in list(reversed(order))[:-left]:
            shares[i] -= unit
    return shares


def compute(
    lines: Sequence[LineIn],
    *,
    decimals: int,
    rounding: Rounding = "total",
    prices_include_tax: bool = False,
) -> Totals:
    """The lines' nets and taxes, the taxes by rate and the document's totals."""
    amounts = [round_to(line_amount(line), decimals) for line in lines]
    raw_tax = [
        _tax_of(amount, line.rate, prices_include_tax)
        for amount, line in zip(amounts, lines, strict=True)
    ]
    taxes = [ZERO] * len(lines)
    by_code: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        by_code.setdefault(line.tax_code, []).append(i)
    for indices in by_code.values():
        if rounding == "line":
            for i in indices:
                taxes[i] = round_to(raw_tax[i], decimals)
        else:
            group_amount = sum((amounts[i] for i in indices), ZERO)
            rate = lines[indices[0]].rate
            group_tax = round_to(_tax_of(group_amount, rate, prices_include_tax), decimals)
            for i, share in zip(
                indices, split(group_tax, [raw_tax[i] for i in indices], decimals), strict=True
            ):
                taxes[i] = share
    nets = [a - t for a, t in zip(amounts, taxes, strict=True)] if prices_include_tax else amounts
    out = tuple(LineOut(net=n, tax=t) for n, t in zip(nets, taxes, strict=True))
    groups = tuple(
        TaxGroup(
            tax_code=code,
            rate=lines[indices[0]].rate,
            taxable=sum((nets[i] for i in indices), ZERO),
            tax=sum((taxes[i] for i in indices), ZERO),
        )
        for code, indices in sorted(by_code.items())
    )
    net_total = sum(nets, round_to(ZERO, decimals))
    tax_total = sum((g.tax for g in groups), round_to(ZERO, decimals))
    return Totals(
        lines=out,
        taxes=groups,
        net_total=net_total,
        tax_total=tax_total,
        total=net_total + tax_total,
        decimals=decimals,
    )
