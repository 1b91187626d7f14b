"""The counter sale: a desk's cash session, quick sales paid at once, the close with the cash
counted and the difference kept."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PLUGINS, codes, hotel_catalogue, party

SITE = """
mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }
"""
SESSION = "cashSession { id desk status openingFloat expectedCash countedCash difference }"
OPEN = f"""
mutation($i: CashSessionOpenInput!) {{
  cashSessionOpen(input: $i) {{ {SESSION} errors {{ field code }} }}
}}
"""
CLOSE = f"""
mutation($i: CashSessionCloseInput!) {{
  cashSessionClose(input: $i) {{ {SESSION} errors {{ field code }} }}
}}
"""
SELL = """
mutation($i: CounterSaleCreateInput!) {
  counterSaleCreate(input: $i) {
    invoice { id number status total paymentStatus party { displayName } }
    payment { amount method }
    errors { field code }
  }
}
"""
EVENTS = (
    'query { events(name: "sales.cash_session.closed", first: 5) { edges { node { payload } } } }'
)


async def _site(h: Any, code: str = "HOTEL") -> str:
    return str((await h.ok(SITE, {"i": {"code": code, "name": code}}))["siteCreate"]["site"]["id"])


async def test_a_day_at_the_desk(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        site = await _site(h)
        opened = await h.ok(
            OPEN, {"i": {"siteId": site, "desk": "front", "openingFloat": "100.00"}}
        )
        session = opened["cashSessionOpen"]["cashSession"]
        assert (session["desk"], session["status"], session["openingFloat"]) == (
            "FRONT",
            "OPEN",
            "100.00",
        )
        again = await h.ok(OPEN, {"i": {"siteId": site, "desk": "FRONT", "openingFloat": "0"}})
        assert codes(again["cashSessionOpen"]) == [("desk", "SESSION_ALREADY_OPEN")]

        year = dt.date.today().year
        cash = await h.ok(
            SELL,
            {
                "i": {
                    "sessionId": session["id"],
                    "method": "cash",
                    "lines": [{"chargeCode": "MINIBAR", "quantity": "2"}],
                }
            },
        )
        sale = cash["counterSaleCreate"]
        assert sale["errors"] == []
        assert sale["invoice"]["number"] == f"{year}/RC/000001"
        assert (sale["invoice"]["total"], sale["invoice"]["paymentStatus"]) == ("12.20", "PAID")
        assert sale["invoice"]["party"]["displayName"] == "Walk-in customer"
        assert sale["payment"] == {"amount": "12.20", "method": "cash"}
        guest = await party(h, "Anna Verdi")
        card = await h.ok(
            SELL,
            {
                "i": {
                    "sessionId": session["id"],
                    "method": "card",
                    "partyId": guest,
                    "lines": [{"chargeCode": "CITY_TAX"}],
                }
            },
        )
        assert card["counterSaleCreate"]["invoice"]["number"] == f"{year}/RC/000002"
        assert card["counterSaleCreate"]["invoice"]["party"]["displayName"] == "Anna Verdi"
        bad = await h.ok(
            SELL,
            {
                "i": {
                    "sessionId": session["id"],
                    "method": "gold",
                    "lines": [{"chargeCode": "MINIBAR"}],
                }
            },
        )
        assert codes(bad["counterSaleCreate"]) == [("method", "INVALID_PAYMENT_METHOD")]

        # 100.00 float + 12.20 cash (the card sale is not in the drawer); 2.20 missing
        closed = await h.ok(CLOSE, {"i": {"id": session["id"], "countedCash": "110.00"}})
        result = closed["cashSessionClose"]["cashSession"]
        assert (result["status"], result["expectedCash"], result["countedCash"]) == (
            "CLOSED",
            "112.20",
            "110.00",
        )
        assert result["difference"] == "-2.20"
        late = await h.ok(
            SELL,
            {
                "i": {
                    "sessionId": session["id"],
                    "method": "cash",
                    "lines": [{"chargeCode": "MINIBAR"}],
                }
            },
        )
        assert codes(late["counterSaleCreate"]) == [("sessionId", "INVALID_STATUS")]
        twice = await h.ok(CLOSE, {"i": {"id": session["id"], "countedCash": "110.00"}})
        assert codes(twice["cashSessionClose"]) == [("id", "INVALID_STATUS")]
        await h.settle()
        [event] = [e["node"]["payload"] for e in (await h.ok(EVENTS))["events"]["edges"]]
        assert (event["expected_cash"], event["cash_taken"], event["difference"]) == (
            "112.20",
            "12.20",
            "-2.20",
        )
        # closed, the desk opens again
        reopened = await h.ok(OPEN, {"i": {"siteId": site, "desk": "FRONT", "openingFloat": "50"}})
        assert reopened["cashSessionOpen"]["errors"] == []


async def test_two_clerks_open_one_desk_at_once(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        site = await _site(h)
        token = await h.token(roles=["front_desk"])
        variables = {"i": {"siteId": site, "desk": "BAR", "openingFloat": "20"}}
        results = await asyncio.gather(*(h.gql(OPEN, variables, token=token) for _ in range(6)))
        outcomes = sorted(str(codes(r["data"]["cashSessionOpen"])) for r in results)
        assert outcomes == ["[('desk', 'SESSION_ALREADY_OPEN')]"] * 5 + ["[]"], results


async def test_sessions_belong_to_sites(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        north, south = await _site(h, "N"), await _site(h, "S")
        from sportello import api

        south_clerk = await h.token(
            roles=["front_desk"], sites=[api.decode_id(south, "Site", "siteId")]
        )
        refused = await h.ok(
            OPEN, {"i": {"siteId": north, "desk": "A", "openingFloat": "0"}}, token=south_clerk
        )
        assert codes(refused["cashSessionOpen"]) == [("siteId", "FORBIDDEN")]
        made = await h.ok(OPEN, {"i": {"siteId": north, "desk": "A", "openingFloat": "0"}})
        sid = made["cashSessionOpen"]["cashSession"]["id"]
        sale = await h.ok(
            SELL,
            {"i": {"sessionId": sid, "method": "cash", "lines": [{"chargeCode": "MINIBAR"}]}},
            token=south_clerk,
        )
        assert codes(sale["counterSaleCreate"]) == [("sessionId", "NOT_FOUND")]
        listed = await h.ok("query { cashSessions(first: 5) { totalCount } }", token=south_clerk)
        assert listed["cashSessions"]["totalCount"] == 0


async def test_sales_racing_the_close_are_counted_or_refused(
    sportello_app: Callable[..., Any],
) -> None:
    """Whatever the order, the drawer's expected cash is the float plus every cash payment
    that landed in the session: none slips in after the close."""
    from decimal import Decimal

    from sportello_sales.models import CashSession, Payment

    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        await hotel_catalogue(h)
        site = await _site(h)
        token = await h.token(roles=["front_desk"])
        for round_ in range(3):
            opened = await h.ok(
                OPEN, {"i": {"siteId": site, "desk": f"D{round_}", "openingFloat": "10"}}
            )
            sid = opened["cashSessionOpen"]["cashSession"]["id"]
            sale = {"sessionId": sid, "method": "cash", "lines": [{"chargeCode": "MINIBAR"}]}
            results = await asyncio.gather(
                *(h.gql(SELL, {"i": sale}, token=token) for _ in range(4)),
                h.gql(CLOSE, {"i": {"id": sid, "countedCash": "10"}}, token=token),
            )
            assert all(not r.get("errors") for r in results), results
            session = await CashSession.get(desk=f"D{round_}")
            cash = await Payment.filter(cash_session_id=session.id).values_list("amount", flat=True)
            assert session.expected_cash == Decimal(10) + sum(cash, Decimal(0))
