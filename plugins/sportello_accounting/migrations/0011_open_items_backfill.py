"""Open items for the receivables posted before open items existed: each sales invoice and
closed folio posted before gets its open item, and the payments, credit notes, voids, refunds
and reversals posted after it settle (or reopen) it as their posting would have done today.
Entries are replayed in the order they were posted, from their stored event (the invoice's
number and due date, the invoice a payment or credit note names); an entry whose event is gone
falls back on its source and reference. Lines that already have their open item, settlement
or pending settlement are left alone, so running it on a ledger posted with open items does
nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

LINKED = """
SELECT MIN(l.entry_id) FROM accounting_entry_line l WHERE l.id IN (
    SELECT line_id FROM accounting_open_item UNION SELECT line_id FROM accounting_settlement
    UNION SELECT line_id FROM accounting_pending_settlement)
"""
ENTRIES = """
SELECT e.id, e.date, e.reference, e.source_office, e.source_document, e.reversal_of_id,
    o.name AS event, o.payload
FROM accounting_entry e LEFT JOIN events_outbox o ON o.id = e.source_event
WHERE (e.id < ? AND (e.source_office IN ('sales', 'lodging') OR e.reversal_of_id IS NOT NULL))
    OR e.reversal_of_id < ?
ORDER BY e.id
"""
LINES = """
SELECT l.id, l.entry_id, l.account_id, l.party_id, l.date, l.debit, l.credit, l.amount, l.rate,
    a.role
