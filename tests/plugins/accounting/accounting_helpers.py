"""Shared GraphQL operations and a ledger set up through the API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

MODULES = ["accounting"]

INSTALL = """
mutation($i: AccountChartInstallInput!) {
  accountChartInstall(input: $i) { accounts { id code role } errors { field code } }
}
"""
YEAR = """
mutation($i: FiscalYearCreateInput!) {
  fiscalYearCreate(input: $i) {
    fiscalYear { id name start end periods { id start end status } }
    errors { field code }
  }
}
"""
JOURNALS = """
query($o: ID) { journals(first: 20, organisationId: $o) { edges { node { id code kind } } } }
"""
POST = """
mutation($i: JournalEntryCreateInput!) {
  journalEntryCreate(input: $i) {
    entry { id number posted date lines { account { code } debit credit currency amount } }
    errors { field code message }
  }
}
"""
REVERSE = """
mutation($i: JournalEntryReverseInput!) {
  journalEntryReverse(input: $i) { entry { id number date } errors { field code } }
}
"""
CLOSE = """
mutation($i: PeriodCloseInput!) {
  periodClose(input: $i) { period { id status } errors { field code } }
}
"""
TRIAL = """
query($f: Date!, $t: Date!) {
  trialBalance(from: $f, to: $t) {
    rows { code type opening debit credit closing }
    totalDebit totalCredit totalClosing
  }
}
"""


class Ledger:
    """Account and journal ids by code, periods by start date (ISO)."""

    def __init__(self, accounts: dict[str, str], journals: dict[str, str], periods: dict) -> None:
        self.accounts = accounts
        self.journals = journals
        self.periods = periods
        self.year: str = ""
        self.organisation: str = ""

    def line(self, code: str, debit: Any = None, credit: Any = None, **kw: Any) -> dict:
        line: dict[str, Any] = {"accountId": self.accounts[code]}
        if debit is not None:
            line["debit"] = str(debit)
        if credit is not None:
            line["credit"] = str(credit)
        line.update(kw)
        return line

    def entry(self, journal: str, date: str, *lines: dict, **kw: Any) -> dict:
        return {"journalId": self.journals[journal], "date": date, "lines": list(lines), **kw}


async def organisation(name: str = "Hotel Aurora Srl") -> str:
    """A new organisation party (its Relay id): a ledger belongs to one."""
    from sportello.api import PartyModel, encode_id

    party = await PartyModel.create(kind="organisation", display_name=name, legal_name=name)
    return str(encode_id("Party", party.id))


async def ledger(
    h: Any, template: str = "GENERIC", year: int = 2026, org: str | None = None
) -> Ledger:
    """A chart and a fiscal year: for ``org`` (a Party id), else for a new organisation, the
    installation's only one (the calls that name none work in it)."""
    org = org or await organisation()
    data = await h.ok(INSTALL, {"i": {"template": template, "organisationId": org}})
    payload = data["accountChartInstall"]
    assert payload["errors"] == [], payload
    accounts = {a["code"]: a["id"] for a in payload["accounts"]}
    made = await h.ok(YEAR, {"i": {"start": f"{year}-01-01", "organisationId": org}})
    fy = made["fiscalYearCreate"]
    assert fy["errors"] == [], fy
    periods = {p["start"]: p for p in fy["fiscalYear"]["periods"]}
    found = await h.ok(JOURNALS, {"o": org})
    journals = {e["node"]["code"]: e["node"]["id"] for e in found["journals"]["edges"]}
    result = Ledger(accounts, journals, periods)
    result.organisation = org
    result.year = fy["fiscalYear"]["id"]
    return result


async def codes_and_kinds(h: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The only ledger's account ids by code and journal ids by kind."""
    found = await h.ok(
        "{ accounts(first: 100) { edges { node { id code } } }"
        " journals(first: 20) { edges { node { id kind } } } }"
    )
    accounts = {e["node"]["code"]: e["node"]["id"] for e in found["accounts"]["edges"]}
    journals = {e["node"]["kind"]: e["node"]["id"] for e in found["journals"]["edges"]}
    return accounts, journals


async def post(h: Any, entry: dict, **kw: Any) -> dict:
    data = await h.ok(POST, {"i": entry}, **kw)
    payload: dict = data["journalEntryCreate"]
    return payload


async def trial(h: Any, start: str, end: str) -> dict:
    data = await h.ok(TRIAL, {"f": start, "t": end})
    result: dict = data["trialBalance"]
    return result


def by_account(entry: dict[str, Any]) -> dict[str, Decimal]:
    """Signed (debit - credit) per account code."""
    out: dict[str, Decimal] = {}
    for ln in entry["lines"]:
        code = ln["account"]["code"]
        out[code] = out.get(code, Decimal(0)) + Decimal(ln["debit"] or 0)
        out[code] -= Decimal(ln["credit"] or 0)
    return {k: v for k, v in out.items() if v}


SITE = """
mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { field code } } }
"""
SITE_UPDATE = """
mutation($i: SiteUpdateInput!) { siteUpdate(input: $i) { errors { field code } } }
"""


async def site_of(h: Any, code: str, org: str) -> int:
    """A new site naming the organisation ``org`` (a Party id): its primary key."""
    from sportello.api import decode_id

    made = await h.ok(SITE, {"i": {"code": code, "name": code, "timezone": "Europe/Rome"}})
    assert made["siteCreate"]["errors"] == [], made
    site = made["siteCreate"]["site"]["id"]
    moved = await h.ok(SITE_UPDATE, {"i": {"id": site, "organisationId": org}})
    assert moved["siteUpdate"]["errors"] == [], moved
    return int(decode_id(site, "Site", "id"))
