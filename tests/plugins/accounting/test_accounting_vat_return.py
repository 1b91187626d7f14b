"""The periodic VAT return's figures per country from the VAT registers: Italy's LIPE (VP2-VP14),
Spain's modelo 303 casillas, Greece's Φ2 κωδικοί."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from accounting_helpers import MODULES, ledger, post

RETURN = """
query($c: VatCountry!, $credit: Decimal!, $q: Boolean!) {
  vatReturn(country: $c, from: "2026-04-01", to: "2026-06-30",
            carried: {previousCredit: $credit, quarterly: $q}) {
    country start end result boxes { code label amount }
  }
}
"""


async def _quarter(h: Any) -> None:
    """Sales at 21, 10 and 4 %, one purchase at 21 %; a sale outside the quarter."""
    lg = await ledger(h)
    for e in (
        lg.entry(
            "SAL",
            "2026-04-10",
            lg.line("1200", "283.00"),
            lg.line("4000", credit="100.00", taxRate="21", taxKind="BASE"),
            lg.line("2100", credit="21.00", taxRate="21", taxKind="TAX"),
            lg.line("4200", credit="100.00", taxRate="10", taxKind="BASE"),
            lg.line("2100", credit="10.00", taxRate="10", taxKind="TAX"),
            lg.line("4300", credit="50.00", taxRate="4", taxKind="BASE"),
            lg.line("2100", credit="2.00", taxRate="4", taxKind="TAX"),
        ),
        lg.entry(
            "PUR",
            "2026-05-12",
            lg.line("5000", "50.00", taxRate="21", taxKind="BASE"),
            lg.line("1400", "10.50", taxRate="21", taxKind="TAX"),
            lg.line("2000", credit="60.50"),
        ),
        lg.entry(
            "SAL",
            "2026-07-01",
            lg.line("1200", "121.00"),
            lg.line("4000", credit="100.00", taxRate="21", taxKind="BASE"),
            lg.line("2100", credit="21.00", taxRate="21", taxKind="TAX"),
        ),
    ):
        got = await post(h, e)
        assert got["errors"] == [], got


async def _boxes(h: Any, country: str, credit: str = "0", quarterly: bool = False) -> Any:
    data = (await h.ok(RETURN, {"c": country, "credit": credit, "q": quarterly}))["vatReturn"]
    return {b["code"]: Decimal(b["amount"]) for b in data["boxes"]}, Decimal(data["result"])


async def test_spain_modelo_303(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _quarter(h)
        boxes, result = await _boxes(h, "ES", credit="5.00")
        assert (boxes["07"], boxes["08"], boxes["09"]) == (Decimal(100), Decimal(21), Decimal(21))
        assert (boxes["04"], boxes["06"]) == (Decimal(100), Decimal(10))
        assert (boxes["01"], boxes["03"]) == (Decimal(50), Decimal(2))
        assert boxes["27"] == Decimal("33.00")
        assert (boxes["28"], boxes["29"], boxes["45"]) == (
            Decimal(50),
            Decimal("10.50"),
            Decimal("10.50"),
        )
        assert boxes["46"] == boxes["64"] == boxes["66"] == Decimal("22.50")
        assert (boxes["110"], boxes["78"], boxes["87"]) == (Decimal(5), Decimal(5), Decimal(0))
        assert boxes["71"] == result == Decimal("17.50")
        # A credit larger than what is due is applied up to it; the rest carried (87).
        boxes, result = await _boxes(h, "ES", credit="30.00")
        assert (boxes["78"], boxes["87"], result) == (Decimal("22.50"), Decimal("7.50"), Decimal(0))


async def test_italy_lipe_quadro_vp(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _quarter(h)
        boxes, result = await _boxes(h, "IT", credit="2.50", quarterly=True)
        assert (boxes["VP2"], boxes["VP3"]) == (Decimal(250), Decimal(50))
        assert (boxes["VP4"], boxes["VP5"]) == (Decimal(33), Decimal("10.50"))
        assert (boxes["VP6.1"], boxes["VP6.2"]) == (Decimal("22.50"), Decimal(0))
        assert boxes["VP8"] == Decimal("2.50")
        # Quarterly: 1 % interest on the 20.00 due after the credit.
        assert boxes["VP12"] == Decimal("0.20")
        assert boxes["VP14.1"] == result == Decimal("20.20")


async def test_greece_f2(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _quarter(h)
        boxes, result = await _boxes(h, "GR", credit="40.00")
        assert boxes["337"] == Decimal(33)
        assert (boxes["361"], boxes["381"]) == (Decimal(50), Decimal("10.50"))
        assert boxes["401"] == Decimal(40)
        assert (boxes["511"], boxes["502"], result) == (
            Decimal(0),
            Decimal("17.50"),
            Decimal("-17.50"),
        )


async def test_bad_carried_amounts_are_refused(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await ledger(h)
        for bad in ("-1", "0.001"):
            got = await h.gql(RETURN, {"c": "IT", "credit": bad, "q": False})
            assert got["data"] is None
            assert got["errors"][0]["extensions"]["code"] == "INVALID", got
