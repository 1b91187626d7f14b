"""Open items: which document a receivable line opened (an invoice, a closed folio) and how
much of it each later line settled (a payment, a credit note, a void after checkout).

The posting of an office's event says what its receivable line does (a ``Link``): opens a
document with its number and due date, or settles a document of the same office. Both are
written in the posting's transaction, only when the entry is new, so a redelivered event
settles once. A settlement never takes an item past its amount (nor below zero, a refund):
what is left of the line stays unallocated, money on account for the party. ``settled`` moves
by one conditional UPDATE checking the value the decision read; a concurrent settlement makes
it read again.

The events of a document and of what settles it are handled independently (on PostgreSQL at
the same time): a payment's posting may come before its invoice's. A line that names a document
not opened yet waits as a pending settlement, applied when the document is opened. Opening and
settling a document take a transaction-long lock on its key (PostgreSQL; SQLite runs one
transaction at a time), so the two never miss each other.

A refund (money paid back on a payment) reopens the document it was paid on only as far as
the document is owed again (``Link.reopens``, ``Link.leaves_open``): a payment refunded
without a credit note makes its invoice open again for that amount; a refund of what a credit
note left owed to the party reopens nothing (its debit takes up the party's money on account).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.expressions import F

from sportello import api
from sportello_accounting import models as m


@dataclass(frozen=True)
class Opens:
    """The document a receivable debit opens."""

    document: str
    number: str
    due_date: dt.date


@dataclass(frozen=True)
class Link:
    """What an entry's receivable line (found by account and party) does to the open items:
    opens a document, or settles one of the same office (``settles``: its key)."""

    account_id: int
    party_id: int | None
    opens: Opens | None = None
    settles: str | None = None
    #: a refund: the document paid back on, reopened up to ``leaves_open`` cents
    reopens: str | None = None
    #: cents the document is owed after the refund (its issuer's balance), at most its amount
    leaves_open: int = 0


async def _line(entry_id: int, link: Link) -> m.EntryLine | None:
    return (
        await m.EntryLine.filter(
            entry_id=entry_id, account_id=link.account_id, party_id=link.party_id
        )
        .order_by("id")
        .first()
    )


async def _lock(office: str, document: str) -> None:
    """Serialise opening and settling one document until the transaction ends."""
    async with api.atomic() as conn:
        if conn.capabilities.dialect == "postgres":
            key = f"accounting.open_item:{office}:{document}"
            await conn.execute_query("SELECT pg_advisory_xact_lock(hashtext($1))", [key])


async def lock_parties(organisation_id: int, party_ids: Sequence[int]) -> None:
    """Serialise what moves these parties' money on account in one ledger (an allocation, a
    posting with their lines) until the transaction ends; taken before any document's lock,
    in party order, so two transactions never wait on each other in a circle."""
    parties = sorted(set(party_ids))
    if not parties:
        return
    async with api.atomic() as conn:
        if conn.capabilities.dialect == "postgres":
            keys = [f"accounting.on_account:{organisation_id}:{p}" for p in parties]
            await conn.execute_query(
                "SELECT pg_advisory_xact_lock(hashtext(k))"
                " FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n",
                [keys],
            )


async def settle(line: m.EntryLine, office: str, document: str, amount: int) -> int:
    """Settle up to ``amount`` cents of ``office``'s ``document`` with ``line`` (negative:
    reopen up to what was settled); returns the cents applied, 0 when the document is not
    opened yet (a settlement then waits for it, pending)."""
    if amount == 0:
        return 0
    await _lock(office, document)
    item = await m.OpenItem.filter(source_office=office, document=document).first()
    if item is None:
        if amount > 0:
            await m.PendingSettlement.create(
                line_id=line.id, source_office=office, document=document, amount=amount
            )
        return 0
    while True:
        if amount > 0:
            take = min(amount, item.amount - item.settled)
        else:
            take = max(amount, -item.settled)
        if take == 0:
            return 0
        changed = await m.OpenItem.filter(id=item.id, settled=item.settled).update(
            settled=F("settled") + take
        )
        if changed:
            break
        await item.refresh_from_db(fields=["settled"])
    await m.Settlement.create(line_id=line.id, item_id=item.id, date=line.date, amount=take)
    return int(take)


async def reopen(line: m.EntryLine, office: str, document: str, most: int, leaves: int) -> int:
    """Take back up to ``most`` cents of what was settled on ``office``'s ``document`` so that
    at most ``leaves`` cents of it are open; returns the cents reopened (0 when unknown)."""
    if most <= 0:
        return 0
    await _lock(office, document)
    item = await m.OpenItem.filter(source_office=office, document=document).first()
    if item is None:
        return 0
    while True:
        owed = min(max(leaves, 0), item.amount) - (item.amount - item.settled)
        take = min(most, max(owed, 0), item.settled)
        if take <= 0:
            return 0
        changed = await m.OpenItem.filter(id=item.id, settled=item.settled).update(
            settled=F("settled") - take
        )
        if changed:
            break
        await item.refresh_from_db(fields=["settled"])
    await m.Settlement.create(line_id=line.id, item_id=item.id, date=line.date, amount=-take)
    return int(take)


async def _open(line: m.EntryLine, office: str, opens: Opens, amount: int) -> None:
    """Open the document, then apply what already named it (pending, oldest first)."""
    await _lock(office, opens.document)
    await m.OpenItem.create(
        line_id=line.id,
        source_office=office,
        document=opens.document,
        number=opens.number[:60],
        due_date=opens.due_date,
        amount=amount,
    )
    pending = m.PendingSettlement.filter(source_office=office, document=opens.document)
    for waiting in await pending.order_by("id").prefetch_related("line"):
        await settle(waiting.line, office, opens.document, int(waiting.amount))
    await pending.delete()


async def record(entry: m.Entry, office: str, links: Sequence[Link]) -> None:
    """Open or settle documents with ``entry``'s receivable lines (inside its transaction)."""
    for link in links:
        line = await _line(entry.id, link)
        if line is None:
            continue
        signed = line.debit - line.credit
        if link.opens is not None and signed > 0:
            await _open(line, office, link.opens, signed)
        elif link.settles is not None:
            await settle(line, office, link.settles, -signed)
        elif link.reopens is not None and signed > 0:
            await reopen(line, office, link.reopens, signed, link.leaves_open)


async def mirror(original_id: int, reversal: m.Entry) -> None:
    """A reversal undoes what the original's lines did: an opened document is settled by the
    reversing line, a settlement is taken back by it (matched by account, party and amount)."""
    lines = await m.EntryLine.filter(entry_id=original_id).values_list("id", flat=True)
    await m.PendingSettlement.filter(line_id__in=list(lines)).delete()
    items = await m.OpenItem.filter(line__entry_id=original_id)
    settlements = await m.Settlement.filter(line__entry_id=original_id).prefetch_related("item")
    if not items and not settlements:
        return
    originals = {ln.id: ln for ln in await m.EntryLine.filter(entry_id=original_id)}
    swapped = await m.EntryLine.filter(entry_id=reversal.id).order_by("id")

    def opposite(line_id: int) -> m.EntryLine | None:
        ln = originals[line_id]
        return next(
            (
                s
                for s in swapped
                if s.account_id == ln.account_id
                and s.party_id == ln.party_id
                and s.amount == -ln.amount
            ),
            None,
        )

    for item in items:
        line = opposite(item.line_id)
        if line is not None:
            await settle(line, item.source_office, item.document, item.amount)
    for s in settlements:
        line = opposite(s.line_id)
        if line is not None:
            await settle(line, s.item.source_office, s.item.document, -s.amount)