FROM accounting_entry_line l JOIN accounting_account a ON a.id = l.account_id
WHERE l.party_id IS NOT NULL AND l.entry_id IN (SELECT id FROM accounting_entry WHERE {where})
ORDER BY l.id
"""
FOLIO = re.compile(r"^Folio (\d+)")


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


class Backfill:
    """The open items' rules (``services.open_items``) replayed over raw rows."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.postgres = client.capabilities.dialect == "postgres"

    def _sql(self, text: str) -> str:
        if not self.postgres:
            return text
        counter = iter(range(1, 10_000))
        return re.sub(r"\?", lambda _m: f"${next(counter)}", text)

    def _value(self, value: Any) -> Any:
        if isinstance(value, dt.date) and not self.postgres:
            return value.isoformat()
        return value

    async def rows(self, text: str, *params: Any) -> list[dict[str, Any]]:
        values = [self._value(p) for p in params]
        found: list[dict[str, Any]] = await self.client.execute_query_dict(
            self._sql(text), values
        )
        return found

    async def run(self, text: str, *params: Any) -> None:
        await self.client.execute_query(self._sql(text), [self._value(p) for p in params])

    async def item(self, office: str, document: str) -> dict[str, Any] | None:
        found = await self.rows(
            "SELECT id, amount, settled FROM accounting_open_item"
            " WHERE source_office = ? AND document = ?",
            office,
            document,
        )
        return found[0] if found else None

    async def settle(self, line: dict[str, Any], office: str, document: str, amount: int) -> None:
        if amount == 0:
            return
        item = await self.item(office, document)
        if item is None:
            if amount > 0:
                await self.run(
                    "INSERT INTO accounting_pending_settlement"
                    " (line_id, source_office, document, amount) VALUES (?, ?, ?, ?)",
                    line["id"],
                    office,
                    document,
                    amount,
                )
            return
        settled, total = int(item["settled"]), int(item["amount"])
        take = min(amount, total - settled) if amount > 0 else max(amount, -settled)
        await self._apply(line, item, take)

    async def _apply(self, line: dict[str, Any], item: dict[str, Any], take: int) -> None:
        if take == 0:
            return
        await self.run(
            "UPDATE accounting_open_item SET settled = settled + ? WHERE id = ?", take, item["id"]
        )
        await self.run(
            "INSERT INTO accounting_settlement (line_id, item_id, date, amount)"
            " VALUES (?, ?, ?, ?)",
            line["id"],
            item["id"],
            _date(line["date"]),
            take,
        )

    async def reopen(
        self, line: dict[str, Any], office: str, document: str, most: int, leaves: int
    ) -> None:
        item = await self.item(office, document)
        if most <= 0 or item is None:
            return
        settled, total = int(item["settled"]), int(item["amount"])
        owed = min(max(leaves, 0), total) - (total - settled)
        take = min(most, max(owed, 0), settled)
        if take > 0:
            await self._apply(line, item, -take)

    async def open(
        self, line: dict[str, Any], office: str, document: str, number: str, due: dt.date
    ) -> None:
        amount = int(line["debit"]) - int(line["credit"])
        if amount <= 0 or await self.item(office, document) is not None:
            return
        await self.run(
            "INSERT INTO accounting_open_item"
            " (line_id, source_office, document, number, due_date, amount, settled)"
            " VALUES (?, ?, ?, ?, ?, ?, 0)",
            line["id"],
            office,
            document,
            number[:60],
            due,
            amount,
        )
        pending = await self.rows(
            "SELECT p.id, p.amount, l.id AS line_id, l.date FROM accounting_pending_settlement p"
            " JOIN accounting_entry_line l ON l.id = p.line_id"
            " WHERE p.source_office = ? AND p.document = ? ORDER BY p.id",
            office,
            document,
        )
        for waiting in pending:
            await self.settle(
                {"id": waiting["line_id"], "date": waiting["date"]},
                office,
                document,
                int(waiting["amount"]),
            )
        await self.run(
            "DELETE FROM accounting_pending_settlement WHERE source_office = ? AND document = ?",
            office,
            document,
        )

    async def mirror(self, original: int, lines: list[dict[str, Any]]) -> None:
        """A reversal undoes what its original's lines did (``open_items.mirror``)."""
        originals = await self.rows(
            "SELECT id, account_id, party_id, amount FROM accounting_entry_line WHERE entry_id = ?",
            original,
        )
        await self.run(
            "DELETE FROM accounting_pending_settlement WHERE line_id IN"
            " (SELECT id FROM accounting_entry_line WHERE entry_id = ?)",
            original,
        )

        def opposite(line_id: int) -> dict[str, Any] | None:
            ln = next(o for o in originals if o["id"] == line_id)
            return next(
                (
                    s
                    for s in lines
                    if s["account_id"] == ln["account_id"]
                    and s["party_id"] == ln["party_id"]
                    and int(s["amount"]) == -int(ln["amount"])
                ),
                None,
            )

        items = await self.rows(
            "SELECT i.line_id, i.source_office, i.document, i.amount FROM accounting_open_item i"
            " JOIN accounting_entry_line l ON l.id = i.line_id WHERE l.entry_id = ?",
            original,
        )
        settlements = await self.rows(
            "SELECT s.line_id, s.amount, i.source_office, i.document FROM accounting_settlement s"
            " JOIN accounting_open_item i ON i.id = s.item_id"
            " JOIN accounting_entry_line l ON l.id = s.line_id WHERE l.entry_id = ? ORDER BY s.id",
            original,
        )
        for found in items:
            line = opposite(found["line_id"])
            if line is not None:
                await self.settle(line, found["source_office"], found["document"], found["amount"])
        for s in settlements:
            line = opposite(s["line_id"])
            if line is not None:
                await self.settle(line, s["source_office"], s["document"], -int(s["amount"]))

    async def sales(self, entry: dict[str, Any], p: dict[str, Any], line: dict[str, Any]) -> None:
        """``sales_postings.links``, from the stored event (else the entry's source)."""
        source = str(entry["source_document"] or "")
        signed = int(line["debit"]) - int(line["credit"])
        kind, _, _key = source.partition(":")
        if kind == "invoice":
            due = p.get("due_date") or p.get("issue_date")
            number = str(p.get("number") or entry["reference"])
            await self.open(
                line, "sales", source, number, _date(due) if due else _date(entry["date"])
            )
        elif kind == "credit_note" and p.get("corrects_invoice_id"):
            await self.settle(line, "sales", f"invoice:{p['corrects_invoice_id']}", -signed)
        elif kind == "payment":
            document = f"invoice:{p['invoice_id']}" if p.get("invoice_id") else None
            if document is None:
                number = str(entry["reference"]).removeprefix("Payment ")
                found = await self.rows(
                    "SELECT document FROM accounting_open_item"
                    " WHERE source_office = 'sales' AND number = ?",
                    number,
                )
                document = found[0]["document"] if len(found) == 1 else None
            if document is not None:
                await self.settle(line, "sales", document, -signed)
        elif kind == "refund" and p.get("invoice_id") and signed > 0:
            balance = max(Decimal(str(p.get("balance") or 0)), Decimal(0))
            cents = balance * Decimal(str(line["rate"] or 1)) * 100
            leaves = int(cents.to_integral_value(rounding=ROUND_HALF_UP))
            await self.reopen(line, "sales", f"invoice:{p['invoice_id']}", signed, leaves)

    async def lodging(
        self, entry: dict[str, Any], p: dict[str, Any], line: dict[str, Any]
    ) -> None:
        """``lodging_postings``: the close opens the folio, what moves the guest's receivable
        after it (a void, a payment, a refund) settles or reopens it."""
        source = str(entry["source_document"] or "")
        if source.startswith("folio:"):
            await self.open(line, "lodging", source, str(entry["reference"]), _date(entry["date"]))
            return
        if line["role"] != "receivable":
            return  # money before the close goes to advances: it settles nothing
        reservation = p.get("reservation_id")
        if reservation is None:
            match = FOLIO.match(str(entry["reference"]))
            reservation = match.group(1) if match else None
        if reservation is not None:
            signed = int(line["debit"]) - int(line["credit"])
            await self.settle(line, "lodging", f"folio:{reservation}", -signed)

    async def fill(self) -> None:
        found = await self.rows(LINKED)
        linked = found[0] if found else {}
        first = next(iter(linked.values()), None) if linked else None
        cutoff = int(first) if first is not None else 2**31 - 1
        entries = await self.rows(ENTRIES, cutoff, cutoff)
        if not entries:
            return
        lines: dict[int, list[dict[str, Any]]] = {}
        where = "id < ? OR reversal_of_id < ?"
        for ln in await self.rows(LINES.format(where=where), cutoff, cutoff):
            lines.setdefault(int(ln["entry_id"]), []).append(ln)
        for entry in entries:
            own = lines.get(int(entry["id"]), [])
            if entry["reversal_of_id"] is not None:
                await self.mirror(int(entry["reversal_of_id"]), own)
                continue
            payload = entry["payload"]
            p = json.loads(payload) if isinstance(payload, str | bytes) else dict(payload or {})
            receivable = [ln for ln in own if ln["role"] == "receivable"] or own
            if not receivable:
                continue
            if entry["source_office"] == "sales":
                await self.sales(entry, p, receivable[0])
            else:
                await self.lodging(entry, p, receivable[0])


async def forward(apps: Any, editor: Any) -> None:
    if editor.client.capabilities.dialect not in ("postgres", "sqlite"):
        return
    await Backfill(editor.client).fill()


async def backward(apps: Any, editor: Any) -> None:
    """The open items stay (a later forward run leaves them alone)."""


class Migration(migrations.Migration):
    dependencies = [
        ("accounting", "0010_pending_settlements"),
        ("events", "0004_outbox_trace_context"),
    ]

    initial = False

    operations = [ops.RunPython(forward, backward)]
