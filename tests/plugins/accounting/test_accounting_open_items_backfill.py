"""Receivables posted before open items existed get them from the upgrade (accounting
migration 0011): each invoice its open item, settled by the payments and credit notes posted
since, reversals undoing what they reverse; the aged receivables then read as if the documents
had been posted with open items. Running it again changes nothing."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from accounting_helpers import REVERSE
from accounting_sales_setup import (
    CREDIT,
    INVOICE_ISSUE,
    MODULES,
    PLUGINS,
    YEAR,
    aged,
    entries,
    invoice,
    pay,
    setup,
)

from sportello import api
from sportello_accounting.models import OpenItem, PendingSettlement, Settlement

BACKFILL = importlib.import_module("sportello_accounting.migrations.0011_open_items_backfill")


async def _forget_open_items() -> None:
    """The ledger as it was before open items: entries, no item, no settlement."""
    await Settlement.all().delete()
    await PendingSettlement.all().delete()
    await OpenItem.all().delete()


async def _backfill() -> None:
    async with api.atomic() as conn:
        await BACKFILL.Backfill(conn).fill()


async def test_the_upgrade_opens_and_settles_documents_posted_before_open_items(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        party = await setup(h)
        issue_day(f"{YEAR}-09-01")
        older = await invoice(h, party, 2)  # 200.00, due 1 October
        issue_day(f"{YEAR}-09-10")
        credited = await invoice(h, party, 1)  # 100.00, wholly credited
        issue_day(f"{YEAR}-09-20")
        await invoice(h, party, 1)  # 100.00, its entry reversed
        issue_day(f"{YEAR}-11-20")
        newer = await invoice(h, party, 1)  # 100.00, due 20 December, paid, then credited
        await pay(h, older["id"], "80.00", f"{YEAR}-11-25", "bank_transfer")
        await pay(h, newer["id"], "100.00", f"{YEAR}-11-26")
        issue_day(f"{YEAR}-11-27")
        for document in (credited, newer):  # the second leaves 100.00 on account
            made = await h.ok(CREDIT, {"i": {"invoiceId": document["id"]}})
            assert made["creditNoteCreate"]["errors"] == [], made
            note = made["creditNoteCreate"]["creditNote"]["id"]
            issued = await h.ok(INVOICE_ISSUE, {"i": {"id": note}})
            assert issued["invoiceIssue"]["errors"] == [], issued
        await h.settle()
        # the third invoice's entry is reversed
        third = next(
            e["id"]
            for doc, e in (await entries(h)).items()
            if doc.startswith("invoice:") and e["date"] == f"{YEAR}-09-20"
        )
        out = await h.ok(REVERSE, {"i": {"id": third, "date": f"{YEAR}-11-28"}})
        assert out["journalEntryReverse"]["errors"] == [], out

        expected = {at: await aged(h, at) for at in (f"{YEAR}-10-15", f"{YEAR}-12-31")}
        (row,) = expected[f"{YEAR}-12-31"]
        documents = {d["number"]: d["openAmount"] for d in row["documents"]}
        assert documents == {older["number"]: "120.00"}, row
        assert (row["onAccount"], row["total"]) == ("100.00", "20.00"), row
        settlements = await Settlement.all().count()

        await _forget_open_items()
        (before,) = await aged(h, f"{YEAR}-12-31")
        assert before["documents"] == [] and before["withoutDocument"] == "20.00", before

        await _backfill()
        for at, rows in expected.items():
            assert await aged(h, at) == rows, at
        assert await Settlement.all().count() == settlements
        # Again: nothing more (every line has its item or settlement already).
        await _backfill()
        assert await Settlement.all().count() == settlements
        assert await aged(h, f"{YEAR}-12-31") == expected[f"{YEAR}-12-31"]
