"""From the hotel: a checked-out folio becomes one issued invoice, its payments carried, an
unpaid balance a receivable settled by a later folio payment, a redelivered event nothing new."""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "lodging"))

from lodging_helpers import CHARGE, CHECK_IN, CHECK_OUT, PAY, TODAY, book, hotel, registry
from sales_setup import PRODUCT_CREATE, TAX_RATES

MODULES = ["reception", "lodging", "sales"]


@pytest.fixture(autouse=True)
def hotel_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every site's today is the lodging tests' day, whatever the hour (as their conftest)."""
    from sportello_lodging.services import clock

    monkeypatch.setattr(clock, "today", lambda timezone=None: TODAY)


PLUGINS = ["sportello_sales.plugin"]

INVOICES = """
query { invoices(first: 10) { edges { node {
  id number status kind total taxTotal netTotal paidTotal balance paymentStatus party { id }
  lines { chargeCode quantity unitPrice taxCode net tax }
  taxes { taxCode rate nature taxable tax }
} } } }
"""
PAYMENTS = "query { payments(first: 10) { edges { node { amount method reference } } } }"
FOLIO = """
query($id: ID!) { node(id: $id) { ... on Reservation {
  guest { id } folio { total lines(first: 50) { edges { node { id chargeCode } } } }
} } }
"""
VOID = """
mutation($i: FolioLineVoidInput!) { folioLineVoid(input: $i) { errors { code field } } }
"""


async def catalogue(h: Any) -> None:
    rates = {
        e["node"]["code"]: e["node"]["id"]
        for e in (await h.ok(TAX_RATES, as_="manager"))["taxRates"]["edges"]
    }
    for code, name, tax in (
        ("ROOM_NIGHT", "Room night", "IT10"),
        ("MINIBAR", "Minibar", "IT22"),
        ("CITY_TAX", "City tax", "N1"),
    ):
        product = {"chargeCode": code, "name": name, "taxRateId": rates[tax], "price": "1.00"}
        data = await h.ok(PRODUCT_CREATE, {"i": product}, as_="manager")
        assert data["productCreate"]["errors"] == [], data


async def stay(h: Any, *, final: str | None) -> tuple[str, str]:
    """A night at 100.00 (10 %) for two, two minibar items at 4.50 (22 %), the city tax (2.00 a
    person and night, out of scope), a 50.00 deposit by bank transfer and ``final`` in cash; checked out."""
    room = (await hotel(h, rooms=1))["rooms"][0]["id"]
    rid = (await book(h, room, 0, 1, adults=2))["reservation"]["id"]
    deposit = {"reservationId": rid, "amount": "50.00", "method": "bank_transfer", "deposit": True}
    await h.ok(PAY, {"i": deposit}, as_="front_desk")
    await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(2)}}, as_="front_desk")
    minibar = {"reservationId": rid, "description": "Minibar", "unitAmount": "4.50"}
    await h.ok(CHARGE, {"i": {**minibar, "quantity": 2, "chargeCode": "MINIBAR"}}, as_="front_desk")
    if final is not None:
        paid = {"reservationId": rid, "amount": final, "method": "cash"}
        await h.ok(PAY, {"i": paid}, as_="front_desk")
    out = await h.ok(CHECK_OUT, {"i": {"id": rid, "allowUnpaid": True}}, as_="manager")
    assert out["reservationCheckOut"]["errors"] == [], out
    await h.settle()
    folio = (await h.ok(FOLIO, {"id": rid}, as_="manager"))["node"]
    assert folio["folio"]["total"] == "113.00"
    return rid, folio["guest"]["id"]


async def invoices(h: Any) -> list[dict[str, Any]]:
    return [e["node"] for e in (await h.ok(INVOICES, as_="manager"))["invoices"]["edges"]]


def by_code(invoice: dict[str, Any]) -> dict[str, tuple[Decimal, Decimal, str]]:
    return {
        line["chargeCode"]: (Decimal(line["quantity"]), Decimal(line["unitPrice"]), line["taxCode"])
        for line in invoice["lines"]
    }


async def test_a_paid_stay_becomes_one_paid_invoice(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        _, guest = await stay(h, final="63.00")
        (invoice,) = await invoices(h)
        assert (invoice["kind"], invoice["status"]) == ("INVOICE", "ISSUED")
        assert invoice["number"] and invoice["party"]["id"] == guest
        assert by_code(invoice) == {
            "ROOM_NIGHT": (Decimal(1), Decimal("100.00"), "IT10"),
            "MINIBAR": (Decimal(2), Decimal("4.50"), "IT22"),
            "CITY_TAX": (Decimal(2), Decimal("2.00"), "N1"),
        }
        taxes = {t["taxCode"]: (t["taxable"], t["tax"]) for t in invoice["taxes"]}
        assert taxes == {
            "IT10": ("90.91", "9.09"),
            "IT22": ("7.38", "1.62"),
            "N1": ("4.00", "0.00"),
        }
        assert (invoice["total"], invoice["taxTotal"], invoice["netTotal"]) == (
            "113.00",
            "10.71",
            "102.29",
        )
        assert (invoice["paidTotal"], invoice["balance"], invoice["paymentStatus"]) == (
            "113.00",
            "0.00",
            "PAID",
        )
        paid = sorted(
            (e["node"]["method"], e["node"]["amount"])
            for e in (await h.ok(PAYMENTS, as_="manager"))["payments"]["edges"]
        )
        assert paid == [("bank_transfer", "50.00"), ("cash", "63.00")]


async def test_an_unpaid_balance_is_a_receivable_until_settled(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        rid, _ = await stay(h, final=None)
        (invoice,) = await invoices(h)
        assert (invoice["total"], invoice["paidTotal"], invoice["balance"]) == (
            "113.00",
            "50.00",
            "63.00",
        )
        assert invoice["paymentStatus"] == "PARTIAL"
        settle = {"reservationId": rid, "amount": "63.00", "method": "card"}
        await h.ok(PAY, {"i": settle}, as_="manager")
        await h.settle()
        (invoice,) = await invoices(h)
        assert (invoice["paidTotal"], invoice["balance"], invoice["paymentStatus"]) == (
            "113.00",
            "0.00",
            "PAID",
        )


async def test_a_redelivered_closed_folio_issues_nothing_twice(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        await stay(h, final="63.00")
        from sportello import api
        from sportello.events.models import OutboxEvent
        from sportello_sales.services.integrations import lodging

        row = await OutboxEvent.get(name="lodging.folio.closed")
        event = api.Event(
            id=row.id,
            name=row.name,
            version=row.version,
            aggregate=row.aggregate,
            payload=row.payload,
            site_id=row.site_id,
        )
        await lodging.on_folio_closed(event)
        await lodging.on_folio_closed(event)
        (invoice,) = await invoices(h)
        assert (invoice["total"], invoice["paidTotal"]) == ("113.00", "113.00")
        payments = (await h.ok(PAYMENTS, as_="manager"))["payments"]["edges"]
        assert len(payments) == 2


async def test_a_charge_voided_after_checkout_is_credited(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        rid, _ = await stay(h, final=None)
        folio = (await h.ok(FOLIO, {"id": rid}, as_="manager"))["node"]["folio"]
        (minibar,) = (
            e["node"]["id"] for e in folio["lines"]["edges"] if e["node"]["chargeCode"] == "MINIBAR"
        )
        voided = await h.ok(VOID, {"i": {"id": minibar, "reason": "Not taken"}}, as_="manager")
        assert voided["folioLineVoid"]["errors"] == []
        await h.settle()
        note, invoice = await invoices(h)
        assert (note["kind"], note["status"], note["total"], note["taxTotal"]) == (
            "CREDIT_NOTE",
            "ISSUED",
            "9.00",
            "1.62",
        )
        assert [line["taxCode"] for line in note["lines"]] == ["IT22"]
        assert (invoice["balance"], invoice["paymentStatus"]) == ("54.00", "PARTIAL")
        settle = {"reservationId": rid, "amount": "54.00", "method": "card"}
        await h.ok(PAY, {"i": settle}, as_="manager")
        await h.settle()
        _, invoice = await invoices(h)
        assert (invoice["paidTotal"], invoice["balance"], invoice["paymentStatus"]) == (
            "104.00",
            "0.00",
            "PAID",
        )


async def test_two_deliveries_at_once_issue_one_invoice(sportello_app: Callable[..., Any]) -> None:
    """The closed folio handled twice at once (a redelivery racing the first run): the invoice's
    UNIQUE source key lets one draft through, the locked invoice row one payment per line."""
    import asyncio

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        await stay(h, final="63.00")
        from sportello import api
        from sportello.events.models import OutboxEvent
        from sportello_sales import models as m
        from sportello_sales.services.integrations import lodging

        row = await OutboxEvent.get(name="lodging.folio.closed")
        event = api.Event(
            id=row.id,
            name=row.name,
            version=row.version,
            aggregate=row.aggregate,
            payload=row.payload,
            site_id=row.site_id,
        )
        # Undo the dispatcher's run, then race two runs of the same event.
        await m.Payment.all().delete()
        await m.Invoice.all().delete()
        await asyncio.gather(lodging.on_folio_closed(event), lodging.on_folio_closed(event))
        (invoice,) = await invoices(h)
        assert (invoice["status"], invoice["total"], invoice["paidTotal"]) == (
            "ISSUED",
            "113.00",
            "113.00",
        )
        assert await m.Payment.all().count() == 2


FOLIO_MONEY = """
query($id: ID!) { node(id: $id) { ... on Reservation {
  folio { lines(first: 50) { edges { node { id kind chargeCode method } } } }
} } }
"""
FOLIO_REFUND = """
mutation($i: FolioPaymentRefundInput!) {
  folioPaymentRefund(input: $i) { errors { code field } }
}
"""
REFUND_DUE = "query { invoices(first: 10) { edges { node { kind refundDue paidTotal balance } } } }"


async def test_a_void_on_a_paid_stay_then_its_refund_after_checkout(
    sportello_app: Callable[..., Any],
) -> None:
    """The minibar voided after a paid checkout: a credit note, the guest owed 9.00 back; the
    cash refunded at the desk: a refund of the invoice's cash payment in sales, owed nothing."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await catalogue(h)
        rid, _ = await stay(h, final="63.00")
        lines = (await h.ok(FOLIO_MONEY, {"id": rid}, as_="manager"))["node"]["folio"]["lines"]
        nodes = [e["node"] for e in lines["edges"]]
        (minibar,) = (n["id"] for n in nodes if n["chargeCode"] == "MINIBAR")
        (cash,) = (n["id"] for n in nodes if n["kind"] == "PAYMENT" and n["method"] == "cash")
        voided = await h.ok(VOID, {"i": {"id": minibar, "reason": "Not taken"}}, as_="manager")
        assert voided["folioLineVoid"]["errors"] == []
        await h.settle()
        note, invoice = [
            e["node"] for e in (await h.ok(REFUND_DUE, as_="manager"))["invoices"]["edges"]
        ]
        assert (note["kind"], invoice["kind"]) == ("CREDIT_NOTE", "INVOICE")
        assert (invoice["paidTotal"], invoice["balance"], invoice["refundDue"]) == (
            "113.00",
            "-9.00",
            "9.00",
        )
        back = {"id": cash, "amount": "9.00", "reason": "Minibar not taken"}
        refunded = await h.ok(FOLIO_REFUND, {"i": back}, as_="manager")
        assert refunded["folioPaymentRefund"]["errors"] == [], refunded
        await h.settle()
        _, invoice = [
            e["node"] for e in (await h.ok(REFUND_DUE, as_="manager"))["invoices"]["edges"]
        ]
        assert (invoice["paidTotal"], invoice["balance"], invoice["refundDue"]) == (
            "104.00",
            "0.00",
            "0.00",
        )
        from sportello.events.models import OutboxEvent
        from sportello_sales.models import Refund
        from sportello_sales.services.integrations import lodging

        (refund,) = await Refund.all()
        assert (refund.amount, refund.method, refund.reason) == (9, "cash", "Minibar not taken")
        (event,) = await OutboxEvent.filter(name="sales.payment.refunded")
        assert event.payload["amount"] == "9.00"
        # a redelivered refund event refunds nothing twice
        row = await OutboxEvent.get(name="lodging.folio.payment_refunded")
        again = api_event(row)
        await lodging.on_payment_refunded(again)
        assert await Refund.all().count() == 1


