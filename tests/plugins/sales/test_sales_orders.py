"""Quote -> order -> invoice -> payment through GraphQL."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import (
    INVOICE_ISSUE,
    MODULES,
    PAYMENT_REGISTER,
    PLUGINS,
    codes,
    hotel_catalogue,
    party,
)

ORDER = "salesOrder { id kind status total taxTotal lines { chargeCode net tax } }"
QUOTE_CREATE = f"""
mutation($i: QuoteCreateInput!) {{
  quoteCreate(input: $i) {{ {ORDER} errors {{ field code }} }}
}}
"""
QUOTE_ACCEPT = f"""
mutation($i: QuoteAcceptInput!) {{ quoteAccept(input: $i) {{ {ORDER} errors {{ field code }} }} }}
"""
ORDER_CANCEL = f"""
mutation($i: OrderCancelInput!) {{ orderCancel(input: $i) {{ {ORDER} errors {{ field code }} }} }}
"""
ORDER_INVOICE = """
mutation($i: OrderInvoiceInput!) {
  orderInvoice(input: $i) { invoice { id status total taxTotal } errors { field code } }
}
"""
ORDERS = """
query($k: SalesOrderKind) { salesOrders(first: 10, kind: $k) { totalCount edges { node {
  id kind status lines { chargeCode } party { id } } } } }
"""
LINES = [{"chargeCode": "ROOM_NIGHT", "quantity": "2"}, {"chargeCode": "MINIBAR"}]


async def test_quote_to_order_to_invoice_to_payment(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        await hotel_catalogue(h)
        guest = await party(h)
        later = (dt.date.today() + dt.timedelta(days=10)).isoformat()
        quote = (
            await h.ok(
                QUOTE_CREATE,
                {"i": {"partyId": guest, "lines": LINES, "pricesIncludeTax": True,
                       "validUntil": later}},
            )
        )["quoteCreate"]  # fmt: skip
        q = quote["salesOrder"]
        assert (q["kind"], q["status"], q["total"], q["taxTotal"]) == (
            "QUOTE",
            "OPEN",
            "226.10",
            "21.10",
        )
        # a quote is not invoiced before it is accepted
        early = (await h.ok(ORDER_INVOICE, {"i": {"id": q["id"]}}))["orderInvoice"]
        assert codes(early) == [("id", "INVALID_STATUS")]
        accepted = (await h.ok(QUOTE_ACCEPT, {"i": {"id": q["id"]}}))["quoteAccept"]
        assert accepted["salesOrder"]["kind"] == "ORDER"
        twice = (await h.ok(QUOTE_ACCEPT, {"i": {"id": q["id"]}}))["quoteAccept"]
        assert codes(twice) == [("id", "INVALID_STATUS")]

        # two clerks bill the order at once: one draft invoice
        token = await h.token(roles=["front_desk"])
        raced = await asyncio.gather(
            *(h.gql(ORDER_INVOICE, {"i": {"id": q["id"]}}, token=token) for _ in "ab")
        )
        payloads = [r["data"]["orderInvoice"] for r in raced]
        made = [p for p in payloads if p["invoice"]]
        assert len(made) == 1 and [codes(p) for p in payloads if not p["invoice"]] == [
            [("id", "INVALID_STATUS")]
        ]
        inv = made[0]["invoice"]
        assert (inv["status"], inv["total"], inv["taxTotal"]) == ("DRAFT", "226.10", "21.10")
        issued = (await h.ok(INVOICE_ISSUE, {"i": {"id": inv["id"]}}))["invoiceIssue"]
        assert issued["invoice"]["number"].endswith("/FT/000001")
        paid = await h.ok(
            PAYMENT_REGISTER,
            {"i": {"invoiceId": inv["id"], "amount": "226.10", "method": "card"}},
        )
        assert paid["paymentRegister"]["invoice"]["paymentStatus"] == "PAID"

        listed = (await h.ok(ORDERS, {"k": "ORDER"}))["salesOrders"]
        assert [(e["node"]["status"], len(e["node"]["lines"])) for e in listed["edges"]] == [
            ("INVOICED", 2)
        ]
        invoiced = (await h.ok(ORDER_CANCEL, {"i": {"id": q["id"]}}))["orderCancel"]
        assert codes(invoiced) == [("id", "INVALID_STATUS")]


async def test_quotes_cancelled_and_bad_input(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest = await party(h)
        past = (dt.date.today() - dt.timedelta(days=1)).isoformat()
        expired = await h.ok(
            QUOTE_CREATE, {"i": {"partyId": guest, "lines": LINES, "validUntil": past}}
        )
        assert codes(expired["quoteCreate"]) == [("validUntil", "INVALID")]
        empty = await h.ok(QUOTE_CREATE, {"i": {"partyId": guest, "lines": []}})
        assert codes(empty["quoteCreate"]) == [("lines", "REQUIRED")]
        quote = (await h.ok(QUOTE_CREATE, {"i": {"partyId": guest, "lines": LINES}}))[
            "quoteCreate"
        ]["salesOrder"]
        cancelled = (await h.ok(ORDER_CANCEL, {"i": {"id": quote["id"]}}))["orderCancel"]
        assert cancelled["salesOrder"]["status"] == "CANCELLED"
        late = (await h.ok(QUOTE_ACCEPT, {"i": {"id": quote["id"]}}))["quoteAccept"]
        assert codes(late) == [("id", "INVALID_STATUS")]
        assert (await h.ok(ORDERS, {"k": "QUOTE"}))["salesOrders"]["totalCount"] == 1


async def test_order_list_queries_do_not_grow_with_the_page(
    sportello_app: Callable[..., Any],
) -> None:
    from sportello.testing import count_queries

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest = await party(h)
        for _ in range(12):
            await h.ok(QUOTE_CREATE, {"i": {"partyId": guest, "lines": LINES}})
        query = """query($n: Int!) { salesOrders(first: $n) { edges { node {
            id total party { displayName } lines { chargeCode net } } } } }"""
        counts = []
        for size in (1, 12):
            with count_queries() as statements:
                data = await h.ok(query, {"n": size})
            assert len(data["salesOrders"]["edges"]) == size
            counts.append(len([s for s in statements if "events_" not in s]))
        assert 0 < counts[0] == counts[1], counts
