"""Aged receivables per document: sales invoices opened by their posting, settled by the
payments and credit notes that name them, aged by due date as of a date; money allocated to
nothing on account; a redelivered payment settling once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import accounting_sales_setup as sales
from accounting_helpers import REVERSE, codes_and_kinds, post
from accounting_sales_setup import (
    CREDIT,
    ENTRIES,
    INVOICE_ISSUE,
    MODULES,
    PARTY,
    PAY,
    PLUGINS,
    YEAR,
)

from sportello import api
from sportello.events.models import OutboxEvent
from sportello_accounting.models import Settlement
from sportello_accounting.services import sales_postings


def _documents(row: dict[str, Any]) -> dict[str, tuple[str, str, int]]:
    """number -> (open amount, bucket, days overdue)"""
    return {d["number"]: (d["openAmount"], d["bucket"], d["daysOverdue"]) for d in row["documents"]}


async def test_a_partial_payment_settles_the_invoice_it_names(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        party = await sales.setup(h)
        issue_day(f"{YEAR}-09-01")
        older = await sales.invoice(h, party, 2)  # 200.00 (VAT included), due 1 October
        issue_day(f"{YEAR}-11-20")
        newer = await sales.invoice(h, party, 1)  # 100.00, due 20 December
        assert older["dueDate"] == f"{YEAR}-10-01" and newer["dueDate"] == f"{YEAR}-12-20"
        paid = await h.ok(
            PAY,
            {
                "i": {
                    "invoiceId": older["id"],
                    "amount": "80.00",
                    "method": "bank_transfer",
                    "paidOn": f"{YEAR}-11-25",
                }
            },
        )
        assert paid["paymentRegister"]["errors"] == [], paid
        await h.settle()

        # Before the payment: both invoices whole, the older 54 days past due.
        (row,) = await sales.aged(h, f"{YEAR}-11-24")
        assert _documents(row) == {
            older["number"]: ("200.00", "OVERDUE_60", 54),
            newer["number"]: ("100.00", "NOT_DUE", 0),
        }
        assert (row["overdue60"], row["notDue"], row["total"]) == ("200.00", "100.00", "300.00")

        # After it: the older invoice (75 days past due) holds what is left, the newer is whole.
        (row,) = await sales.aged(h, f"{YEAR}-12-15", party)
        assert row["partyId"] == party and row["name"] == "Rossi Srl"
        assert _documents(row) == {
            older["number"]: ("120.00", "OVERDUE_90", 75),
            newer["number"]: ("100.00", "NOT_DUE", 0),
        }
        assert (row["notDue"], row["overdue30"], row["overdue60"]) == ("100.00", "0.00", "0.00")
        assert (row["overdue90"], row["older"], row["total"]) == ("120.00", "0.00", "220.00")
        assert row["onAccount"] == "0.00" and row["withoutDocument"] == "0.00"
        # In January the older invoice is over 90 days late, the newer 21 days.
        (row,) = await sales.aged(h, f"{YEAR + 1}-01-10")
        assert _documents(row)[older["number"]][1] == "OLDER"
        assert _documents(row)[newer["number"]] == ("100.00", "OVERDUE_30", 21)


async def test_a_payment_handled_twice_settles_once(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        party = await sales.setup(h)
        issue_day(f"{YEAR}-10-01")
        invoice = await sales.invoice(h, party, 1)
        pay = {"invoiceId": invoice["id"], "amount": "30.00", "method": "cash"}
        await h.ok(PAY, {"i": {**pay, "paidOn": f"{YEAR}-10-05"}})
        await h.settle()
        assert await Settlement.all().count() == 1
        row = await OutboxEvent.get(name=sales_postings.PAYMENT_REGISTERED)
        event = api.Event(row.id, row.name, row.version, row.aggregate, row.payload, row.site_id)
        for _ in range(2):  # a retried handler: same event id, no delivery mark
            await sales_postings.handle(event)
        assert await Settlement.all().count() == 1
        (aged,) = await sales.aged(h, f"{YEAR}-10-31")
        assert _documents(aged) == {invoice["number"]: ("70.00", "NOT_DUE", 0)}

        # Reversing the payment's entry takes its settlement back: the invoice is whole again.
        edges = (await h.ok(ENTRIES))["journalEntries"]["edges"]
        entry = next(
            e["node"]["id"] for e in edges if e["node"]["sourceDocument"].startswith("payment:")
        )
        reversed_ = await h.ok(REVERSE, {"i": {"id": entry, "date": f"{YEAR}-10-20"}})
        assert reversed_["journalEntryReverse"]["errors"] == [], reversed_
        (aged,) = await sales.aged(h, f"{YEAR}-10-31")
        assert _documents(aged) == {invoice["number"]: ("100.00", "NOT_DUE", 0)}
        assert (aged["total"], aged["onAccount"]) == ("100.00", "0.00")
        (aged,) = await sales.aged(h, f"{YEAR}-10-19")  # before the reversal: still settled
        assert _documents(aged) == {invoice["number"]: ("70.00", "NOT_DUE", 0)}


async def test_a_credit_note_reduces_the_invoice_it_corrects(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        party = await sales.setup(h)
        issue_day(f"{YEAR}-06-01")
        first = await sales.invoice(h, party, 3)  # 300.00
        second = await sales.invoice(h, party, 1)  # 100.00
        made = await h.ok(CREDIT, {"i": {"invoiceId": first["id"]}})
        assert made["creditNoteCreate"]["errors"] == [], made
        note = made["creditNoteCreate"]["creditNote"]
        issue_day(f"{YEAR}-06-10")
        issued = await h.ok(INVOICE_ISSUE, {"i": {"id": note["id"]}})
        assert issued["invoiceIssue"]["errors"] == [], issued
        await h.settle()
        (row,) = await sales.aged(h, f"{YEAR}-06-30")
        # The whole first invoice is credited: only the second stays open.
        assert _documents(row) == {second["number"]: ("100.00", "NOT_DUE", 0)}
        assert row["total"] == "100.00" and row["onAccount"] == "0.00"
        # Before the note, both were open.
        (row,) = await sales.aged(h, f"{YEAR}-06-09")
        assert {k: v[0] for k, v in _documents(row).items()} == {
            first["number"]: "300.00",
            second["number"]: "100.00",
        }


async def test_money_allocated_to_no_document_is_on_account(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        party = await sales.setup(h)
        issue_day(f"{YEAR}-03-01")
        invoice = await sales.invoice(h, party, 1)
        await h.settle()
        accounts, journals = await codes_and_kinds(h)
        # 150.00 received by bank for the party, allocated to nothing (a manual entry).
        made = await post(
            h,
            {
                "journalId": journals["BANK"],
                "date": f"{YEAR}-03-20",
                "lines": [
                    {"accountId": accounts["1100"], "debit": "150.00"},
                    {"accountId": accounts["1200"], "credit": "150.00", "partyId": party},
                ],
            },
        )
        assert made["errors"] == [], made
        (row,) = await sales.aged(h, f"{YEAR}-03-31")
        assert _documents(row) == {invoice["number"]: ("100.00", "NOT_DUE", 0)}
        assert Decimal(row["onAccount"]) == Decimal("150.00")
        assert Decimal(row["total"]) == Decimal("-50.00")
        assert row["withoutDocument"] == "0.00"
        # Nobody else: a party with nothing open is not listed; another's filter is empty.
        other = (await h.ok(PARTY, {"i": {"displayName": "Bianchi"}}))["partyCreate"]["party"]
        assert await sales.aged(h, f"{YEAR}-03-31", other["id"]) == []


async def test_concurrent_reversals_take_back_every_settlement(
    sportello_app: Callable[..., Any], issue_day: Callable[[str], None]
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        party = await sales.setup(h)
        issue_day(f"{YEAR}-05-01")
        invoice = await sales.invoice(h, party, 1)  # 100.00
        # In cash and by bank: entries of two journals, which number without waiting for each
        # other, so the reversals meet only at the invoice's running total.
        for n, method in enumerate(("cash", "bank_transfer") * 2):
            pay = {"invoiceId": invoice["id"], "amount": "20.00", "method": method}
            made = await h.ok(PAY, {"i": {**pay, "paidOn": f"{YEAR}-05-0{n + 2}"}})
            assert made["paymentRegister"]["errors"] == [], made
        await h.settle()
        (aged,) = await sales.aged(h, f"{YEAR}-05-31")
        assert _documents(aged) == {invoice["number"]: ("20.00", "NOT_DUE", 0)}
        edges = (await h.ok(ENTRIES))["journalEntries"]["edges"]
        payments = [
            e["node"]["id"] for e in edges if e["node"]["sourceDocument"].startswith("payment:")
        ]
        assert len(payments) == 4
        token = await h.token(roles=["back_office"])
        results = await asyncio.gather(
            *(
                h.gql(REVERSE, {"i": {"id": entry, "date": f"{YEAR}-05-20"}}, token=token)
                for entry in payments
            )
        )
        assert all(r["data"]["journalEntryReverse"]["errors"] == [] for r in results), results
        # Each reversal read the running total another was changing: none of them is lost.
        (aged,) = await sales.aged(h, f"{YEAR}-05-31")
        assert _documents(aged) == {invoice["number"]: ("100.00", "NOT_DUE", 0)}
        assert (aged["total"], aged["onAccount"]) == ("100.00", "0.00")
        assert await Settlement.filter(amount__lt=0).count() == 4
