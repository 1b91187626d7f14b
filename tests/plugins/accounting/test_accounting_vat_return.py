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


GREECE_RETURN = """
query($credit: Decimal!, $debt: Decimal!) {
  vatReturn(country: GR, from: "2026-04-01", to: "2026-06-30",
            carried: {previousCredit: $credit, previousDebt: $debt}) {
    result boxes { code label amount }
  }
}
"""

#: The Φ2 boxes the ledger fills, in the form's order (form 050 ΦΠΑ, 2024 edition).
GREECE_BOXES = [
    "301", "331", "302", "332", "303", "333", "304", "334", "305", "335", "306", "336", "309",
    "339", "307", "337", "361", "381", "367", "387", "430", "470", "480", "401", "483", "502",
    "511",
]  # fmt: skip


async def _greek_quarter(h: Any) -> None:
    """Sales at 24, 13 and 6 %, one purchase at 24 %; a sale outside the quarter."""
    lg = await ledger(h)
    for e in (
        lg.entry(
            "SAL",
            "2026-04-10",
            lg.line("1200", "201.70"),
            lg.line("4000", credit="100.00", taxRate="24", taxKind="BASE"),
            lg.line("2100", credit="24.00", taxRate="24", taxKind="TAX"),
            lg.line("4200", credit="50.00", taxRate="13", taxKind="BASE"),
            lg.line("2100", credit="6.50", taxRate="13", taxKind="TAX"),
            lg.line("4300", credit="20.00", taxRate="6", taxKind="BASE"),
            lg.line("2100", credit="1.20", taxRate="6", taxKind="TAX"),
        ),
        lg.entry(
            "PUR",
            "2026-05-12",
            lg.line("5000", "40.00", taxRate="24", taxKind="BASE"),
            lg.line("1400", "9.60", taxRate="24", taxKind="TAX"),
            lg.line("2000", credit="49.60"),
        ),
        lg.entry(
            "SAL",
            "2026-07-01",
            lg.line("1200", "124.00"),
            lg.line("4000", credit="100.00", taxRate="24", taxKind="BASE"),
            lg.line("2100", credit="24.00", taxRate="24", taxKind="TAX"),
        ),
    ):
        got = await post(h, e)
        assert got["errors"] == [], got


async def _greek_boxes(h: Any, credit: str = "0", debt: str = "0") -> Any:
    data = (await h.ok(GREECE_RETURN, {"credit": credit, "debt": debt}))["vatReturn"]
    assert [b["code"] for b in data["boxes"]] == GREECE_BOXES
    return {b["code"]: Decimal(b["amount"]) for b in data["boxes"]}, Decimal(data["result"])


async def test_greece_f2(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await _greek_quarter(h)
        boxes, result = await _greek_boxes(h, credit="5.00")
        # Outputs per rate: 24 % in 303/333, 13 % in 301/331, 6 % in 302/332.
        assert (boxes["303"], boxes["333"]) == (Decimal(100), Decimal(24))
        assert (boxes["301"], boxes["331"]) == (Decimal(50), Decimal("6.50"))
        assert (boxes["302"], boxes["332"]) == (Decimal(20), Decimal("1.20"))
        for code in ("304", "334", "305", "335", "306", "336", "309", "339"):
            assert boxes[code] == 0, code
        assert (boxes["307"], boxes["337"]) == (Decimal(170), Decimal("31.70"))
        # Inputs: domestic purchases and their deductible VAT, and the totals.
        assert (boxes["361"], boxes["381"]) == (Decimal(40), Decimal("9.60"))
        assert (boxes["367"], boxes["387"], boxes["430"]) == (
            Decimal(40),
            Decimal("9.60"),
            Decimal("9.60"),
        )
        # 337 - 430 = 22.10 debit; less the previous credit (401): 17.10 to pay (511).
        assert (boxes["470"], boxes["480"]) == (Decimal(0), Decimal("22.10"))
        assert (boxes["401"], boxes["483"]) == (Decimal(5), Decimal(0))
        assert (boxes["502"], boxes["511"], result) == (
            Decimal(0),
            Decimal("17.10"),
            Decimal("17.10"),
        )
        # A previous credit above the debit: the rest is carried to the next period (502).
        boxes, result = await _greek_boxes(h, credit="30.00")
        assert (boxes["480"], boxes["401"]) == (Decimal("22.10"), Decimal(30))
        assert (boxes["502"], boxes["511"], result) == (
            Decimal("7.90"),
            Decimal(0),
            Decimal("-7.90"),
        )
        # A small debit of the previous period, not paid then, is added (483).
        boxes, result = await _greek_boxes(h, debt="2.00")
        assert (boxes["483"], boxes["511"], result) == (
            Decimal(2),
            Decimal("24.10"),
            Decimal("24.10"),
        )


async def test_greece_f2_credit_balance(sportello_app) -> None:
    """Input VAT above output VAT: a credit balance (470), all of it for deduction (502)."""
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        for e in (
            lg.entry(
                "SAL",
                "2026-04-10",
                lg.line("1200", "11.70"),
                lg.line("4000", credit="10.00", taxRate="17", taxKind="BASE"),
                lg.line("2100", credit="1.70", taxRate="17", taxKind="TAX"),
            ),
            lg.entry(
                "PUR",
                "2026-05-12",
                lg.line("5000", "100.00", taxRate="24", taxKind="BASE"),
                lg.line("1400", "24.00", taxRate="24", taxKind="TAX"),
                lg.line("2000", credit="124.00"),
            ),
        ):
            got = await post(h, e)
            assert got["errors"] == [], got
        boxes, result = await _greek_boxes(h, credit="1.00")
        # 17 % is a reduced islands' rate: 306/336.
        assert (boxes["306"], boxes["336"], boxes["303"]) == (Decimal(10), Decimal("1.70"), 0)
        assert (boxes["337"], boxes["387"]) == (Decimal("1.70"), Decimal(24))
        assert (boxes["470"], boxes["480"]) == (Decimal("22.30"), Decimal(0))
        assert (boxes["502"], boxes["511"], result) == (
            Decimal("23.30"),
            Decimal(0),
            Decimal("-23.30"),
        )


async def test_bad_carried_amounts_are_refused(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await ledger(h)
        for bad in ("-1", "0.001"):
            got = await h.gql(RETURN, {"c": "IT", "credit": bad, "q": False})
            assert got["data"] is None
            assert got["errors"][0]["extensions"]["code"] == "INVALID", got
