"""Aged receivables per document: the query and its types."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import strawberry

from sportello import api
from sportello_accounting.graphql.organisation import OrganisationArg, organisation
from sportello_accounting.graphql.types import VIEW
from sportello_accounting.services import aged_receivables
from sportello_accounting.services._common import from_cents


@strawberry.enum(description="How long a document is past due at the report's date.")
class AgingBucket(enum.Enum):
    NOT_DUE = "not_due"
    OVERDUE_30 = "overdue30"
    OVERDUE_60 = "overdue60"
    OVERDUE_90 = "overdue90"
    OLDER = "older"


@strawberry.type(description="A document (invoice, closed folio) with an amount still open.")
class AgedReceivableDocument:
    open_item_id: strawberry.ID = strawberry.field(
        description="The open item (to allocate money on account to it: openItemAllocate)"
    )
    document: str = strawberry.field(description="The issuing office's key: invoice:12, folio:7")
    number: str
    date: dt.date
    due_date: dt.date
    days_overdue: int
    bucket: AgingBucket
    amount: Decimal = strawberry.field(description="What the document opened")
    open_amount: Decimal = strawberry.field(description="What is still open at the date")


@strawberry.type(description="A party's open documents at a date, by days past due.")
class AgedReceivable:
    party_id: strawberry.ID
    name: str
    not_due: Decimal
    overdue30: Decimal = strawberry.field(description="1 to 30 days past due")
    overdue60: Decimal = strawberry.field(description="31 to 60 days past due")
    overdue90: Decimal = strawberry.field(description="61 to 90 days past due")
    older: Decimal = strawberry.field(description="More than 90 days past due")
    on_account: Decimal = strawberry.field(
        description="Money received and allocated to no document (a credit of the party)"
    )
    without_document: Decimal = strawberry.field(
        description="What the party owes that no document explains (a manual entry)"
    )
    total: Decimal = strawberry.field(description="The party's receivable balance")
    documents: list[AgedReceivableDocument] = strawberry.field(
        description=(
            "The open documents, oldest due first (at most 1000 over the page: the totals"
            " count every document)"
        ),
        metadata=api.list_size(aged_receivables.MAX_DOCUMENTS, total=True),
    )


def _row(r: aged_receivables.AgedParty) -> AgedReceivable:
    return AgedReceivable(
        party_id=strawberry.ID(api.encode_id("Party", r.party_id)),
        name=r.name,
        not_due=from_cents(r.buckets["not_due"]),
        overdue30=from_cents(r.buckets["overdue30"]),
        overdue60=from_cents(r.buckets["overdue60"]),
        overdue90=from_cents(r.buckets["overdue90"]),
        older=from_cents(r.buckets["older"]),
        on_account=from_cents(max(-r.unallocated, 0)),
        without_document=from_cents(max(r.unallocated, 0)),
        total=from_cents(r.balance),
        documents=[
            AgedReceivableDocument(
                open_item_id=strawberry.ID(api.encode_id("OpenItem", d.item_id)),
                document=d.document,
                number=d.number,
                date=d.date,
                due_date=d.due_date,
                days_overdue=d.days_overdue,
                bucket=AgingBucket(d.bucket),
                amount=from_cents(d.amount),
                open_amount=from_cents(d.open),
            )
            for d in r.documents
        ],
    )


@strawberry.type
class ReceivablesQueries:
    @api.query(
        VIEW,
        description=(
            "Open receivables per party at a date: each open document (what its payments and"
            " credit notes left) by days past due, and money on account; parties by name, at"
            " most 200 a page."
        ),
    )
    async def aged_receivables(
        self,
        info: strawberry.Info,
        at: dt.date,
        party_id: strawberry.ID | None = None,
        first: int = 100,
        offset: int = 0,
        organisation_id: OrganisationArg = None,
    ) -> list[AgedReceivable]:
        party = api.decode_optional(party_id, "Party", "partyId")
        org = await organisation(info, organisation_id)
        found = await aged_receivables.aged_receivables(org, at, party, first, offset)
        return [_row(r) for r in found]
