"""Lists: the invoices with party and lines in a fixed number of queries; filters; paging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PLUGINS, draft, hotel_catalogue, issued, party

from sportello.graphql.flat import FlatListExecutor
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


FULL_LINES = """
query($n: Int!) { invoices(first: $n) { edges { node { id lines {
  id position chargeCode category description unit quantity unitPrice discountPercent
  taxCode taxRate taxNature net tax
} } } } }
"""
SOME_LINES = """
query($n: Int!) { invoices(first: $n) { edges { node { id
  a: lines { description net }
  b: lines { ...Priced }
} } } }
fragment Priced on InvoiceLine { quantity unitPrice __typename }
"""


def _lines_select(statements: list[str]) -> str:
    found = [s for s in statements if "sales_invoice_line" in s and "SELECT" in s.upper()]
    assert len(found) == 1, statements
    return found[0]


async def test_invoice_lines_read_only_the_columns_selected(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest = await party(h, "Guest")
        for _ in range(3):
            await issued(h, guest, STAY)
        await h.settle()
        with count_queries() as statements:
            full = await h.ok(FULL_LINES, {"n": 3})
        assert "unit_price" in _lines_select(statements)
        with count_queries() as statements:
            some = await h.ok(SOME_LINES, {"n": 3})
        sql = _lines_select(statements)
        # aliases and fragments add up: what both selections read, nothing else
        for column in ("description", "net", "quantity", "unit_price"):
            assert column in sql, sql
        for column in ("charge_code", "discount_percent", "tax_rate", "tax_nature"):
            assert column not in sql, sql
        for whole, part in zip(full["invoices"]["edges"], some["invoices"]["edges"], strict=True):
            lines = whole["node"]["lines"]
            assert len(lines) == 3
            assert part["node"]["a"] == [
                {"description": ln["description"], "net": ln["net"]} for ln in lines
            ]
            assert part["node"]["b"] == [
                {
                    "quantity": ln["quantity"],
                    "unitPrice": ln["unitPrice"],
                    "__typename": "InvoiceLine",
                }
                for ln in lines
            ]


async def test_invoice_lines_are_completed_in_one_pass(
    sportello_app: Callable[..., Any], monkeypatch: Any
) -> None:
    """A page's lines are plain rows: GraphQL resolves none of their fields one by one."""
    calls: list[str] = []
    execute_field = FlatListExecutor.execute_field

    def counted(self: Any, parent_type: Any, source: Any, details: Any, *args: Any) -> Any:
        calls.append(f"{parent_type.name}.{details[0].node.name.value}")
        return execute_field(self, parent_type, source, details, *args)

    monkeypatch.setattr(FlatListExecutor, "execute_field", counted)
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest = await party(h, "Guest")
        for _ in range(4):
            await issued(h, guest, STAY)
        calls.clear()
        data = await h.ok(SOME_LINES, {"n": 4})
        assert all(len(e["node"]["b"]) == 3 for e in data["invoices"]["edges"])
        assert not [c for c in calls if c.startswith("InvoiceLine.")], calls
        # The lines (a: and b: of four invoices) are completed in the same pass as the invoices.
        assert calls == ["Query.invoices", "InvoiceConnection.edges"], calls
