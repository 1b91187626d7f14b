"""Postings from the hotel when sales is off: deposits and payments on account (customer
advances) until the folio closes, the closed folio's charges to revenue and VAT by charge code,
a balance left unpaid a receivable settled by a later payment, refunds, voids after checkout,
cancelled stays; each event posted once; nothing from lodging when sales is on."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from accounting_helpers import by_account, ledger, trial

from sportello import api
from sportello.events.models import OutboxEvent

sys.path.insert(0, str(Path(__file__).parents[1] / "lodging"))

from lodging_helpers import CHARGE, CHECK_IN, CHECK_OUT, PAY, TODAY, book, hotel, registry

from sportello_accounting.models import OpenItem, PendingSettlement, Settlement
from sportello_accounting.services import lodging_postings

BACKFILL = importlib.import_module("sportello_accounting.migrations.0011_open_items_backfill")

MODULES = ["reception", "lodging", "accounting"]
PLUGINS = ["sportello_accounting.plugin"]

ENTRIES = """
{ journalEntries(first: 10, sourceOffice: "lodging") { edges { node {
  sourceDocument journal { kind } lines { account { code } debit credit party { id } }
} } } }
"""
MAP = """
mutation($i: AccountMappingSetInput!) {
  accountMappingSet(input: $i) {
    accountMapping { id key taxRate account { code } } errors { field code message }
  }
}
"""
VOID = "mutation($i: FolioLineVoidInput!) { folioLineVoid(input: $i) { errors { code field } } }"
REFUND = """
mutation($i: FolioPaymentRefundInput!) {
  folioPaymentRefund(input: $i) { line { id } errors { code field } }
}
"""
CANCEL = """
mutation($i: ReservationCancelInput!) { reservationCancel(input: $i) { errors { code field } } }
"""
FOLIO = """
query($id: ID!) { node(id: $id) { ... on Reservation {
  guest { id } folio { total lines(first: 50) { edges { node { id kind chargeCode amount } } } }
} } }
"""


@pytest.fixture(autouse=True)
def hotel_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every site's today is the lodging tests' day, whatever the hour (as their conftest)."""
    from sportello_lodging.services import clock

    monkeypatch.setattr(clock, "today", lambda timezone=None: TODAY)


def _pk(global_id: str) -> int:
    return int(api.decode_id(global_id, "FolioLine", "id"))


async def _entries(h: Any) -> dict[str, dict[str, Any]]:
    edges = (await h.ok(ENTRIES, as_="manager"))["journalEntries"]["edges"]
    return {e["node"]["sourceDocument"]: e["node"] for e in edges}


async def _books(h: Any) -> None:
    """The generic chart, this year, and the VAT included in room and minibar prices."""
    lg = await ledger(h, year=TODAY.year)
    for code, rate, account in (("ROOM_NIGHT", "10", "4200"), ("MINIBAR", "22", "4300")):
        made = await h.ok(
            MAP,
            {"i": {"key": f"charge:{code}", "accountId": lg.accounts[account], "taxRate": rate}},
            as_="manager",
        )
        assert made["accountMappingSet"]["errors"] == [], made


async def _stay(h: Any, final: str | None) -> str:
    """A night at 100.00 for two, minibar 2 x 4.50, city tax 2 x 2.00, a 50.00 deposit by bank
    transfer before arrival and ``final`` in cash; checked out (unpaid if need be)."""
    room = (await hotel(h, rooms=1))["rooms"][0]["id"]
    rid: str = (await book(h, room, 0, 1, adults=2))["reservation"]["id"]
    deposit = {"reservationId": rid, "amount": "50.00", "method": "bank_transfer", "deposit": True}
    await h.ok(PAY, {"i": deposit}, as_="front_desk")
    await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(2)}}, as_="front_desk")
    minibar = {"reservationId": rid, "description": "Minibar", "unitAmount": "4.50"}
    await h.ok(CHARGE, {"i": {**minibar, "quantity": 2, "chargeCode": "MINIBAR"}}, as_="front_desk")
    if final is not None:
        await h.ok(
            PAY, {"i": {"reservationId": rid, "amount": final, "method": "cash"}}, as_="front_desk"
        )
    out = await h.ok(CHECK_OUT, {"i": {"id": rid, "allowUnpaid": True}}, as_="manager")
    assert out["reservationCheckOut"]["errors"] == [], out
    await h.settle()
    return rid


