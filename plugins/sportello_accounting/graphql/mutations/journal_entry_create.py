from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello import api
from sportello_accounting.graphql.mutations._common import EntryPayload
from sportello_accounting.graphql.types import TaxKind
from sportello_accounting.services import posting


@strawberry.input(description="A debit or a credit: exactly one of the two, positive.")
class EntryLineInput:
    account_id: strawberry.ID
    debit: Decimal | None = None
    credit: Decimal | None = None
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217; default the company currency"
    )
    party_id: strawberry.ID | None = None
    rate: Decimal | None = strawberry.field(
        default=None,
        description="Company currency per unit of `currency`: required for a foreign currency",
    )
    label: str = ""
    tax_rate: Decimal | None = strawberry.field(
        default=None, description="The VAT rate in percent, on a VAT base or VAT line"
    )
    tax_kind: TaxKind | None = strawberry.field(
        default=None, description="BASE or TAX: the line counts in the VAT registers"
    )


@strawberry.input
class JournalEntryCreateInput:
    journal_id: strawberry.ID
    date: dt.date
    lines: list[EntryLineInput]
    reference: str | None = None
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="The client's id of this entry: posting it again returns the first one",
    )


@api.mutation(
    "accounting.post",
    EntryPayload,
    description=(
        "Post a balanced entry, whole or not at all: UNBALANCED when debits and credits differ"
        " (in the company currency or in a transaction currency), PERIOD_LOCKED in a closed"
        " period."
    ),
)
async def journal_entry_create(
    info: strawberry.Info, input: JournalEntryCreateInput
) -> dict[str, object]:
    lines = [
        posting.LineIn(
            account_id=api.decode_id(ln.account_id, "Account", f"lines.{i}.accountId"),
            debit=ln.debit,
            credit=ln.credit,
            currency=ln.currency,
            rate=ln.rate,
            party_id=api.decode_optional(ln.party_id, "Party", f"lines.{i}.partyId"),
            label=ln.label,
            tax_rate=ln.tax_rate if ln.tax_kind else None,
            tax_kind=ln.tax_kind.value if ln.tax_kind else "",
        )
        for i, ln in enumerate(input.lines)
    ]
    entry, _ = await posting.post(
        info.context.actor,
        api.decode_id(input.journal_id, "Journal", "journalId"),
        input.date,
        lines,
        reference=input.reference or "",
        source_document=f"client:{input.idempotency_key}" if input.idempotency_key else None,
    )
    return {"entry": entry}
