"""Corrections are reversals: a new entry with every debit and credit swapped; what the
original did to the open items (a document opened, a settlement) is undone with it."""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import open_items, posting
from sportello_accounting.services._common import from_cents


async def reverse(actor: api.Actor, entry_id: int, day: dt.date | None = None) -> m.Entry:
    """Post the reversal of ``entry_id`` dated ``day`` (default: the entry's own date).

    One reversal per entry: the reversal's source (accounting, reversal:<id>) is UNIQUE, and
    the original's ``reversed_by_id`` is set by a conditional UPDATE in the same transaction.
    """
    original = await api.get_or_error(m.Entry, entry_id, "id")
    if original.reversed_by_id is not None:
        raise api.ServiceError("ALREADY_REVERSED", "accounting.already_reversed", "id")
    lines = await m.EntryLine.filter(entry_id=entry_id).order_by("id")
    swapped = [
        posting.LineIn(
            account_id=ln.account_id,
            debit=from_cents(-ln.amount) if ln.amount < 0 else None,
            credit=from_cents(ln.amount) if ln.amount > 0 else None,
            currency=ln.currency,
            rate=ln.rate,
            party_id=ln.party_id,
            label=ln.label,
            tax_rate=ln.tax_rate,
            tax_kind=ln.tax_kind,
        )
        for ln in lines
        if ln.amount != 0
    ]
    # Lines without a transaction amount (rounding) are not copied: the swapped foreign lines
    # convert to the same cents, so posting adds the opposite rounding line by itself.
    async with api.atomic():
        entry, created = await posting.post(
            actor,
            original.journal_id,
            day or original.date,
            swapped,
            reference=f"Reversal of {original.id}",
            source_document=f"reversal:{original.id}",
            operation="journalEntryReverse",
            reversal_of=original.id,
            journal_field="id",
            mark_reversed=original.id,
        )
        if created:
            await open_items.mirror(original.id, entry)
    if not created:
        raise api.ServiceError("ALREADY_REVERSED", "accounting.already_reversed", "id")
    return entry
