"""Cash refunds come out of a cash session's drawer: the expected cash at close is the float
plus cash taken less cash given back; a cash refund with no open session to pay it out of is
refused (a typed error, nothing written); a refund racing the close over real HTTP is either
counted in the session or refused."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sales_setup import MODULES, PLUGINS, codes, hotel_catalogue
from test_sales_counter_sale import CLOSE, EVENTS, OPEN, _site

SELL = """
mutation($i: CounterSaleCreateInput!) {
  counterSaleCreate(input: $i) { payment { id amount method } errors { field code } }
}
"""
REFUND = """
mutation($i: PaymentRefundInput!) {
  paymentRefund(input: $i) {
    refund { amount method cashSession { id status } }
    payment { refundedTotal }
    errors { field code message }
  }
}
"""


async def _open(h: Any, site: str, desk: str, float_: str, **kw: Any) -> str:
    out = await h.ok(OPEN, {"i": {"siteId": site, "desk": desk, "openingFloat": float_}}, **kw)
    assert out["cashSessionOpen"]["errors"] == [], out
    return str(out["cashSessionOpen"]["cashSession"]["id"])


async def _sell(h: Any, session: str, method: str = "cash", **kw: Any) -> str:
    i = {
        "sessionId": session,
        "method": method,
        "lines": [{"chargeCode": "MINIBAR", "quantity": "2"}],
    }
    out = (await h.ok(SELL, {"i": i}, **kw))["counterSaleCreate"]
    assert out["errors"] == [] and out["payment"]["amount"] == "12.20", out
    return str(out["payment"]["id"])


def _refund(payment: str, amount: str, **more: Any) -> dict[str, Any]:
    return {"i": {"paymentId": payment, "amount": amount, "reason": "Returned", **more}}


async def test_a_cash_refund_comes_out_of_the_open_session(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        site = await _site(h)
        session = await _open(h, site, "front", "100.00")
        cash = await _sell(h, session)
        card = await _sell(h, session, "card")

        out = (await h.ok(REFUND, _refund(cash, "5.00"), as_="manager"))["paymentRefund"]
        assert out["errors"] == []
        assert out["refund"] == {
            "amount": "5.00",
            "method": "cash",
            "cashSession": {"id": session, "status": "OPEN"},
        }
        # money back on the card leaves the drawer alone
        out = (await h.ok(REFUND, _refund(card, "12.20"), as_="manager"))["paymentRefund"]
        assert out["errors"] == [] and out["refund"]["cashSession"] is None
        # a session takes only cash
        out = (
            await h.ok(
                REFUND, _refund(cash, "1", method="card", cashSessionId=session), as_="manager"
            )
        )["paymentRefund"]
        assert codes(out) == [("cashSessionId", "INVALID")]

        closed = await h.ok(CLOSE, {"i": {"id": session, "countedCash": "107.20"}}, as_="manager")
        s = closed["cashSessionClose"]["cashSession"]
        assert (s["expectedCash"], s["difference"]) == ("107.20", "0.00"), s
        (event,) = (await h.ok(EVENTS))["events"]["edges"]
        payload = event["node"]["payload"]
        assert (payload["cash_taken"], payload["cash_refunded"]) == ("12.20", "5.00")
        assert payload["expected_cash"] == "107.20"

        # the desk closed: no drawer to pay cash out of, nothing written
        for extra, field_code in (
            ({}, ("cashSessionId", "INVALID_STATUS")),
            ({"cashSessionId": session}, ("cashSessionId", "INVALID_STATUS")),
        ):
            out = (await h.ok(REFUND, _refund(cash, "2.00", **extra), as_="manager"))[
                "paymentRefund"
            ]
            assert codes(out) == [field_code] and out["refund"] is None
            assert out["errors"][0]["message"]
        from sportello_sales.models import Payment, Refund

        assert await Refund.all().count() == 2
        assert (await Payment.get(id=int(_pk(cash)))).refunded_total == 5

        # the desk's next session pays it out: its drawer is expected to hold that much less
        again = await _open(h, site, "FRONT", "50.00")
        out = (await h.ok(REFUND, _refund(cash, "2.00"), as_="manager"))["paymentRefund"]
        assert out["errors"] == [] and out["refund"]["cashSession"]["id"] == again
        closed = await h.ok(CLOSE, {"i": {"id": again, "countedCash": "48.00"}}, as_="manager")
        s = closed["cashSessionClose"]["cashSession"]
        assert (s["expectedCash"], s["difference"]) == ("48.00", "0.00"), s

        # another desk's session, named, pays it out instead
        other = await _open(h, site, "BAR", "20.00")
        out = (await h.ok(REFUND, _refund(cash, "1.00", cashSessionId=other), as_="manager"))[
            "paymentRefund"
        ]
        assert out["errors"] == [] and out["refund"]["cashSession"]["id"] == other
        unknown = _refund(cash, "1.00", cashSessionId=_gid("CashSession", 99999))
        out = (await h.ok(REFUND, unknown, as_="manager"))["paymentRefund"]
        assert codes(out) == [("cashSessionId", "NOT_FOUND")]


def _pk(gid: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(gid).node_id


def _gid(type_name: str, pk: int) -> str:
    from strawberry import relay

    return str(relay.GlobalID(type_name, str(pk)))


async def test_refunds_racing_the_close_over_http_are_counted_or_refused(
    sportello_app: Callable[..., Any],
) -> None:
    """Whatever the order, the expected cash is the float plus the cash taken less every cash
    refund paid out of the session: each refund either lands in it before the close or is
    refused after it, never paid out of a closed drawer."""
    from sportello_sales.models import CashSession, Refund

    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        await hotel_catalogue(h)
        site = await _site(h)
        token = await h.token(roles=["manager"])
        for round_ in range(3):
            desk = f"D{round_}"
            sid = await _open(h, site, desk, "10")
            payment = await _sell(h, sid)
            results = await asyncio.gather(
                *(h.gql(REFUND, _refund(payment, "1.00"), token=token) for _ in range(4)),
                h.gql(CLOSE, {"i": {"id": sid, "countedCash": "10"}}, token=token),
            )
            assert all(not r.get("errors") for r in results), results
            outcomes = [codes(r["data"]["paymentRefund"]) for r in results[:4]]
            assert all(o in ([], [("cashSessionId", "INVALID_STATUS")]) for o in outcomes), outcomes
            session = await CashSession.get(desk=desk)
            paid_out = await Refund.filter(cash_session_id=session.id).values_list(
                "amount", flat=True
            )
            assert len(paid_out) == outcomes.count([])
            assert session.expected_cash == Decimal(10) + Decimal("12.20") - sum(
                paid_out, Decimal(0)
            )
        assert await Refund.filter(cash_session_id=None).count() == 0
