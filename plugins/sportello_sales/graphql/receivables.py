"""Aged receivables and payment reminders: the query, its type and the reminders mutation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from sportello import api
from sportello_sales.graphql.types import SalesError
from sportello_sales.services import receivables, reminders

VIEW, INVOICE = "sales.view", "sales.invoice"


@strawberry.type(description="What a party owes in one currency, by how long it is overdue.")
class Receivable:
    party: api.Party
    currency: str
    current: Decimal = strawberry.field(description="Not yet due")
    days_1_30: Decimal = strawberry.field(name="days1To30", description="1 to 30 days past due")
    days_31_60: Decimal = strawberry.field(name="days31To60")
    days_61_90: Decimal = strawberry.field(name="days61To90")
    over_90: Decimal = strawberry.field(name="over90", description="More than 90 days past due")
    total: Decimal = strawberry.field(description="Everything open: the sum of the buckets")
    overdue: Decimal = strawberry.field(description="Everything past due")
    invoices: int = strawberry.field(description="How many invoices are open")
    oldest_due_date: dt.date | None


def _receivable(row: receivables.AgedBalance) -> Receivable:
    return Receivable(
        party=row.party,
        currency=row.currency,
        current=row.current,
        days_1_30=row.days_1_30,
        days_31_60=row.days_31_60,
        days_61_90=row.days_61_90,
        over_90=row.over_90,
        total=row.total,
        overdue=row.overdue,
        invoices=row.invoices,
        oldest_due_date=row.oldest_due_date,
    )


@strawberry.type
class ReceivableQueries:
    @api.query(
        VIEW,
        description=(
            "Open balances of issued invoices per party and currency, aged by due date as of a"
            " day (today), the largest first; at most 100 rows."
        ),
    )
    async def receivables(
        self, party_id: strawberry.ID | None = None, as_of: dt.date | None = None
    ) -> list[Receivable]:
        party = api.decode_optional(party_id, "Party", "partyId")
        return [_receivable(r) for r in await receivables.aged(as_of, party)]


RemindersPayload = api.payload(
    name="PaymentRemindersSendPayload",
    errors=SalesError,
    sent=int,
    descriptions={"sent": "How many reminders went out in this run"},
)


@api.mutation(
    INVOICE,
    RemindersPayload,
    description=(
        "Send the payment reminders due (overdue invoices, once per reminder level): what a"
        " daily job calls. Running it again sends nothing twice."
    ),
)
async def payment_reminders_send(
    info: strawberry.Info,
    invoice_id: strawberry.ID | None = strawberry.UNSET,
) -> dict[str, Any]:
    """``invoiceId``: only that invoice's reminder (when one is due); else every one due."""
    invoice = api.decode_optional(invoice_id or None, "Invoice", "invoiceId")
    return {"sent": await reminders.send_due(info.context.actor, invoice_id=invoice)}
