"""Allocating money on account to an open document by hand: part of a receivable credit line
(a payment or credit note that settled nothing, or more than its document's open amount)
settles one of the same party's open items in the same ledger and currency.

What is left of the line is its credit less what it settled and what waits pending; the
party's money on account is what its receivable balance leaves after its open documents
(a refund of that money takes it up, so both bound the allocation). Allocations of one
party's money run one at a time, and one at a time with any posting that names the party (a
transaction-long lock on the party, PostgreSQL; SQLite runs one transaction at a time), so an
allocation racing another allocation or a refund never takes more money than there is; the
item moves by the open items' conditional UPDATE."""

from __future__ import annotations

from tortoise.expressions import F
from tortoise.functions import Sum

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import open_items, organisations
from sportello_accounting.services._common import rows

ON_ACCOUNT = """
SELECT COALESCE(SUM(l.debit - l.credit), 0) AS balance FROM accounting_entry_line l
JOIN accounting_account a ON a.id = l.account_id
WHERE l.party_id = ? AND a.organisation_id = ? AND (a.role = 'receivable'
    OR a.id IN (SELECT l2.account_id FROM accounting_open_item i2
        JOIN accounting_entry_line l2 ON l2.id = i2.line_id))
"""
DOCUMENTS = """
SELECT COALESCE(SUM(i.amount - i.settled), 0) AS open FROM accounting_open_item i
JOIN accounting_entry_line l ON l.id = i.line_id JOIN accounting_account a ON a.id = l.account_id
WHERE l.party_id = ? AND a.organisation_id = ?
"""


async def left_on_line(line: m.EntryLine) -> int:
    """Cents of the credit line settled on nothing yet (nor waiting, pending)."""
    settled = await m.Settlement.filter(line_id=line.id).annotate(s=Sum("amount")).values("s")
    pending = (
        await m.PendingSettlement.filter(line_id=line.id).annotate(s=Sum("amount")).values("s")
    )
    used = int(settled[0]["s"] or 0) + int(pending[0]["s"] or 0)
    return int(line.credit - line.debit - used)


async def on_account(party_id: int, organisation_id: int) -> int:
    """Cents the party has on account in the organisation's ledger (0 when it owes)."""
    balance = (await rows(ON_ACCOUNT, [party_id, organisation_id]))[0]["balance"]
    documents = (await rows(DOCUMENTS, [party_id, organisation_id]))[0]["open"]
    return max(int(documents or 0) - int(balance or 0), 0)


async def _organisation(line_id: int) -> int:
    found = await m.EntryLine.filter(id=line_id).values_list("account__organisation_id", flat=True)
    return int(str(found[0]))


async def allocate(actor: api.Actor, item_id: int, line_id: int, amount: int) -> m.OpenItem:
    """Settle ``amount`` cents of ``item_id`` with what is left of the credit line ``line_id``."""
    if amount <= 0:
        raise api.ServiceError("INVALID", "accounting.amount_positive", "amount")
    async with api.atomic():
        item = await api.get_or_error(m.OpenItem, item_id, "openItemId")
        document = await m.EntryLine.get(id=item.line_id)
        organisation = await _organisation(document.id)
        await organisations.check(actor, organisation, "openItemId")
        line = await api.get_or_error(m.EntryLine, line_id, "lineId")
        if await _organisation(line.id) != organisation:
            raise api.ServiceError("OTHER_ORGANISATION", "accounting.other_organisation", "lineId")
        if line.party_id is None or line.party_id != document.party_id:
            raise api.ServiceError("OTHER_PARTY", "accounting.allocation_other_party", "lineId")
        if line.currency != document.currency:
            raise api.ServiceError("CURRENCY_MISMATCH", "accounting.allocation_currency", "lineId")
        if line.credit <= line.debit:
            raise api.ServiceError("NOT_ON_ACCOUNT", "accounting.allocation_not_credit", "lineId")
        await open_items.lock_parties(organisation, [line.party_id])
        await open_items._lock(item.source_office, item.document)
        left = min(await left_on_line(line), await on_account(line.party_id, organisation))
        if amount > left:
            raise api.ServiceError(
                "MORE_THAN_ON_ACCOUNT", "accounting.allocation_over_money", "amount"
            )
        changed = await m.OpenItem.filter(id=item.id, settled__lte=F("amount") - amount).update(
            settled=F("settled") + amount
        )
        if not changed:
            raise api.ServiceError("MORE_THAN_OPEN", "accounting.allocation_over_open", "amount")
        done = await m.Settlement.filter(line_id=line.id, item_id=item.id).update(
            amount=F("amount") + amount
        )
        if not done:
            await m.Settlement.create(
                line_id=line.id, item_id=item.id, date=line.date, amount=amount
            )
        await api.record(
            actor,
            "openItemAllocate",
            item,
            after={"line": line.id, "amount": amount},
        )
        await item.refresh_from_db()
    allocated: m.OpenItem = item
    return allocated
