"""Company billing and split folios: a stay's room and city tax billed to a company, the
minibar to the guest (lodging's folioBillToSet), invoiced at checkout to each party."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "lodging"))

from lodging_helpers import CHARGE, CHECK_IN, CHECK_OUT, PAY, TODAY, book, hotel, registry
from sales_setup import party
from test_sales_lodging import PLUGINS, catalogue

MODULES = ["reception", "lodging", "sales"]

BILL_TO = """
mutation($i: FolioBillToSetInput!) {
  folioBillToSet(input: $i) {
    reservation { id billTo { id displayName } billToChargeCodes }
    errors { field code }
  }
}
"""
INVOICES = """
query { invoices(first: 10) { edges { node {
  kind status total paidTotal balance paymentStatus party { id }
  lines { chargeCode quantity unitPrice }
} } } }
"""
RECEIVABLES = "query { receivables { party { id } total } }"


@pytest.fixture(autouse=True)
def hotel_day(monkeypatch: pytest.MonkeyPatch) -> None:
    from sportello_lodging.services import clock

    monkeypatch.setattr(clock, "today", lambda timezone=None: TODAY)


async def checked_in(h: Any) -> str:
    """A night at 100.00 for two (city tax 2 x 2.00), two minibar items at 4.50: 113.00."""
    room = (await hotel(h, rooms=1))["rooms"][0]["id"]
    rid = str((await book(h, room, 0, 1, adults=2))["reservation"]["id"])
    await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(2)}}, as_="front_desk")
    minibar = {"reservationId": rid, "description": "Minibar", "unitAmount": "4.50"}
    await h.ok(CHARGE, {"i": {**minibar, "quantity": 2, "chargeCode": "MINIBAR"}}, as_="front_desk")
    return rid


async def check_out(h: Any, rid: str) -> None:
    out = await h.ok(CHECK_OUT, {"i": {"id": rid, "allowUnpaid": True}}, as_="manager")
    assert out["reservationCheckOut"]["errors"] == [], out
    await h.settle()


async def invoices(h: Any) -> dict[str, dict[str, Any]]:
    """The issued invoices by party id."""
    edges = (await h.ok(INVOICES, as_="manager"))["invoices"]["edges"]
    return {e["node"]["party"]["id"]: e["node"] for e in edges}


async def test_room_and_city_tax_to_the_company_the_minibar_to_the_guest(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        acme = await party(h, "ACME S.p.A.")
        rid = await checked_in(h)
        route = {
            "reservationId": rid,
            "billToPartyId": acme,
            "chargeCodes": ["room_night", "CITY_TAX"],
        }
        out = (await h.ok(BILL_TO, {"i": route}, as_="front_desk"))["folioBillToSet"]
        assert out["errors"] == [], out
        assert out["reservation"]["billTo"] == {"id": acme, "displayName": "ACME S.p.A."}
        assert out["reservation"]["billToChargeCodes"] == ["ROOM_NIGHT", "CITY_TAX"]
        # the guest pays the minibar at the desk; the company pays the rest on account
        paid = {"reservationId": rid, "amount": "9.00", "method": "cash"}
        await h.ok(PAY, {"i": paid}, as_="front_desk")
        await check_out(h, rid)

        found = await invoices(h)
        assert set(found) - {acme} and acme in found and len(found) == 2
        company = found.pop(acme)
        (guest,) = found.values()
        assert {line["chargeCode"] for line in company["lines"]} == {"ROOM_NIGHT", "CITY_TAX"}
        assert (company["total"], company["paidTotal"], company["paymentStatus"]) == (
            "104.00",
            "0.00",
            "UNPAID",
        )
        assert [line["chargeCode"] for line in guest["lines"]] == ["MINIBAR"]
        assert (guest["total"], guest["paidTotal"], guest["paymentStatus"]) == (
            "9.00",
            "9.00",
            "PAID",
        )
        owed = (await h.ok(RECEIVABLES, as_="manager"))["receivables"]
        assert [(r["party"]["id"], r["total"]) for r in owed] == [(acme, "104.00")]

        # the company's transfer after checkout settles its invoice
        settle = {"reservationId": rid, "amount": "104.00", "method": "bank_transfer"}
        await h.ok(PAY, {"i": settle}, as_="manager")
        await h.settle()
        assert (await invoices(h))[acme]["paymentStatus"] == "PAID"

        from sportello.identity.models import AuditEntry

        entry = await AuditEntry.filter(operation="folioBillToSet").first()
        assert entry is not None and "CITY_TAX" in str(entry.changes)
        # after checkout the billing is final: the invoices are issued
        late = (await h.ok(BILL_TO, {"i": route}, as_="manager"))["folioBillToSet"]
        assert late["errors"] == [{"field": "reservationId", "code": "FOLIO_CLOSED"}]


async def test_the_whole_folio_to_the_company_and_bad_input(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        acme = await party(h, "ACME S.p.A.")
        rid = await checked_in(h)
        bad = [
            ({"chargeCodes": ["MINI BAR"]}, [{"field": "chargeCodes.0", "code": "INVALID"}]),
            (
                {"chargeCodes": [f"C{i}" for i in range(21)]},
                [{"field": "chargeCodes", "code": "TOO_MANY"}],
            ),
        ]
        for extra, errors in bad:
            i = {"reservationId": rid, "billToPartyId": acme, **extra}
            assert (await h.ok(BILL_TO, {"i": i}, as_="front_desk"))["folioBillToSet"][
                "errors"
            ] == errors
        unknown = {"reservationId": rid, "billToPartyId": rid}  # not a party's id
        out = (await h.ok(BILL_TO, {"i": unknown}, as_="front_desk"))["folioBillToSet"]
        assert [e["field"] for e in out["errors"]] == ["billToPartyId"]
        denied = await h.gql(BILL_TO, {"i": {"reservationId": rid}}, as_="housekeeping")
        assert denied["errors"] and denied["data"] is None

        whole = {"reservationId": rid, "billToPartyId": acme}
        out = (await h.ok(BILL_TO, {"i": whole}, as_="front_desk"))["folioBillToSet"]
        assert out["errors"] == [] and out["reservation"]["billToChargeCodes"] == []
        paid = {"reservationId": rid, "amount": "113.00", "method": "card"}
        await h.ok(PAY, {"i": paid}, as_="front_desk")
        await check_out(h, rid)
        found = await invoices(h)
        assert list(found) == [acme]
        assert (found[acme]["total"], found[acme]["paymentStatus"]) == ("113.00", "PAID")
