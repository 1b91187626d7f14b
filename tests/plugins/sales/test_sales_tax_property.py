"""The tax and totals computation, for any lines: totals add up to the cent, in every
currency's decimals, with tax in the prices or not, rounded per line or per total."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sportello_sales.services.taxes.compute import (
    LineIn,
    compute,
    currency_decimals,
    line_amount,
    round_to,
    unit_of,
)

CURRENCIES = ["EUR", "JPY", "BHD", "USD", "KWD", "CLP", "GBP", "ISK"]
RATES = [Decimal(r) for r in ("0", "4", "5", "6", "10", "13", "21", "22", "24", "7.7", "8.1")]

quantities = st.decimals(min_value="0.0001", max_value="10000", places=4)
prices = st.decimals(min_value="0", max_value="100000", places=4)
discounts = st.decimals(min_value="0", max_value="100", places=2)
lines = st.lists(
    st.builds(
        LineIn,
        quantity=quantities,
        unit_price=prices,
        tax_code=st.sampled_from(["A", "B", "C", "D"]),
        rate=st.just(Decimal(0)),
        discount_percent=discounts,
    ),
    min_size=1,
    max_size=30,
)
code_rates = st.fixed_dictionaries({c: st.sampled_from(RATES) for c in "ABCD"})


@settings(max_examples=400, deadline=None)
@given(
    lines=lines,
    rates=code_rates,
    currency=st.sampled_from(CURRENCIES),
    rounding=st.sampled_from(["line", "total"]),
    included=st.booleans(),
)
def test_totals_add_up_exactly(
    lines: list[LineIn], rates: dict[str, Decimal], currency: str, rounding: str, included: bool
) -> None:
    lines = [
        LineIn(ln.quantity, ln.unit_price, ln.tax_code, rates[ln.tax_code], ln.discount_percent)
        for ln in lines
    ]
    decimals = currency_decimals(currency)
    unit = unit_of(decimals)
    out = compute(lines, decimals=decimals, rounding=rounding, prices_include_tax=included)  # type: ignore[arg-type]

    every = [out.net_total, out.tax_total, out.total]
    every += [x for ln in out.lines for x in (ln.net, ln.tax)]
    every += [x for g in out.taxes for x in (g.taxable, g.tax)]
    assert all(x == x.quantize(unit) and x.as_tuple().exponent == -decimals for x in every)

    assert out.total == sum((ln.net for ln in out.lines), Decimal(0)) + sum(
        (g.tax for g in out.taxes), Decimal(0)
    )
    assert out.net_total == sum((ln.net for ln in out.lines), Decimal(0))
    assert out.tax_total == sum((g.tax for g in out.taxes), Decimal(0))
    for group in out.taxes:
        mine = [o for o, ln in zip(out.lines, lines, strict=True) if ln.tax_code == group.tax_code]
        assert group.taxable == sum((o.net for o in mine), Decimal(0))
        assert group.tax == sum((o.tax for o in mine), Decimal(0))
        exact = group.taxable * group.rate / 100
        if rounding == "total":
            # one rounding per rate: within half a unit of the tax on its lines' amounts
            base = sum(
                (
                    round_to(line_amount(ln), decimals)
                    for ln in lines
                    if ln.tax_code == group.tax_code
                ),
                Decimal(0),
            )
            rate = group.rate
            exact = base * rate / (100 + rate) if included else base * rate / 100
            assert abs(group.tax - exact) <= unit / 2
        else:
            assert abs(group.tax - exact) <= len(mine) * unit
    if included:
        # what the customer saw on the price tags is what the document totals
        assert out.total == sum((round_to(line_amount(ln), decimals) for ln in lines), Decimal(0))
    else:
        assert [o.net for o in out.lines] == [round_to(line_amount(ln), decimals) for ln in lines]
    assert all(o.tax >= 0 and o.net >= 0 for o in out.lines)
    assert all(o.tax == 0 for o, ln in zip(out.lines, lines, strict=True) if ln.rate == 0)


def test_half_cents_round_up_and_per_line_differs_from_per_total() -> None:
    three = [LineIn(Decimal(1), Decimal("0.05"), "A", Decimal(10))] * 3
    per_line = compute(three, decimals=2, rounding="line")
    per_total = compute(three, decimals=2, rounding="total")
    assert [o.tax for o in per_line.lines] == [Decimal("0.01")] * 3  # 0.005 -> 0.01
    assert per_line.tax_total == Decimal("0.03")
    assert per_total.tax_total == Decimal("0.02")  # 0.015 -> 0.02, shared 0.01 + 0.01 + 0.00
    assert sorted(o.tax for o in per_total.lines) == [
        Decimal("0"),
        Decimal("0.01"),
        Decimal("0.01"),
    ]
    assert per_total.total == Decimal("0.17")
