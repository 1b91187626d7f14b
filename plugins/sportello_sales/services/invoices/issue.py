"""Issuing a draft: its number, gapless per series, organisation and fiscal year.

Everything is read and computed first (buyer and seller data, the event's amounts). Then, in
one transaction: the draft becomes issued by a conditional UPDATE (``status = 'draft'`` in the
WHERE: two clerks issuing one draft get one issue and one INVALID_STATUS), a credit note adds
itself to its invoice's credited total (its row locked), and last, the number:

    UPDATE sales_series_counter SET last_number = last_number + 1 WHERE id = ? RETURNING last_number

Each organisation numbers its own documents: the counter row is the (series, organisation,
year)'s (documents of no organisation share one). It is locked from that statement to the
commit, a few inserts later (the number, the audit entry, the event): issues of one series
and organisation queue only for that stretch, other series and organisations never. A failed
issue rolls back with its number: no gap. A UNIQUE (counter, sequence) constraint backs it.
No payment and no network call ever happens inside.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, billing, reminder_schedule
from sportello_sales.services.invoices import events

INVOICE_ISSUE = "invoiceIssue"


def _mark(conn: BaseDBAsyncClient, n: int) -> str:
    dialect = getattr(getattr(conn, "capabilities", None), "dialect", "sqlite")
    return f"${n}" if dialect == "postgres" else "?"


def number_of(year: int, series: str, sequence: int) -> str:
    return f"{year}/{series}/{sequence:06d}"


async def counter_row(series_id: int, year: int, organisation_id: int | None = None) -> int:
    """The id of the (series, organisation, year) counter row, created race-free (UNIQUE
    constraint). Documents of no organisation share the counter of key 0."""
    org = organisation_id or 0
    row = await m.SeriesCounter.filter(series_id=series_id, organisation_key=org, year=year).first()
    if row is not None:
        return row.id
    try:
        async with api.atomic():
            row = await m.SeriesCounter.create(
                series_id=series_id, organisation_key=org, year=year, last_number=0
            )
            return row.id
    except IntegrityError:
        row = await m.SeriesCounter.get(series_id=series_id, organisation_key=org, year=year)
        return row.id


async def next_sequence(conn: BaseDBAsyncClient, counter_id: int) -> int | None:
    """Increment and read the counter in one statement, inside the caller's transaction;
    None when the counter is gone (a merge of organisations dropped it as unused)."""
    rows = await conn.execute_query_dict(
        f"UPDATE sales_series_counter SET last_number = last_number + 1 "
        f"WHERE id = {_mark(conn, 1)} "
        "RETURNING last_number",
        [counter_id],
    )
    return int(rows[0]["last_number"]) if rows else None


async def _credit(invoice_id: int, amount: Decimal) -> bool:
    """Add a credit note's total to its invoice (row-locked), if it stays within its total.

    A paid invoice can be credited too (as in Odoo and ERPNext): what was paid beyond the
    total less its credit notes is then owed back to the party (``Invoice.refundDue``, a
    negative balance) until a refund of its payment gives it back."""
    target = await m.Invoice.filter(id=invoice_id).select_for_update().first()
    if target is None or target.status != m.ISSUED or target.kind != m.INVOICE:
        return False
    if target.credited_total + amount > target.total:
        return False
    target.credited_total += amount
    await target.save(update_fields=["credited_total"])
    if target.total - target.paid_total - target.credited_total <= 0:
        await reminder_schedule.settled(target)
    return True


async def _payload(invoice: m.Invoice, day: dt.date, due: dt.date | None) -> events.DocumentIssued:
    lines = await m.InvoiceLine.filter(invoice_id=invoice.id)
    taxes = await m.InvoiceTax.filter(invoice_id=invoice.id)
    corrected = await m.Invoice.get(id=invoice.corrects_id) if invoice.corrects_id else None
    return events.DocumentIssued(
        invoice_id=invoice.id,
        kind=invoice.kind,
        number="",  # set once the number is taken
        series="",
        year=day.year,
        issue_date=day,
        due_date=due,
        party_id=invoice.party_id,
        currency=invoice.currency,
        exchange_rate=invoice.exchange_rate,
        company_currency=invoice.company_currency,
        net_total=events.money(invoice.net_total, invoice.currency),
        tax_total=events.money(invoice.tax_total, invoice.currency),
        total=events.money(invoice.total, invoice.currency),
        taxes=events.tax_amounts(list(taxes), invoice.currency),
        categories=events.categories(list(lines), invoice.currency),
        corrects_invoice_id=corrected.id if corrected else None,
        corrects_number=corrected.number if corrected else None,
        site_id=invoice.site_id,
        organisation_id=invoice.organisation_id,
    )


async def publish_issued(invoice: m.Invoice, payload: events.DocumentIssued) -> None:
    name = events.INVOICE_ISSUED if invoice.kind == m.INVOICE else events.CREDIT_NOTE_ISSUED
    await api.publish(name, payload, aggregate=f"invoice:{invoice.id}", site_id=invoice.site_id)


async def issue(actor: api.Actor, invoice_id: int) -> m.Invoice:
    # A merge of organisations may move the draft to another organisation, or drop the unused
    # counter read for it, between the read and the write: the issue is then rolled back and
    # read again. Merges are rare: a third one in a row is answered CONFLICT (try again).
    for _ in range(3):
        try:
            return await _issue(actor, invoice_id)
        except _Moved:
            continue
    raise api.ServiceError("CONFLICT", "sales.issue_conflict", "id")


class _Moved(Exception):
    """The draft changed organisation, or its counter went, while it was being issued."""


async def _issue(actor: api.Actor, invoice_id: int) -> m.Invoice:
    invoice: m.Invoice = await api.get_or_error(m.Invoice, invoice_id, "id")
    if invoice.status != m.DRAFT:
        raise api.ServiceError("INVALID_STATUS", "sales.only_drafts", "id")
    series = await m.Series.get(id=invoice.series_id)
    day = _common.today()
    terms = _common.settings().payment_terms_days
    due = day + dt.timedelta(days=terms) if invoice.kind == m.INVOICE else None
    counter_id = await counter_row(series.id, day.year, invoice.organisation_id)
    party = await api.PartyModel.get(id=invoice.party_id)
    profile = await m.BillingProfile.filter(party_id=invoice.party_id).first()
    buyer = billing.snapshot(profile, party.display_name)
    seller = await billing.seller_snapshot(invoice.organisation_id)
    payload = await _payload(invoice, day, due)
    at = _common.now()
    async with api.atomic() as conn:
        same_issuer = (
            {"organisation_id": invoice.organisation_id}
            if invoice.organisation_id is not None
            else {"organisation_id__isnull": True}
        )
        changed = await m.Invoice.filter(id=invoice.id, status=m.DRAFT, **same_issuer).update(
            status=m.ISSUED,
            year=day.year,
            issue_date=day,
            due_date=due,
            buyer=buyer,
            seller=seller,
            issued_at=at,
        )
        if not changed:
            if await m.Invoice.filter(id=invoice.id, status=m.DRAFT).exists():
                raise _Moved
            raise api.ServiceError("INVALID_STATUS", "sales.only_drafts", "id")
        if invoice.corrects_id is not None and not await _credit(
            invoice.corrects_id, invoice.total
        ):
            raise api.ServiceError("CREDIT_EXCEEDS_INVOICE", "sales.credit_exceeds", "id")
        # Last: the number. The counter row stays locked until the commit just below.
        sequence = await next_sequence(conn, counter_id)
        if sequence is None:
            raise _Moved
        number = number_of(day.year, series.code, sequence)
        await m.Invoice.filter(id=invoice.id).update(
            counter_id=counter_id, sequence=sequence, number=number
        )
        invoice.counter_id = counter_id
        invoice.status, invoice.year, invoice.sequence, invoice.number = (
            m.ISSUED,
            day.year,
            sequence,
            number,
        )
        invoice.issue_date, invoice.due_date, invoice.issued_at = day, due, at
        invoice.buyer, invoice.seller = buyer, seller
        await api.record(actor, INVOICE_ISSUE, invoice, after={"number": number})
        payload.number, payload.series = number, series.code
        await publish_issued(invoice, payload)
        await reminder_schedule.schedule(invoice)
    return invoice
