"""Lists: the invoices with party and lines in a fixed number of queries; filters; paging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PLUGINS, draft, hotel_catalogue, issued, party

from sportello.testing import count_queries

INVOICES = """
query($n: Int!, $st: InvoiceStatus, $p: ID) {
  invoices(first: $n, status: $st, partyId: $p) {
    totalCount
    edges { node {
      id number status total taxTotal currency balance paymentStatus
      party { id displayName }
      lines { description quantity net tax taxCode }
      taxes { taxCode taxable tax }
    } }
  }
}
"""
STAY = [
    {"chargeCode": "ROOM_NIGHT", "quantity": "2"},
    {"chargeCode": "MINIBAR"},
    {"chargeCode": "CITY_TAX", "quantity": "2"},
]


async def test_invoice_list_queries_do_not_grow_with_the_page(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guests = [await party(h, f"Guest {n}") for n in range(5)]
        for n in range(50):
            await issued(h, guests[n % 5], STAY, pricesIncludeTax=True)
        await h.settle()
        counts = []
        for size in (1, 50):
            with count_queries() as statements:
                data = await h.ok(INVOICES, {"n": size})
            page = data["invoices"]
            assert len(page["edges"]) == size and page["totalCount"] == 50
            assert all(len(e["node"]["lines"]) == 3 for e in page["edges"])
            assert all(e["node"]["party"]["displayName"] for e in page["edges"])
            counts.append(len([s for s in statements if "events_" not in s]))
        assert 0 < counts[0] == counts[1], counts


async def test_invoice_filters(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        ann, bob = await party(h, "Ann"), await party(h, "Bob")
        first = await issued(h, ann, STAY)
        await draft(h, ann, STAY)
        await issued(h, bob, STAY)
        by_ann = (await h.ok(INVOICES, {"n": 10, "p": ann}))["invoices"]
        assert by_ann["totalCount"] == 2
        ann_issued = (await h.ok(INVOICES, {"n": 10, "p": ann, "st": "ISSUED"}))["invoices"]
        assert [e["node"]["id"] for e in ann_issued["edges"]] == [first["id"]]
        drafts = (await h.ok(INVOICES, {"n": 10, "st": "DRAFT"}))["invoices"]
        assert drafts["totalCount"] == 1
        bad = await h.gql(INVOICES, {"n": 10, "p": "nope"})
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_ID"
        # the page cap
        cap = h.runtime.settings.graphql.max_page_size
        capped = await h.gql(INVOICES, {"n": cap + 1})
        assert capped["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", capped
        # permissions: an auditor reads, a back office clerk too; anonymous callers do not
        assert (await h.ok(INVOICES, {"n": 5}, as_="auditor"))["invoices"]["totalCount"] == 3
        refused = await h.gql(INVOICES, {"n": 5}, as_=None)
        assert refused["errors"] and refused["data"] is None
