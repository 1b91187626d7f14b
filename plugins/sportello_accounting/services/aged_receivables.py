"""Aged receivables per document, computed by the database.

A document's open amount at a date is what its receivable line opened less the settlements
dated up to then; its bucket is how long it is past due then: current (not yet due), 1-30,
31-60, 61-90, more than 90 days. A party's balance on the receivable accounts less its open
documents is what no document explains: negative, money on account (a payment allocated to
nothing, more than a document's open amount); positive, a debit without a document (a
manual entry). Two queries whatever the number of parties and documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sportello_accounting.services._common import rows

#: the most parties a page holds
MAX_PARTIES = 200
#: the most documents a page lists (the parties' totals count them all)
MAX_DOCUMENTS = 1000
BUCKETS = ("not_due", "overdue30", "overdue60", "overdue90", "older")

DOCUMENTS = """
WITH docs AS (
    SELECT i.id, i.document, i.number, i.due_date, l.date, l.party_id, i.amount,
        i.amount - COALESCE(s.settled, 0) AS open_cents,
        CASE WHEN i.due_date >= ? THEN 'not_due'
            WHEN i.due_date >= ? THEN 'overdue30'
            WHEN i.due_date >= ? THEN 'overdue60'
            WHEN i.due_date >= ? THEN 'overdue90'
            ELSE 'older' END AS bucket
    FROM accounting_open_item i
    JOIN accounting_entry_line l ON l.id = i.line_id
    LEFT JOIN (
        SELECT item_id, SUM(amount) AS settled FROM accounting_settlement
        WHERE date <= ? GROUP BY item_id
    ) s ON s.item_id = i.id
    WHERE l.date <= ?
        AND l.account_id IN (SELECT id FROM accounting_account WHERE organisation_id = ?)
        AND l.party_id IS NOT NULL{party}
)
"""

OPEN_DOCUMENTS = (
    DOCUMENTS
    + """
SELECT d.* FROM docs d WHERE d.open_cents <> 0 ORDER BY d.party_id, d.due_date, d.id LIMIT ?
"""
)

PARTIES = (
    DOCUMENTS
    + """
, balances AS (
    SELECT l.party_id, SUM(l.debit - l.credit) AS balance
    FROM accounting_entry_line l JOIN accounting_account a ON a.id = l.account_id
    WHERE l.date <= ? AND a.organisation_id = ?
        AND l.party_id IS NOT NULL{line_party} AND (a.role = 'receivable'
        OR a.id IN (SELECT l2.account_id FROM accounting_open_item i2
            JOIN accounting_entry_line l2 ON l2.id = i2.line_id))
    GROUP BY l.party_id
), buckets AS (
    SELECT party_id,
        SUM(CASE WHEN bucket = 'not_due' THEN open_cents ELSE 0 END) AS not_due,
        SUM(CASE WHEN bucket = 'overdue30' THEN open_cents ELSE 0 END) AS overdue30,
        SUM(CASE WHEN bucket = 'overdue60' THEN open_cents ELSE 0 END) AS overdue60,
        SUM(CASE WHEN bucket = 'overdue90' THEN open_cents ELSE 0 END) AS overdue90,
        SUM(CASE WHEN bucket = 'older' THEN open_cents ELSE 0 END) AS older,
        SUM(open_cents) AS documents
    FROM docs GROUP BY party_id
)
SELECT b.party_id, p.display_name AS name, b.balance,
    COALESCE(k.not_due, 0) AS not_due, COALESCE(k.overdue30, 0) AS overdue30,
    COALESCE(k.overdue60, 0) AS overdue60, COALESCE(k.overdue90, 0) AS overdue90,
    COALESCE(k.older, 0) AS older, COALESCE(k.documents, 0) AS documents
FROM balances b
JOIN parties_party p ON p.id = b.party_id
LEFT JOIN buckets k ON k.party_id = b.party_id
WHERE b.balance <> 0 OR COALESCE(k.documents, 0) <> 0
ORDER BY p.display_name, b.party_id
LIMIT ? OFFSET ?
"""
)


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass
class OpenDocument:
    item_id: int
    document: str
    number: str
    date: dt.date
    due_date: dt.date
    days_overdue: int
    bucket: str
    #: cents
    amount: int
    #: cents
    open: int


@dataclass
class AgedParty:
    party_id: int
    name: str
    #: the party's balance on the receivable accounts, cents
    balance: int
    #: open amounts by bucket, cents
    buckets: dict[str, int]
    #: the open documents' sum, cents
    documents_open: int
    documents: list[OpenDocument] = field(default_factory=list)

    @property
    def unallocated(self) -> int:
        """Balance no document explains: negative is money on account."""
        return self.balance - self.documents_open


async def aged_receivables(
    organisation_id: int,
    at: dt.date,
    party_id: int | None = None,
    first: int = 100,
    offset: int = 0,
) -> list[AgedParty]:
    """The parties owing (or holding money on account) to the organisation at ``at`` by name,
    a page of at most ``MAX_PARTIES``, with their open documents aged."""
    first = min(max(first, 0), MAX_PARTIES)
    cutoffs = [at - dt.timedelta(days=n) for n in (0, 30, 60, 90)]
    params: list[object] = [*cutoffs, at, at, organisation_id]
    party = line_party = ""
    if party_id is not None:
        party, line_party = " AND l.party_id = ?", " AND l.party_id = ?"
        params.append(party_id)
    docs_sql = OPEN_DOCUMENTS.format(party=party)
    parties_sql = PARTIES.format(party=party, line_party=line_party)
    found = {
        int(r["party_id"]): AgedParty(
            party_id=int(r["party_id"]),
            name=r["name"],
            balance=int(r["balance"] or 0),
            buckets={b: int(r[b] or 0) for b in BUCKETS},
            documents_open=int(r["documents"] or 0),
        )
        for r in await rows(
            parties_sql, [*params, at, organisation_id, *params[7:], first, max(offset, 0)]
        )
    }
    if not found:
        return []
    if party_id is None:
        marks = ", ".join("?" for _ in found)
        docs_sql = OPEN_DOCUMENTS.format(party=f" AND l.party_id IN ({marks})")
        params += list(found)
    for r in await rows(docs_sql, [*params, MAX_DOCUMENTS]):
        owner = found.get(int(r["party_id"]))
        if owner is None:
            continue
        due = _date(r["due_date"])
        owner.documents.append(
            OpenDocument(
                item_id=int(r["id"]),
                document=r["document"],
                number=r["number"],
                date=_date(r["date"]),
                due_date=due,
                days_overdue=max((at - due).days, 0),
                bucket=r["bucket"],
                amount=int(r["amount"]),
                open=int(r["open_cents"]),
            )
        )
    return list(found.values())
