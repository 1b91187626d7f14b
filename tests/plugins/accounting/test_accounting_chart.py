"""The chart of accounts: templates, accounts(first:), added, renamed, archived, never deleted
once used; journals; fiscal years."""

from __future__ import annotations

import pytest
from accounting_helpers import INSTALL, MODULES, YEAR, ledger, organisation, post

from sportello.testing import count_queries

ACCOUNTS = """
query($n: Int!, $type: AccountType, $archived: Boolean! = false) {
  accounts(first: $n, type: $type, includeArchived: $archived) {
    edges { node { id code name type role archived } }
    pageInfo { hasNextPage }
  }
}
"""
CREATE = """
mutation($i: AccountCreateInput!) {
  accountCreate(input: $i) { account { id code name type role } errors { field code } }
}
"""
UPDATE = """
mutation($i: AccountUpdateInput!) {
  accountUpdate(input: $i) { account { id name archived role } errors { field code } }
}
"""
DELETE = """
mutation($i: AccountDeleteInput!) {
  accountDelete(input: $i) { account { id } errors { field code } }
}
"""


@pytest.mark.parametrize(
    ("template", "receivable", "vat_output", "journal"),
    [
        ("IT", "05.01", "14.20", "VEN"),
        ("ES", "430", "477", "VEN"),
        ("GR", "30.00", "54.00.20", "ΠΩΛ"),
        ("GENERIC", "1200", "2100", "SAL"),
    ],
)
async def test_templates_give_accounts_with_types_and_roles(
    sportello_app, template: str, receivable: str, vat_output: str, journal: str
) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h, template)
        data = await h.ok(ACCOUNTS, {"n": 100})
        nodes = {e["node"]["code"]: e["node"] for e in data["accounts"]["edges"]}
        assert nodes[receivable]["role"] == "RECEIVABLE"
        assert nodes[receivable]["type"] == "ASSET"
        assert nodes[vat_output]["role"] == "VAT_OUTPUT"
        roles = {n["role"] for n in nodes.values()}
        assert {"PAYABLE", "BANK", "CASH", "VAT_INPUT", "ROUNDING", "SALES"} <= roles
        assert {n["type"] for n in nodes.values()} == {
            "ASSET",
            "LIABILITY",
            "EQUITY",
            "INCOME",
            "EXPENSE",
        }
        assert journal in lg.journals and len(lg.journals) == 5
        twice = await h.ok(INSTALL, {"i": {"template": template}})
        assert twice["accountChartInstall"]["errors"] == [
            {"field": "template", "code": "CHART_INSTALLED"}
        ]


async def test_accounts_are_added_renamed_archived_and_never_deleted_once_used(
    sportello_app,
) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        made = await h.ok(
            CREATE, {"i": {"code": "6150", "name": "Telephone", "type": "EXPENSE"}}, as_="manager"
        )
        account = made["accountCreate"]["account"]
        assert account["role"] is None
        taken = await h.ok(CREATE, {"i": {"code": "6150", "name": "X", "type": "EXPENSE"}})
        assert taken["accountCreate"]["errors"] == [{"field": "code", "code": "CODE_TAKEN"}]
        renamed = await h.ok(UPDATE, {"i": {"id": account["id"], "name": "Telephone and internet"}})
        assert renamed["accountUpdate"]["account"]["name"] == "Telephone and internet"
        # Unused: may be deleted. Used: refused, archived instead.
        spare = await h.ok(CREATE, {"i": {"code": "6160", "name": "Spare", "type": "EXPENSE"}})
        gone = await h.ok(DELETE, {"i": {"id": spare["accountCreate"]["account"]["id"]}})
        assert gone["accountDelete"]["errors"] == []
        lg.accounts["6150"] = account["id"]
        await post(
            h, lg.entry("MIS", "2026-01-05", lg.line("6150", 30), lg.line("1100", credit=30))
        )
        kept = await h.ok(DELETE, {"i": {"id": account["id"]}})
        assert kept["accountDelete"]["errors"] == [{"field": "id", "code": "ACCOUNT_IN_USE"}]
        archived = await h.ok(UPDATE, {"i": {"id": account["id"], "archived": True}})
        assert archived["accountUpdate"]["account"]["archived"] is True
        listed = await h.ok(ACCOUNTS, {"n": 100, "type": "EXPENSE"})
        assert "6150" not in {e["node"]["code"] for e in listed["accounts"]["edges"]}
        listed = await h.ok(ACCOUNTS, {"n": 100, "type": "EXPENSE", "archived": True})
        assert "6150" in {e["node"]["code"] for e in listed["accounts"]["edges"]}
        refused = await post(
            h, lg.entry("MIS", "2026-01-06", lg.line("6150", 1), lg.line("1100", credit=1))
        )
        assert refused["errors"] == [
            {
                "field": "lines.0.accountId",
                "code": "ACCOUNT_ARCHIVED",
                "message": refused["errors"][0]["message"],
            }
        ]
        denied = await h.gql(
            CREATE, {"i": {"code": "1", "name": "x", "type": "ASSET"}}, as_="back_office"
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_fiscal_years_have_twelve_monthly_periods_and_never_overlap(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        none = await h.ok(YEAR, {"i": {"start": "2026-07-01"}})  # no organisation yet
        assert none["fiscalYearCreate"]["errors"] == [
            {"field": "organisationId", "code": "ORGANISATION_REQUIRED"}
        ]
        org = await organisation()
        made = await h.ok(YEAR, {"i": {"start": "2026-07-01", "organisationId": org}})
        periods = made["fiscalYearCreate"]["fiscalYear"]["periods"]
        assert made["fiscalYearCreate"]["fiscalYear"]["name"] == "2026-2027"
        assert len(periods) == 12
        assert (periods[0]["start"], periods[0]["end"]) == ("2026-07-01", "2026-07-31")
        assert (periods[7]["start"], periods[7]["end"]) == ("2027-02-01", "2027-02-28")
        assert made["fiscalYearCreate"]["fiscalYear"]["end"] == "2027-06-30"
        overlap = await h.ok(YEAR, {"i": {"start": "2027-01-01", "organisationId": org}})
        assert overlap["fiscalYearCreate"]["errors"] == [
            {"field": "start", "code": "YEAR_OVERLAPS"}
        ]
        mid = await h.ok(YEAR, {"i": {"start": "2028-01-15", "organisationId": org}})
        assert mid["fiscalYearCreate"]["errors"] == [{"field": "start", "code": "INVALID"}]


ENTRIES = """
query($n: Int!) {
  journalEntries(first: $n) {
    edges { node { id number posted date journal { code }
      lines { debit credit account { code name } } } }
  }
}
"""


async def test_list_query_counts_do_not_grow_with_the_page(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        for n in range(6):
            await post(
                h,
                lg.entry(
                    "MIS",
                    f"2026-02-0{n + 1}",
                    lg.line("6000", n + 1),
                    lg.line("1100", credit=n + 1),
                ),
            )
        await h.settle()
        counts = {}
        for size in (1, 5):
            for query, vars_ in ((ACCOUNTS, {"n": size}), (ENTRIES, {"n": size})):
                await h.ok(query, vars_)  # warm the token and caches
                with count_queries() as queries:
                    await h.ok(query, vars_)
                counts[(query, size)] = len(queries)
        assert counts[(ACCOUNTS, 1)] == counts[(ACCOUNTS, 5)]
        assert counts[(ENTRIES, 1)] == counts[(ENTRIES, 5)]
