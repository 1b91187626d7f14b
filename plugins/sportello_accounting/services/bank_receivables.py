"""Bank lines against open receivables: money coming in matched to what customers owe, from
the ledger's own receivable lines (accounting imports nothing of sales or lodging).

What a party owes is the balance of its lines on the receivable accounts; the documents that
opened it are the entries debiting those accounts for the party (an invoice, a closed folio),
with their references (the invoice number). An incoming line is ranked against the parties
that owe something: the same amount as the party's balance or one of its documents (50), a
document's reference in the statement's text (30), the party's name (20). Confirming posts
the receipt (debit the statement's account, credit the receivable with the party) and
reconciles the line once (a conditional UPDATE open -> reconciled). An amount above what the
party owes leaves a credit on its receivable.
"""

from __future__ import annotations

from dataclasses import dataclass

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import chart, organisations, posting
from sportello_accounting.services._common import from_cents, rows
from sportello_accounting.services.bank import OPEN, RECONCILED, line_organisation, words
from sportello_accounting.services.mapping import Accounts

OPEN_BY_PARTY = """
SELECT l.party_id AS party_id, SUM(l.debit - l.credit) AS open
FROM accounting_entry_line l JOIN accounting_account a ON a.id = l.account_id
WHERE a.role = 'receivable' AND l.party_id IS NOT NULL AND a.organisation_id = ?
GROUP BY l.party_id
HAVING SUM(l.debit - l.credit) > 0
"""
DOCUMENTS = """
SELECT l.party_id AS party_id, e.reference AS reference, l.debit AS debit
FROM accounting_entry_line l
JOIN accounting_account a ON a.id = l.account_id
JOIN accounting_entry e ON e.id = l.entry_id
WHERE a.role = 'receivable' AND l.debit > 0 AND e.reversed_by_id IS NULL
    AND e.reversal_of_id IS NULL AND a.organisation_id = ? AND l.party_id IN ({marks})
"""
#: the most open parties a line is compared with (largest balances first)
MAX_PARTIES = 2000


@dataclass
class ReceivableMatch:
    party: api.PartyModel
    open_amount: int
    reference: str | None
    score: int
    reasons: list[str]


async def suggestions(
    line_id: int, limit: int = 5, actor: api.Actor = api.SYSTEM
) -> list[ReceivableMatch]:
    line: m.BankLine = await api.get_or_error(m.BankLine, line_id, "lineId")
    await organisations.check(actor, await line_organisation(line), "lineId")
    if line.status != OPEN or line.amount <= 0:
        return []
    org = await line_organisation(line)
    owing = sorted(
        ((int(r["party_id"]), int(r["open"])) for r in await rows(OPEN_BY_PARTY, [org])),
        key=lambda x: -x[1],
    )[:MAX_PARTIES]
    if not owing:
        return []
    ids = [p for p, _ in owing]
    docs: dict[int, list[tuple[str, int]]] = {}
    for r in await rows(DOCUMENTS.format(marks=", ".join("?" for _ in ids)), [org, *ids]):
        docs.setdefault(int(r["party_id"]), []).append((str(r["reference"] or ""), int(r["debit"])))
    parties = {p.id: p for p in await api.PartyModel.filter(id__in=ids)}
    text = f"{line.counterparty} {line.reference}"
    folded, in_text = text.casefold(), words(text)
    ranked: list[ReceivableMatch] = []
    for party_id, open_amount in owing:
        party = parties.get(party_id)
        if party is None:
            continue
        score, reasons, reference = 0, list[str](), None
        mine = docs.get(party_id, [])
        if line.amount == open_amount or any(d == line.amount for _, d in mine):
            score, reasons = 50, ["amount"]
            reference = next((ref for ref, d in mine if d == line.amount), None)
        cited = [ref for ref, _ in mine if len(ref) >= 3 and ref.casefold() in folded]
        if cited:
            score, reasons, reference = score + 30, [*reasons, "reference"], cited[0]
        if words(str(party.display_name)) & in_text:
            score, reasons = score + 20, [*reasons, "party"]
        if score:
            ranked.append(ReceivableMatch(party, open_amount, reference, score, reasons))
    ranked.sort(key=lambda x: (-x.score, -x.open_amount, x.party.id))
    return ranked[:limit]


async def reconcile(actor: api.Actor, line_id: int, party_id: int) -> m.BankLine:
    """The accountant confirms: the incoming line is the party's payment."""
    async with api.atomic():
        line: m.BankLine = await api.get_or_error(m.BankLine, line_id, "lineId")
        await organisations.check(actor, await line_organisation(line), "lineId")
        await api.get_or_error(api.PartyModel, party_id, "partyId")
        if line.amount <= 0:
            raise api.ServiceError("INVALID", "accounting.not_a_receipt", "lineId")
        changed = await m.BankLine.filter(id=line_id, status=OPEN).update(status=RECONCILED)
        if not changed:
            raise api.ServiceError("ALREADY_RECONCILED", "accounting.already_reconciled", "lineId")
        statement = await m.BankStatement.get(id=line.statement_id)
        money = await m.Account.get(id=statement.account_id)
        kind = "cash" if money.role == "cash" else "bank"
        journal = await chart.journal_by_kind(kind, money.organisation_id)
        amount = from_cents(line.amount)
        label = (line.reference or line.counterparty)[:200]
        entry, _ = await posting.post(
            actor,
            journal,
            line.date,
            [
                posting.LineIn(money.id, debit=amount, label=label),
                posting.LineIn(
                    await Accounts(money.organisation_id).first("receivable"),
                    credit=amount,
                    party_id=party_id,
                    label=label,
                ),
            ],
            reference=f"Bank {line.counterparty}"[:200],
            source_document=f"bank_line:{line.id}",
            operation="bankLineReconcileReceivable",
        )
        await m.BankLine.filter(id=line_id).update(entry_id=entry.id)
        line.status, line.entry_id = RECONCILED, entry.id
        await api.record(actor, "bankLineReconcileReceivable", line, after={"party": party_id})
    return line
