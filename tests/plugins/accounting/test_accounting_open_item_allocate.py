"""Allocating money on account to an open document by hand (``openItemAllocate``): what a
credit note or an overpayment left on account settles one of the same party's documents, never
more than is left on either side; two allocations racing for the same money never take more
than there is."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from accounting_helpers import MODULES as ACCOUNTING
from accounting_helpers import codes_and_kinds, ledger, organisation, post, site_of
from accounting_sales_setup import (
    CREDIT,
    INVOICE_ISSUE,
    MODULES,
    PLUGINS,
    YEAR,
    aged,
    entries,
    invoice,
    party,
    pay,
    setup,
)

from sportello import api
from sportello_accounting.models import Entry, EntryLine, OpenItem
from sportello_accounting.services import open_items
from sportello_accounting.services._common import rows

ALLOCATE = """
mutation($i: OpenItemAllocateInput!) {
  openItemAllocate(input: $i) {
    openItem { id number amount openAmount line { party { id } } }
    errors { field code message }
  }
}
"""


async def _credit_on_account(h: Any, party_id: str, day: str) -> str:
    """An invoice of 100.00 paid in full, then credited: the credit note's receivable line
    (100.00 on account)."""
    paid = await invoice(h, party_id, 1)
    await pay(h, paid["id"], "100.00", day)
    made = await h.ok(CREDIT, {"i": {"invoiceId": paid["id"]}})
    assert made["creditNoteCreate"]["errors"] == [], made
    note = made["creditNoteCreate"]["creditNote"]["id"]
    assert (await h.ok(INVOICE_ISSUE, {"i": {"id": note}}))["invoiceIssue"]["errors"] == []
    await h.settle()
    notes = [e for doc, e in (await entries(h)).items() if doc.startswith("credit_note:")]
    (line,) = [ln for ln in notes[-1]["lines"] if ln["party"] and ln["party"]["id"] == party_id]
    line_id: str = line["id"]
    return line_id


def _items(row: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {d["number"]: (d["openItemId"], d["openAmount"]) for d in row["documents"]}


AGED_IDS = """
query($at: Date!) {
  agedReceivables(at: $at) { partyId onAccount total documents { openItemId number openAmount } }
}
"""


async def _aged_ids(h: Any, at: str) -> dict[str, dict[str, Any]]:
    return {r["partyId"]: r for r in (await h.ok(AGED_IDS, {"at": at}))["agedReceivables"]}


async def _allocate(h: Any, item: str, line: str, amount: str, **kw: Any) -> dict[str, Any]:
    ask = {"openItemId": item, "lineId": line, "amount": amount}
    out: dict[str, Any] = (await h.gql(ALLOCATE, {"i": ask}, **kw))["data"]["openItemAllocate"]
    return out


async def test_money_on_account_settles_an_open_document_of_the_party(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        rossi = await setup(h)
        other = await party(h, "Bianchi Spa")
        issue_day(f"{YEAR}-03-01")
        credit = await _credit_on_account(h, rossi, f"{YEAR}-03-02")
        partly = await invoice(h, rossi, 1)  # 100.00, 70.00 paid: 30.00 open
        await pay(h, partly["id"], "70.00", f"{YEAR}-03-05")
        whole = await invoice(h, rossi, 1)  # 100.00 open
        theirs = await invoice(h, other, 1)
        await h.settle()
        rows = await _aged_ids(h, f"{YEAR}-03-31")
        assert rows[rossi]["onAccount"] == "100.00" and rows[rossi]["total"] == "30.00"
        items = _items(rows[rossi])
        partly_id, whole_id = items[partly["number"]][0], items[whole["number"]][0]
        theirs_id = _items(rows[other])[theirs["number"]][0]
        invoice_line = next(
            ln["id"]
            for doc, e in (await entries(h)).items()
            if doc.startswith("invoice:")
            for ln in e["lines"]
            if ln["party"] and ln["party"]["id"] == rossi
        )

        refused = {
            "OTHER_PARTY": await _allocate(h, theirs_id, credit, "10.00"),
            "NOT_ON_ACCOUNT": await _allocate(h, whole_id, invoice_line, "10.00"),
            "MORE_THAN_OPEN": await _allocate(h, partly_id, credit, "30.01"),
            "MORE_THAN_ON_ACCOUNT": await _allocate(h, whole_id, credit, "100.01"),
            "INVALID": await _allocate(h, whole_id, credit, "0"),
        }
        for code, out in refused.items():
            assert [e["code"] for e in out["errors"]] == [code], (code, out)
            assert out["errors"][0]["message"] and out["openItem"] is None
        # Nothing moved.
        assert await _aged_ids(h, f"{YEAR}-03-31") == rows

        done = await _allocate(h, partly_id, credit, "30.00")
        assert done["errors"] == [] and done["openItem"]["openAmount"] == "0.00", done
        assert done["openItem"]["number"] == partly["number"]
        done = await _allocate(h, whole_id, credit, "50.00")
        assert done["openItem"]["openAmount"] == "50.00", done
        # Again on the same document: one settlement grows.
        done = await _allocate(h, whole_id, credit, "20.00")
        assert done["openItem"]["openAmount"] == "30.00", done
        left = await _allocate(h, whole_id, credit, "0.01")
        assert [e["code"] for e in left["errors"]] == ["MORE_THAN_ON_ACCOUNT"], left

        (row,) = await aged(h, f"{YEAR}-03-31", rossi)
        assert (row["onAccount"], row["total"]) == ("0.00", "30.00"), row
        assert {d["number"]: d["openAmount"] for d in row["documents"]} == {
            whole["number"]: "30.00"
        }
        # Before the money came, nothing was on account, so nothing is allocated then.
        (row,) = await aged(h, f"{YEAR}-03-01", rossi)
        assert row["onAccount"] == "0.00", row


async def test_racing_allocations_never_take_more_than_the_money(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        rossi = await setup(h)
        issue_day(f"{YEAR}-04-01")
        credit = await _credit_on_account(h, rossi, f"{YEAR}-04-02")
        documents = [await invoice(h, rossi, 1) for _ in range(4)]
        await h.settle()
        items = _items((await _aged_ids(h, f"{YEAR}-04-30"))[rossi])
        token = await h.token(roles=["back_office"])
        # Four allocations of 60.00 each, to four documents, from the same 100.00.
        results = await asyncio.gather(
            *(_allocate(h, items[d["number"]][0], credit, "60.00", token=token) for d in documents)
        )
        done = [r for r in results if r["errors"] == []]
        assert len(done) == 1, results
        assert all(
            [e["code"] for e in r["errors"]] == ["MORE_THAN_ON_ACCOUNT"]
            for r in results
            if r["errors"]
        ), results
        (row,) = await aged(h, f"{YEAR}-04-30", rossi)
        assert row["onAccount"] == "40.00" and row["total"] == "300.00", row
        opened = sorted(d["openAmount"] for d in row["documents"])
        assert opened == ["100.00", "100.00", "100.00", "40.00"], row


async def test_money_of_another_ledger_or_currency_is_not_allocated(
    sportello_app: Callable[..., Any],
) -> None:

    async with sportello_app(ACCOUNTING) as h:
        a = await ledger(h, org=await organisation("Hotel Aurora Srl"))
        b = await ledger(h, org=await organisation("Villa Borea Srl"))
        guest = await party(h, "Rossi Srl")

        async def credit(lg: Any, **currency: Any) -> str:
            """50.00 received from the guest, on account (a manual entry): its receivable line."""
            done = await post(
                h,
                lg.entry(
                    "MIS",
                    "2026-03-02",
                    lg.line("1100", debit="50.00", **currency),
                    lg.line("1200", credit="50.00", partyId=guest, **currency),
                ),
            )
            assert done["errors"] == [], done
            entry_id = api.decode_id(done["entry"]["id"], "JournalEntry", "id")
            line = await EntryLine.get(entry_id=entry_id, party_id__not_isnull=True)
            return str(api.encode_id("EntryLine", line.id))

        # A's document: an invoice-like debit of the guest, opened as a sales invoice would be.
        done = await post(
            h,
            a.entry(
                "MIS",
                "2026-03-01",
                a.line("1200", debit="100.00", partyId=guest),
                a.line("4000", credit="100.00"),
            ),
        )
        entry = await Entry.get(id=api.decode_id(done["entry"]["id"], "JournalEntry", "id"))
        line = await EntryLine.get(entry_id=entry.id, party_id__not_isnull=True)
        async with api.atomic():
            opens = open_items.Opens("invoice:1", "INV-1", entry.date)
            await open_items.record(
                entry, "sales", [open_items.Link(line.account_id, line.party_id, opens=opens)]
            )
        opened = await OpenItem.get(line_id=line.id)
        item = str(api.encode_id("OpenItem", opened.id))

        in_b = await credit(b)
        in_dollars = await credit(a, currency="USD", rate="1")
        assert [e["code"] for e in (await _allocate(h, item, in_b, "10.00"))["errors"]] == [
            "OTHER_ORGANISATION"
        ]
        assert [e["code"] for e in (await _allocate(h, item, in_dollars, "10.00"))["errors"]] == [
            "CURRENCY_MISMATCH"
        ]
        # A user of B's sites does not reach A's document.
        site = await site_of(h, "BOR", b.organisation)
        clerk = await h.token(roles=["back_office"], sites=[site])
        own = await credit(a)
        out = await _allocate(h, item, own, "10.00", token=clerk)
        assert [(e["field"], e["code"]) for e in out["errors"]] == [("openItemId", "FORBIDDEN")]
        # Its own user allocates it.
        done = await _allocate(h, item, own, "10.00")
        assert done["errors"] == [] and done["openItem"]["openAmount"] == "90.00", done


WAITING = """
SELECT count(*) AS n FROM pg_stat_activity
WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()
"""


async def test_a_posting_for_the_party_waits_for_an_allocation_of_its_money(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    """A manual entry (or a refund) taking up a party's money on account while an allocation
    of that money is under way waits for it, so the two never spend the same money twice."""
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        if h.backend != "postgres":
            pytest.skip("SQLite runs one transaction at a time")
        rossi = await setup(h)
        issue_day(f"{YEAR}-04-01")
        await invoice(h, rossi, 1)
        await h.settle()
        item = await OpenItem.all().order_by("id").first()
        assert item is not None
        line = await EntryLine.get(id=item.line_id).prefetch_related("account")
        organisation_id, party_id = line.account.organisation_id, line.party_id
        accounts, journals = await codes_and_kinds(h)
        holding, release = asyncio.Event(), asyncio.Event()

        async def allocation_under_way() -> None:
            async with api.atomic():
                await open_items.lock_parties(organisation_id, [party_id])
                holding.set()
                await release.wait()

        held = asyncio.create_task(allocation_under_way())
        await holding.wait()
        entry = {
            "journalId": journals["BANK"],
            "date": f"{YEAR}-04-02",
            "lines": [
                {"accountId": accounts["1200"], "debit": "20.00", "partyId": rossi},
                {"accountId": accounts["1100"], "credit": "20.00"},
            ],
        }
        posting = asyncio.create_task(post(h, entry))
        try:
            async with asyncio.timeout(20):
                while not (await rows(WAITING))[0]["n"]:
                    assert not posting.done(), "posted while the party's money was allocated"
                    await asyncio.sleep(0.02)
            assert not posting.done()
        finally:
            release.set()
            await held
        made = await posting
        assert made["errors"] == [], made
