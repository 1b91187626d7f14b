"""Entries from events that carry no date of their own (a closed cash session, the hotel's folio
events) are dated on the site's local day, or the hotel's business day when the event gives
it: a checkout at 00:30 in Rome on 1 January belongs to the new year, not to 31 December UTC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from accounting_helpers import ledger

from sportello import api
from sportello_accounting.services import lodging_postings, sales_postings

MODULES = ["sales", "accounting"]
PLUGINS = ["sportello_sales.plugin", "sportello_accounting.plugin"]

SITE = """
mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { field code } } }
"""
PARTY = "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } } }"
ENTRIES = """
query($office: String!) { journalEntries(first: 10, sourceOffice: $office) { edges { node {
  sourceDocument date
} } } }
"""
AGED = """
query($at: Date!) { agedReceivables(at: $at) { documents { document dueDate openAmount } } }
"""


async def _site(h: Any, code: str, timezone: str) -> int:
    made = await h.ok(SITE, {"i": {"code": code, "name": code, "timezone": timezone}})
    assert made["siteCreate"]["errors"] == [], made
    return int(api.decode_id(made["siteCreate"]["site"]["id"], "Site", "id"))


async def _dates(h: Any, office: str) -> dict[str, str]:
    edges = (await h.ok(ENTRIES, {"office": office}))["journalEntries"]["edges"]
    return {e["node"]["sourceDocument"]: e["node"]["date"] for e in edges}


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _cash_session(session: int, site: int) -> dict[str, Any]:
    return {
        "cash_session_id": session,
        "site_id": site,
        "desk": "BAR",
        "currency": "EUR",
        "opening_float": "100.00",
        "cash_taken": "50.00",
        "expected_cash": "150.00",
        "counted_cash": "145.00",
        "difference": "-5.00",
    }


async def test_a_cash_session_closed_near_midnight_posts_on_the_local_day(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await ledger(h, year=2026)
        rome = await _site(h, "ROME", "Europe/Rome")
        york = await _site(h, "NYC", "America/New_York")
        # 22:30 UTC on 30 June is 00:30 on 1 July in Rome; 02:00 UTC on 1 July is still
        # 30 June (22:00) in New York.
        for session, site, at in ((1, rome, "2026-06-30T22:30"), (2, york, "2026-07-01T02:00")):
            event = api.Event(
                100 + session,
                sales_postings.CASH_SESSION_CLOSED,
                1,
                f"cash_session:{session}",
                _cash_session(session, site),
                site,
                _utc(at),
            )
            await sales_postings.handle(event)
        assert await _dates(h, "sales") == {
            "cash_session:1": "2026-07-01",
            "cash_session:2": "2026-06-30",
        }


def _folio_closed(reservation: int, site: int, guest: int) -> dict[str, Any]:
    return {
        "reservation_id": reservation,
        "guest_party_id": guest,
        "site_id": site,
        "lines": [
            {
                "kind": "room",
                "description": "Room",
                "quantity": 1,
                "amount": "100.00",
                "charge_code": "ROOM_NIGHT",
            }
        ],
        "total": "100.00",
        "paid": "0.00",
        "currency": "EUR",
        "balance": "100.00",
    }


async def test_a_checkout_after_midnight_in_rome_posts_in_the_new_year(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(["accounting"]) as h:
        await ledger(h, year=2026)
        made = await h.ok(
            "mutation($i: FiscalYearCreateInput!) { fiscalYearCreate(input: $i)"
            " { errors { field code } } }",
            {"i": {"start": "2027-01-01"}},
        )
        assert made["fiscalYearCreate"]["errors"] == [], made
        site = await _site(h, "HOTEL", "Europe/Rome")
        guest_id = (await h.ok(PARTY, {"i": {"displayName": "Maria Rossi"}}))["partyCreate"][
            "party"
        ]["id"]
        guest = int(api.decode_id(guest_id, "Party", "id"))
        # Checked out at 00:30 in Rome on 1 January: 23:30 UTC on 31 December.
        closed = api.Event(
            200,
            lodging_postings.FOLIO_CLOSED,
            1,
            "reservation:7",
            _folio_closed(7, site, guest),
            site,
            _utc("2026-12-31T23:30"),
        )
        await lodging_postings.handle(closed)
        # A payment at the same instant that the hotel's business day (the night audit not
        # run yet) still counts on 31 December: the event's business day wins.
        payment = {
            "reservation_id": 7,
            "site_id": site,
            "kind": "payment",
            "amount": "40.00",
            "balance": "60.00",
            "currency": "EUR",
            "folio_closed": True,
            "line_id": 71,
            "method": "card",
            "business_day": "2026-12-31",
        }
        paid = api.Event(
            201,
            lodging_postings.PAYMENT_ADDED,
            1,
            "reservation:7",
            payment,
            site,
            _utc("2026-12-31T23:40"),
        )
        await lodging_postings.handle(paid)
        assert await _dates(h, "lodging") == {
            "folio:7": "2027-01-01",
            "folio.line:71": "2026-12-31",
        }
        # The folio is due on its local day; the payment settled 40.00 of it.
        aged = (await h.ok(AGED, {"at": "2027-01-02"}))["agedReceivables"]
        assert aged == [
            {"documents": [{"document": "folio:7", "dueDate": "2027-01-01", "openAmount": "60.00"}]}
        ]