def api_event(row: Any) -> Any:
    from sportello import api

    return api.Event(
        id=row.id,
        name=row.name,
        version=row.version,
        aggregate=row.aggregate,
        payload=row.payload,
        site_id=row.site_id,
    )


async def test_racing_checkouts_and_redeliveries_over_http_issue_one_invoice(
    sportello_app: Callable[..., Any],
) -> None:
    """Two clerks checking the stay out at once over real HTTP, then the closed folio's event
    delivered four times at once: one invoice, paid once per folio payment."""
    import asyncio

    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        await catalogue(h)
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        rid = (await book(h, room, 0, 1, adults=2))["reservation"]["id"]
        deposit = {"reservationId": rid, "amount": "50.00", "method": "bank_transfer"}
        await h.ok(PAY, {"i": {**deposit, "deposit": True}}, as_="front_desk")
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(2)}}, as_="front_desk")
        await h.ok(
            PAY,
            {"i": {"reservationId": rid, "amount": "54.00", "method": "cash"}},
            as_="front_desk",
        )
        token = await h.token(roles=["manager"])
        out = {"i": {"id": rid, "allowUnpaid": True}}
        results = await asyncio.gather(*(h.gql(CHECK_OUT, out, token=token) for _ in "ab"))
        outcomes = sorted(bool(r["data"]["reservationCheckOut"]["errors"]) for r in results)
        assert outcomes == [False, True], results
        await h.settle()

        from sportello.events.models import OutboxEvent
        from sportello_sales import models as m
        from sportello_sales.services.integrations import lodging

        (row,) = await OutboxEvent.filter(name="lodging.folio.closed")
        event = api_event(row)
        await asyncio.gather(*(lodging.on_folio_closed(event) for _ in range(4)))
        (invoice,) = await invoices(h)
        assert (invoice["status"], invoice["total"], invoice["paidTotal"]) == (
            "ISSUED",
            "104.00",
            "104.00",
        )
        assert await m.Payment.all().count() == 2
        assert await m.Invoice.filter(kind="invoice").count() == 1
