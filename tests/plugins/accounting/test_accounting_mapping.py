"""The account mapping through the API (validated against the chart, audited, managers only,
resolved mapping > setting > template default) and the counter's cash session close posting
its difference to the mapped account."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from accounting_helpers import ledger

from sportello import api
from sportello.identity.models import AuditEntry
from sportello.testing import count_queries

sys.path.insert(0, str(Path(__file__).parents[1] / "sales"))

from sales_setup import hotel_catalogue

MAP = """
mutation($i: AccountMappingSetInput!) {
  accountMappingSet(input: $i) {
    accountMapping { id key taxRate account { code } } errors { field code }
  }
}
"""
UNMAP = """
mutation($i: AccountMappingDeleteInput!) {
  accountMappingDelete(input: $i) { accountMapping { key } errors { field code } }
}
"""
RESOLVE = """
query($k: String!) { accountMappingResolve(key: $k) { key source account { code } } }
"""
LIST = """
query($n: Int!) { accountMappings(first: $n) { edges { node {
  id key taxRate updatedAt account { code name type }
} } } }
"""
ARCHIVE = """
mutation($i: AccountUpdateInput!) { accountUpdate(input: $i) { errors { code } } }
"""


def _errors(data: dict[str, Any]) -> list[tuple[str, str]]:
    payload = next(iter(data.values()))
    return [(e["field"], e["code"]) for e in payload["errors"]]


async def test_mappings_are_checked_against_the_chart_and_audited(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(["accounting"]) as h:
        lg = await ledger(h)
        acc = lg.accounts

        async def put(key: str, code: str, rate: str | None = None, as_: str = "manager") -> Any:
            i: dict[str, Any] = {"key": key, "accountId": acc[code]}
            if rate is not None:
                i["taxRate"] = rate
            return await h.ok(MAP, {"i": i}, as_=as_)

        resolved = await h.ok(RESOLVE, {"k": "charge:SPA"})
        assert resolved["accountMappingResolve"] == {
            "key": "charge:SPA",
            "source": "DEFAULT",
            "account": {"code": "4000"},
        }
        made = await put("charge:SPA", "4100", "22")
        assert made["accountMappingSet"]["accountMapping"] == {
            "id": made["accountMappingSet"]["accountMapping"]["id"],
            "key": "charge:SPA",
            "taxRate": "22.00",
            "account": {"code": "4100"},
        }
        resolved = await h.ok(RESOLVE, {"k": "charge:SPA"})
        assert resolved["accountMappingResolve"]["source"] == "MAPPING"
        assert resolved["accountMappingResolve"]["account"] == {"code": "4100"}
        again = await put("charge:SPA", "4900")
        assert again["accountMappingSet"]["accountMapping"]["taxRate"] is None
        assert (
            again["accountMappingSet"]["accountMapping"]["id"]
            == made["accountMappingSet"]["accountMapping"]["id"]
        )

        # Wrong keys, wrong types, a rate off a charge code, an archived account, an unknown id.
        assert _errors(await put("charge:spa lower", "4100")) == [("key", "INVALID_KEY")]
        assert _errors(await put("nonsense", "4100")) == [("key", "INVALID_KEY")]
        assert _errors(await put("method:card", "4100")) == [("accountId", "WRONG_ACCOUNT_TYPE")]
        assert _errors(await put("advances", "1200")) == [("accountId", "WRONG_ACCOUNT_TYPE")]
        assert _errors(await put("charge:SPA", "6000")) == [("accountId", "WRONG_ACCOUNT_TYPE")]
        assert _errors(await put("method:card", "1150", "10")) == [("taxRate", "INVALID")]
        assert _errors(await put("charge:SPA", "4100", "120")) == [("taxRate", "INVALID")]
        assert _errors(await put("charge:SPA", "4100", "10.001")) == [("taxRate", "INVALID")]
        archived = await h.ok(ARCHIVE, {"i": {"id": acc["4300"], "archived": True}}, as_="manager")
        assert archived["accountUpdate"]["errors"] == []
        assert _errors(await put("charge:SPA", "4300")) == [("accountId", "ACCOUNT_ARCHIVED")]
        unknown = await h.ok(
            MAP, {"i": {"key": "vat", "accountId": acc["1000"][:-2] + "zz"}}, as_="manager"
        )
        assert _errors(unknown)[0][0] == "accountId"
        # Only managers change the mapping; the back office reads it.
        refused = await h.gql(
            MAP, {"i": {"key": "vat", "accountId": acc["2100"]}}, as_="back_office"
        )
        assert refused.get("errors") or refused["data"]["accountMappingSet"]["errors"]
        listed = await h.ok(LIST, {"n": 10}, as_="back_office")
        assert [e["node"]["key"] for e in listed["accountMappings"]["edges"]] == ["charge:SPA"]

        ok = await put("method:card", "1100")
        assert ok["accountMappingSet"]["errors"] == []
        ops = await AuditEntry.filter(operation="accountMappingSet").order_by("id")
        assert len(ops) == 3
        spa = api.decode_id(acc["4100"], "Account", "id")
        assert ops[1].changes["before"] == {"account": spa, "taxRate": "22.00"}
        assert ops[1].changes["after"] == {"key": "charge:SPA", "account": "4900", "taxRate": None}

        gone = await h.ok(UNMAP, {"i": {"key": "charge:SPA"}}, as_="manager")
        assert gone["accountMappingDelete"]["errors"] == []
        assert (await h.ok(RESOLVE, {"k": "charge:SPA"}))["accountMappingResolve"]["source"] == (
            "DEFAULT"
        )
        missing = await h.ok(UNMAP, {"i": {"key": "charge:SPA"}}, as_="manager")
        assert _errors(missing) == [("key", "NOT_FOUND")]
        assert await AuditEntry.filter(operation="accountMappingDelete").count() == 1


async def test_the_mapping_list_costs_the_same_queries_at_any_page_size(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(["accounting"]) as h:
        lg = await ledger(h)
        for code in ("SPA", "GYM", "PARKING", "LAUNDRY", "BIKE"):
            made = await h.ok(
                MAP,
                {"i": {"key": f"charge:{code}", "accountId": lg.accounts["4100"]}},
                as_="manager",
            )
            assert made["accountMappingSet"]["errors"] == []
        await h.settle()
        counts = {}
        for size in (1, 5):
            await h.ok(LIST, {"n": size})
            with count_queries() as queries:
                await h.ok(LIST, {"n": size})
            # the ledger's own queries: the event bus polling in the background is not the list's
            counts[size] = len([q for q in queries if "accounting_" in q])
        assert counts[1] == counts[5] > 0


SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
OPEN = """
mutation($i: CashSessionOpenInput!) {
  cashSessionOpen(input: $i) { cashSession { id } errors { field code } }
}
"""
CLOSE = """
mutation($i: CashSessionCloseInput!) {
  cashSessionClose(input: $i) { cashSession { difference } errors { field code } }
}
"""
SELL = """
mutation($i: CounterSaleCreateInput!) {
  counterSaleCreate(input: $i) { invoice { total } errors { field code } }
}
"""
ENTRIES = """
{ journalEntries(first: 10, sourceOffice: "sales") { edges { node {
  sourceDocument journal { kind } lines { account { code } debit credit }
} } } }
"""


async def test_a_cash_session_posts_its_difference(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(
        ["sales", "accounting"], plugins=["sportello_sales.plugin", "sportello_accounting.plugin"]
    ) as h:
        lg = await ledger(h, year=dt.date.today().year)
        await hotel_catalogue(h)
        site = (await h.ok(SITE, {"i": {"code": "BAR", "name": "Bar"}}))["siteCreate"]["site"]
        sessions = []
        for desk in ("FRONT", "BAR"):
            opened = await h.ok(
                OPEN, {"i": {"siteId": site["id"], "desk": desk, "openingFloat": "100.00"}}
            )
            sessions.append(opened["cashSessionOpen"]["cashSession"]["id"])
            sold = await h.ok(
                SELL,
                {
                    "i": {
                        "sessionId": sessions[-1],
                        "method": "cash",
                        "lines": [{"chargeCode": "MINIBAR", "quantity": "2"}],
                    }
                },
            )
            assert sold["counterSaleCreate"]["errors"] == [], sold
        # The front desk is 2.20 short (to the mapped account), the bar is exact (nothing).
        made = await h.ok(
            MAP, {"i": {"key": "cash_difference", "accountId": lg.accounts["6400"]}}, as_="manager"
        )
        assert made["accountMappingSet"]["errors"] == []
        for session, counted in zip(sessions, ("110.00", "112.20"), strict=True):
            closed = await h.ok(CLOSE, {"i": {"id": session, "countedCash": counted}})
            assert closed["cashSessionClose"]["errors"] == [], closed
        await h.settle()
        edges = (await h.ok(ENTRIES))["journalEntries"]["edges"]
        by_source = {e["node"]["sourceDocument"]: e["node"] for e in edges}
        assert len([k for k in by_source if k.startswith("cash_session:")]) == 1
        entry = next(v for k, v in by_source.items() if k.startswith("cash_session:"))
        assert entry["journal"]["kind"] == "CASH"
        amounts = {
            ln["account"]["code"]: Decimal(ln["debit"] or 0) - Decimal(ln["credit"] or 0)
            for ln in entry["lines"]
        }
        assert amounts == {"6400": Decimal("2.20"), "1000": Decimal("-2.20")}