async def _pay_and_void_minibar(h: Any, rid: str, folio: dict[str, Any], amount: str) -> None:
    """After checkout: ``amount`` paid by card, then the minibar (9.00) voided by a manager."""
    pay = {"reservationId": rid, "amount": amount, "method": "card"}
    assert (await h.ok(PAY, {"i": pay}, as_="front_desk"))["folioPaymentAdd"]["errors"] == []
    minibar = next(
        e["node"]["id"]
        for e in folio["node"]["folio"]["lines"]["edges"]
        if e["node"]["chargeCode"] == "MINIBAR"
    )
    voided = await h.ok(VOID, {"i": {"id": minibar, "reason": "not taken"}}, as_="manager")
    assert voided["folioLineVoid"]["errors"] == [], voided
    await h.settle()


# 100.00 room at 10 % = 90.91 + 9.09; 9.00 minibar at 22 % = 7.38 + 1.62; city tax 4.00.
CLOSED = {"4200": Decimal("-90.91"), "4300": Decimal("-7.38"), "2350": Decimal("-4.00")}
VAT = Decimal("-10.71")


async def test_a_paid_stay_goes_through_advances_to_revenue(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await _books(h)
        await _stay(h, final="63.00")
        entries = await _entries(h)
        assert len(entries) == 3, entries
        money = [by_account(v) for k, v in entries.items() if k.startswith("folio.line:")]
        assert {"1100": Decimal(50), "2300": Decimal(-50)} in money
        assert {"1000": Decimal(63), "2300": Decimal(-63)} in money
        folio = next(v for k, v in entries.items() if k.startswith("folio:"))
        assert folio["journal"]["kind"] == "SALES"
        assert by_account(folio) == {**CLOSED, "2100": VAT, "2300": Decimal("113.00")}
        # The advances are used up and the VAT register has the two rates.
        tb = await trial(h, f"{TODAY.year}-01-01", f"{TODAY.year}-12-31")
        closing = {r["code"]: Decimal(r["closing"]) for r in tb["rows"]}
        assert closing.get("2300", Decimal(0)) == 0
        assert Decimal(tb["totalDebit"]) == Decimal(tb["totalCredit"])
        register = await h.ok(
            "query($f: Date!, $t: Date!) { vatRegister(book: SALES, from: $f, to: $t)"
            " { rate base tax } }",
            {"f": f"{TODAY.year}-01-01", "t": f"{TODAY.year}-12-31"},
            as_="manager",
        )
        rows = {Decimal(r["rate"]): (r["base"], r["tax"]) for r in register["vatRegister"]}
        assert rows == {Decimal(10): ("90.91", "9.09"), Decimal(22): ("7.38", "1.62")}


async def test_an_unpaid_balance_is_a_receivable_settled_later(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await _books(h)
        rid = await _stay(h, final=None)
        folio = await h.ok(FOLIO, {"id": rid}, as_="manager")
        guest = folio["node"]["guest"]["id"]
        entries = await _entries(h)
        closed = next(v for k, v in entries.items() if k.startswith("folio:"))
        assert by_account(closed) == {
            **CLOSED,
            "2100": VAT,
            "2300": Decimal("50.00"),
            "1200": Decimal("63.00"),
        }
        receivable = next(ln for ln in closed["lines"] if ln["account"]["code"] == "1200")
        assert receivable["party"]["id"] == guest

        # After checkout: a payment settles the receivable; a manager voids the minibar
        # (revenue and VAT taken back from the receivable) and refunds its 9.00 in cash.
        await _pay_and_void_minibar(h, rid, folio, "63.00")
        entries = await _entries(h)
        void = next(v for k, v in entries.items() if k.startswith("folio.void:"))
        assert by_account(void) == {
            "4300": Decimal("7.38"),
            "2100": Decimal("1.62"),
            "1200": Decimal("-9.00"),
        }
        payments = [by_account(v) for k, v in entries.items() if k.startswith("folio.line:")]
        assert {"1150": Decimal(63), "1200": Decimal(-63)} in payments

        lines = (await h.ok(FOLIO, {"id": rid}, as_="manager"))["node"]["folio"]["lines"]
        card = next(
            e["node"]["id"]
            for e in lines["edges"]
            if e["node"]["kind"] == "PAYMENT" and e["node"]["amount"] == "63.00"
        )
        refunded = await h.ok(
            REFUND, {"i": {"id": card, "amount": "9.00", "reason": "minibar"}}, as_="manager"
        )
        assert refunded["folioPaymentRefund"]["errors"] == [], refunded
        refunded = refunded["folioPaymentRefund"]["line"]["id"]
        await h.settle()
        entries = await _entries(h)
        assert len(entries) == 5, sorted(entries)
        refund = next(v for k, v in entries.items() if k == f"folio.line:{_pk(refunded)}")
        assert by_account(refund) == {"1150": Decimal(-9), "1200": Decimal(9)}
        tb = await trial(h, f"{TODAY.year}-01-01", f"{TODAY.year}-12-31")
        closing = {r["code"]: Decimal(r["closing"]) for r in tb["rows"]}
        # Everything settled: no receivable, no advance left; the refund left the card account.
        assert closing.get("1200", Decimal(0)) == 0
        assert closing.get("2300", Decimal(0)) == 0
        assert closing["1150"] == Decimal("54.00")


async def test_a_cancelled_stay_refunds_or_keeps_its_deposit(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await ledger(h, year=TODAY.year)
        rooms = (await hotel(h, rooms=2))["rooms"]
        first = (await book(h, rooms[0]["id"], 1, 3))["reservation"]["id"]
        kept = (await book(h, rooms[1]["id"], 1, 3, name="Ana Martín"))["reservation"]["id"]
        for rid in (first, kept):
            deposit = {"reservationId": rid, "amount": "80", "deposit": True, "method": "card"}
            assert (await h.ok(PAY, {"i": deposit}, as_="front_desk"))["folioPaymentAdd"][
                "errors"
            ] == []
        done = await h.ok(CANCEL, {"i": {"id": first, "deposit": "REFUND"}}, as_="front_desk")
        assert done["reservationCancel"]["errors"] == [], done
        done = await h.ok(
            CANCEL, {"i": {"id": kept, "deposit": "KEEP", "reason": "late"}}, as_="front_desk"
        )
        assert done["reservationCancel"]["errors"] == [], done
        await h.settle()
        entries = await _entries(h)
        amounts = [(k.split(":")[0], by_account(v)) for k, v in entries.items()]
        # Two deposits, one refunded (the card gives back what the advance held), one kept as
        # the cancellation fee (revenue from the advance); the refunded folio has no charge.
        assert sorted(amounts, key=repr) == sorted(
            [
                ("folio", {"4200": Decimal(-80), "2300": Decimal(80)}),
                ("folio.line", {"1150": Decimal(80), "2300": Decimal(-80)}),
                ("folio.line", {"1150": Decimal(80), "2300": Decimal(-80)}),
                ("folio.line", {"1150": Decimal(-80), "2300": Decimal(80)}),
            ],
            key=repr,
        )


async def test_the_same_event_handled_twice_posts_once(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await _books(h)
        await _stay(h, final=None)
        before = await _entries(h)
        assert len(before) == 2
        for row in await OutboxEvent.filter(name__startswith="lodging.folio.").order_by("id"):
            event = api.Event(
                row.id,
                row.name,
                row.version,
                row.aggregate,
                row.payload,
                row.site_id,
                row.occurred_at,
            )
            for _ in range(2):  # a retried handler: same event id, no delivery mark
                await lodging_postings.handle(event)
        assert await _entries(h) == before


def test_handlers_only_when_lodging_is_on_and_sales_off() -> None:
    names = {h.event for h in lodging_postings.handlers(lambda office: office == "lodging")}
    assert names == {
        "lodging.folio.payment_added",
        "lodging.folio.payment_refunded",
        "lodging.folio.closed",
        "lodging.folio.line_voided",
    }
    assert lodging_postings.handlers(lambda office: True) == []
    assert lodging_postings.handlers(lambda office: office == "sales") == []


def test_vat_included_in_a_price_splits_to_the_cent() -> None:
    assert lodging_postings.split_vat(Decimal("100.00"), Decimal(10)) == (
        Decimal("90.91"),
        Decimal("9.09"),
    )
    assert lodging_postings.split_vat(Decimal("4.00"), None) == (Decimal("4.00"), Decimal(0))


AGED = """
query($at: Date!) {
  agedReceivables(at: $at) { partyId total onAccount documents { document openAmount bucket } }
}
"""


async def test_the_folio_left_unpaid_is_an_open_document_settled_by_later_payments(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await _books(h)
        rid = await _stay(h, final=None)
        guest = (await h.ok(FOLIO, {"id": rid}, as_="manager"))["node"]["guest"]["id"]
        folio = f"folio:{api.decode_id(rid, 'Reservation', 'id')}"
        aged = (await h.ok(AGED, {"at": TODAY.isoformat()}, as_="manager"))["agedReceivables"]
        assert aged == [
            {
                "partyId": guest,
                "total": "63.00",
                "onAccount": "0.00",
                "documents": [{"document": folio, "openAmount": "63.00", "bucket": "NOT_DUE"}],
            }
        ]
        # A payment after checkout names no guest: it settles the folio's guest all the same.
        pay = {"reservationId": rid, "amount": "20.00", "method": "card"}
        assert (await h.ok(PAY, {"i": pay}, as_="front_desk"))["folioPaymentAdd"]["errors"] == []
        await h.settle()
        (row,) = (await h.ok(AGED, {"at": TODAY.isoformat()}, as_="manager"))["agedReceivables"]
        assert row["documents"] == [{"document": folio, "openAmount": "43.00", "bucket": "NOT_DUE"}]
        assert (row["total"], row["onAccount"]) == ("43.00", "0.00")


async def test_the_upgrade_opens_and_settles_folios_closed_before_open_items(
    sportello_app: Callable[..., Any],
) -> None:
    """Migration 0011 on a folio closed unpaid, paid in part and voided in part after checkout
    before open items existed: the aged receivables read as they would have."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await _books(h)
        rid = await _stay(h, final=None)
        folio = await h.ok(FOLIO, {"id": rid}, as_="manager")
        await _pay_and_void_minibar(h, rid, folio, "20.00")
        expected = (await h.ok(AGED, {"at": TODAY.isoformat()}, as_="manager"))["agedReceivables"]
        (row,) = expected
        assert [d["openAmount"] for d in row["documents"]] == ["34.00"], row

        await Settlement.all().delete()
        await PendingSettlement.all().delete()
        await OpenItem.all().delete()
        (row,) = (await h.ok(AGED, {"at": TODAY.isoformat()}, as_="manager"))["agedReceivables"]
        assert row["documents"] == [], row
        async with api.atomic() as conn:
            await BACKFILL.Backfill(conn).fill()
        after = (await h.ok(AGED, {"at": TODAY.isoformat()}, as_="manager"))["agedReceivables"]
        assert after == expected
