"""A user bound to the sites of one organisation works on that organisation's ledger only,
also on rows named by id: another organisation's accounts, entries, periods, years and bank
lines are not found by ``node(id:)``, and changing them (reversing an entry, closing a period
or a year, renaming an account, matching a bank line) is FORBIDDEN, writing nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accounting_helpers import CLOSE, MODULES, REVERSE, ledger, organisation, post, site_of

NODE = """
query($id: ID!) { node(id: $id) { id } }
"""
ACCOUNT_UPDATE = """
mutation($i: AccountUpdateInput!) {
  accountUpdate(input: $i) { account { id name } errors { field code } }
}
"""
YEAR_CLOSE = """
mutation($i: FiscalYearCloseInput!) { fiscalYearClose(input: $i) { errors { field code } } }
"""
IMPORT = """
mutation($i: BankStatementImportInput!) {
  bankStatementImport(input: $i) { bankStatement { id } errors { field code } }
}
"""
LINES = "query($o: ID) { bankLines(first: 5, organisationId: $o) { edges { node { id } } } }"
SUGGEST = "query($l: ID!) { bankLineReceivableSuggestions(lineId: $l) { score } }"
RECONCILE = """
mutation($i: BankLineReconcileReceivableInput!) {
  bankLineReconcileReceivable(input: $i) { bankLine { id status } errors { field code } }
}
"""
STATEMENT = "date,amount,counterparty,reference\n2026-03-02,50.00,Rossi,Invoice 7\n"


def _codes(data: dict[str, Any], field: str) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in data[field]["errors"]]


async def test_a_site_bound_user_reaches_no_other_organisations_rows(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES) as h:
        a = await ledger(h, org=await organisation("Hotel Aurora Srl"))
        b = await ledger(h, org=await organisation("Villa Borea Srl"))
        site_a = await site_of(h, "AUR", a.organisation)
        await site_of(h, "BOR", b.organisation)
        entries = {}
        for name, lg in (("a", a), ("b", b)):
            done = await post(
                h, lg.entry("MIS", "2026-02-03", lg.line("6000", 10), lg.line("1100", credit=10))
            )
            assert done["errors"] == [], done
            entries[name] = done["entry"]["id"]
            imported = await h.ok(
                IMPORT,
                {
                    "i": {
                        "accountId": lg.accounts["1100"],
                        "format": "CSV",
                        "content": STATEMENT,
                    }
                },
            )
            assert imported["bankStatementImport"]["errors"] == [], imported
        bank_b = (await h.ok(LINES, {"o": b.organisation}))["bankLines"]["edges"][0]["node"]["id"]
        clerk = await h.token(roles=["manager"], sites=[site_a])

        # Reads by id: A's rows are there, B's are not found.
        period_b = b.periods["2026-01-01"]["id"]
        for own, other in (
            (a.accounts["6000"], b.accounts["6000"]),
            (a.journals["MIS"], b.journals["MIS"]),
            (entries["a"], entries["b"]),
            (a.periods["2026-01-01"]["id"], period_b),
            (a.year, b.year),
        ):
            assert (await h.ok(NODE, {"id": own}, token=clerk))["node"] == {"id": own}
            assert (await h.ok(NODE, {"id": other}, token=clerk))["node"] is None
        assert (await h.ok(NODE, {"id": bank_b}, token=clerk))["node"] is None
        assert (await h.ok(NODE, {"id": bank_b}))["node"] == {"id": bank_b}  # an admin's

        # Changes to B's rows: FORBIDDEN, nothing written.
        refused = {
            "journalEntryReverse": await h.ok(REVERSE, {"i": {"id": entries["b"]}}, token=clerk),
            "periodClose": await h.ok(CLOSE, {"i": {"id": period_b}}, token=clerk),
            "fiscalYearClose": await h.ok(YEAR_CLOSE, {"i": {"id": b.year}}, token=clerk),
            "accountUpdate": await h.ok(
                ACCOUNT_UPDATE, {"i": {"id": b.accounts["6000"], "name": "Mine"}}, token=clerk
            ),
            "bankLineReconcileReceivable": await h.ok(
                RECONCILE,
                {"i": {"lineId": bank_b, "partyId": b.organisation}},
                token=clerk,
            ),
        }
        for field, data in refused.items():
            assert [c for _, c in _codes(data, field)] == ["FORBIDDEN"], (field, data)
        statement = await h.ok(
            IMPORT,
            {"i": {"accountId": b.accounts["1100"], "format": "CSV", "content": STATEMENT}},
            token=clerk,
        )
        assert _codes(statement, "bankStatementImport") == [("accountId", "FORBIDDEN")]
        suggested = await h.gql(SUGGEST, {"l": bank_b}, token=clerk)
        assert suggested["errors"][0]["extensions"]["code"] == "FORBIDDEN", suggested
        period = await h.ok(NODE.replace("id }", "id ... on Period { status } }"), {"id": period_b})
        assert period["node"]["status"] == "OPEN"
        account = await h.ok(
            NODE.replace("id }", "id ... on Account { name } }"), {"id": b.accounts["6000"]}
        )
        assert account["node"]["name"] != "Mine"
        lines = await h.ok(LINES.replace("id }", "id status }"), {"o": b.organisation})
        assert lines["bankLines"]["edges"][0]["node"]["status"] == "OPEN"

        # The same on A's rows goes through.
        own = await h.ok(
            ACCOUNT_UPDATE, {"i": {"id": a.accounts["6000"], "name": "Mine"}}, token=clerk
        )
        assert own["accountUpdate"]["errors"] == [], own
        closed = await h.ok(CLOSE, {"i": {"id": a.periods["2026-01-01"]["id"]}}, token=clerk)
        assert closed["periodClose"]["errors"] == [], closed
