"""Posting an entry: whole or not at all, balanced by construction, numbered without gaps,
idempotent per source.

Every line is converted to the company currency in cents; the signed amounts of each
transaction currency must sum to zero and so must debits minus credits in the company
currency. A difference left by converting foreign amounts (cents lost to rounding) goes to
the rounding account, so an entry is never refused for a cent. PostgreSQL checks the balance
again at commit (a deferred constraint trigger, migration 0002).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import calendar, open_items, organisations
from sportello_accounting.services._common import (
    from_cents,
    has_cents_only,
    rows,
    settings,
    to_cents,
)

ENTRY_POSTED = "accounting.entry.posted"
MAX_LINES = 500
MANUAL = "accounting"


class EntryPosted(BaseModel):
    entry_id: int = Field(description="The entry")
    journal: str = Field(description="The journal's code")
    number: int = Field(description="The entry's number in its journal and fiscal year")
    date: dt.date
    total: Decimal = Field(description="Sum of the debits, company currency")
    source_office: str
    source_document: str | None
    reversal_of: int | None = Field(default=None, description="The entry this one reverses")


@dataclass(frozen=True)
class LineIn:
    """One line as a client or another office gives it: debit or credit in ``currency``."""

    account_id: int
    debit: Decimal | None = None
    credit: Decimal | None = None
    currency: str | None = None
    rate: Decimal | None = None
    party_id: int | None = None
    label: str = ""
    tax_rate: Decimal | None = None
    tax_kind: str = ""


@dataclass
class _Line:
    account_id: int
    debit: int
    credit: int
    currency: str
    amount: int
    rate: Decimal
    party_id: int | None
    label: str
    tax_rate: Decimal | None
    tax_kind: str


def _convert(lines: Sequence[LineIn]) -> list[_Line]:
    """Check each line and give it company cents; every problem at once."""
    company = settings().currency
    problems: list[api.Problem] = []

    def bad(i: int, name: str, code: str = "INVALID", key: str = "accounting.invalid") -> None:
        problems.append(api.Problem(code, key, f"lines.{i}.{name}"))

    if len(lines) < 2:
        problems.append(api.Problem("INVALID", "accounting.two_lines", "lines"))
    if len(lines) > MAX_LINES:
        problems.append(api.Problem("INVALID", "accounting.too_many_lines", "lines"))
    out: list[_Line] = []
    for i, line in enumerate(lines):
        values = [v for v in (line.debit, line.credit) if v is not None and v != 0]
        if len(values) != 1:
            bad(i, "debit", key="accounting.debit_or_credit")
            continue
        value = values[0]
        if not value.is_finite() or value < 0 or not has_cents_only(value):
            bad(i, "debit" if line.debit else "credit", key="accounting.amount")
            continue
        if value >= Decimal("1e14"):
            bad(i, "debit" if line.debit else "credit", key="accounting.amount")
            continue
        currency = (line.currency or company).upper()
        if len(currency) != 3 or not currency.isalpha():
            bad(i, "currency")
            continue
        rate = Decimal(1)
        if currency != company:
            if line.rate is None:
                bad(i, "rate", "RATE_REQUIRED", "accounting.rate_required")
                continue
            if not line.rate.is_finite() or line.rate <= 0 or line.rate >= Decimal("1e9"):
                bad(i, "rate")
                continue
            rate = line.rate
        if line.tax_kind and (
            line.tax_rate is None
            or not line.tax_rate.is_finite()
            or not Decimal(0) <= line.tax_rate <= Decimal(100)
        ):
            bad(i, "taxRate")
            continue
        cents = to_cents(value)
        company_cents = cents if currency == company else to_cents(value * rate)
        is_debit = line.debit is not None and line.debit != 0
        out.append(
            _Line(
                account_id=line.account_id,
                debit=company_cents if is_debit else 0,
                credit=0 if is_debit else company_cents,
                currency=currency,
                amount=cents if is_debit else -cents,
                rate=rate,
                party_id=line.party_id,
                label=line.label,
                tax_rate=line.tax_rate,
                tax_kind=line.tax_kind,
            )
        )
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    by_currency: dict[str, int] = defaultdict(int)
    for ln in out:
        by_currency[ln.currency] += ln.amount
    unbalanced = sorted(c for c, total in by_currency.items() if total != 0)
    if unbalanced:
        raise api.ServiceError(
            "UNBALANCED",
            "accounting.unbalanced",
            "lines",
            currency=", ".join(unbalanced),
            difference=str(from_cents(by_currency[unbalanced[0]])),
        )
    return out


async def _rounding_line(lines: list[_Line], organisation_id: int) -> _Line | None:
    diff = sum(ln.debit for ln in lines) - sum(ln.credit for ln in lines)
    if diff == 0:
        return None
    code = settings().rounding_account
    qs = m.Account.filter(code=code) if code else m.Account.filter(role="rounding")
    qs = qs.filter(organisation_id=organisation_id)
    account = await qs.filter(archived=False).order_by("code").first()
    if account is None:
        raise api.ServiceError("NO_ROUNDING_ACCOUNT", "accounting.no_rounding_account", "lines")
    return _Line(
        account_id=account.id,
        debit=-diff if diff < 0 else 0,
        credit=diff if diff > 0 else 0,
        currency=settings().currency,
        amount=0,
        rate=Decimal(1),
        party_id=None,
        label="rounding",
        tax_rate=None,
        tax_kind="",
    )


async def _check_refs(journal: m.Journal, lines: list[_Line], journal_field: str) -> None:
    """Accounts exist, are open and belong to the journal's organisation; parties exist."""
    if journal.archived:
        raise api.ServiceError("INVALID", "accounting.journal_archived", journal_field)
    ids = {ln.account_id for ln in lines}
    found = {
        a["id"]: (a["archived"], a["organisation_id"])
        for a in await m.Account.filter(id__in=ids).values("id", "archived", "organisation_id")
    }
    problems = []
    for i, ln in enumerate(lines):
        if ln.account_id not in found:
            problems.append(api.Problem("NOT_FOUND", "core.not_found", f"lines.{i}.accountId"))
        elif found[ln.account_id][1] != journal.organisation_id:
            problems.append(
                api.Problem(
                    "OTHER_ORGANISATION", "accounting.other_organisation", f"lines.{i}.accountId"
                )
            )
        elif found[ln.account_id][0]:
            problems.append(
                api.Problem(
                    "ACCOUNT_ARCHIVED", "accounting.account_archived", f"lines.{i}.accountId"
                )
            )
    party_ids = {ln.party_id for ln in lines if ln.party_id is not None}
    if party_ids:
        found_parties = await api.PartyModel.filter(id__in=party_ids).values_list("id", flat=True)
        known: set[int] = {int(str(p)) for p in found_parties}
        for i, ln in enumerate(lines):
            if ln.party_id is not None and ln.party_id not in known:
                problems.append(api.Problem("NOT_FOUND", "core.not_found", f"lines.{i}.partyId"))
    if problems:
        raise api.ServiceError("INVALID", problems=problems)


async def _sequence_id(journal_id: int, fiscal_year_id: int) -> int:
    """The (journal, fiscal year) counter row, created race-free (UNIQUE constraint)."""
    row = await m.EntrySequence.filter(journal_id=journal_id, fiscal_year_id=fiscal_year_id).first()
    if row is not None:
        return row.id
    try:
        async with api.atomic():
            row = await m.EntrySequence.create(
                journal_id=journal_id, fiscal_year_id=fiscal_year_id, last_number=0
            )
            return row.id
    except IntegrityError:
        row = await m.EntrySequence.get(journal_id=journal_id, fiscal_year_id=fiscal_year_id)
        return row.id


async def _next_number(sequence_id: int) -> int:
    """Increment and read the counter in one statement, inside the posting's transaction."""
    got = await rows(
        "UPDATE accounting_entry_sequence SET last_number = last_number + 1 "
        "WHERE id = ? RETURNING last_number",
        [sequence_id],
    )
    return int(got[0]["last_number"])


async def _add_to_balances(period_id: int, lines: list[_Line]) -> None:
    """One upsert of the period balances of the entry's accounts, in account order (two
    postings lock the same rows in the same order: no deadlock)."""
    by_account: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for ln in lines:
        by_account[ln.account_id][0] += ln.debit
        by_account[ln.account_id][1] += ln.credit
    accounts = sorted(by_account)
    values = ", ".join("(?, ?, ?, ?)" for _ in accounts)
    params: list[int] = []
    for account in accounts:
        params += [period_id, account, *by_account[account]]
    await rows(
        "INSERT INTO accounting_period_balance (period_id, account_id, debit, credit)"
        f" VALUES {values} ON CONFLICT (period_id, account_id) DO UPDATE SET"
        " debit = accounting_period_balance.debit + excluded.debit,"
        " credit = accounting_period_balance.credit + excluded.credit",
        params,
    )


async def post(
    actor: api.Actor,
    journal_id: int,
    day: dt.date,
    lines: Sequence[LineIn],
    *,
    reference: str = "",
    source_office: str = MANUAL,
    source_document: str | None = None,
    source_event: int | None = None,
    operation: str = "journalEntryCreate",
    reversal_of: int | None = None,
    journal_field: str = "journalId",
    mark_reversed: int | None = None,
) -> tuple[m.Entry, bool]:
    """Post an entry; ``(entry, True)``, or ``(the entry already posted, False)`` when the
    source document was posted before (idempotent per source)."""
    converted = _convert(lines)
    journal: m.Journal = await api.get_or_error(m.Journal, journal_id, journal_field)
    await organisations.check(actor, journal.organisation_id, journal_field)
    rounding = await _rounding_line(converted, journal.organisation_id)
    if rounding is not None:
        converted.append(rounding)
    if source_document is not None:
        existing = await _existing(source_office, source_document)
        if existing is not None:
            return existing, False
    await _check_refs(journal, converted, journal_field)
    year = await m.FiscalYear.filter(
        organisation_id=journal.organisation_id, start__lte=day, end__gte=day
    ).first()
    if year is None:
        raise api.ServiceError("NO_PERIOD", "accounting.no_period", "date", day=str(day))
    sequence_id = await _sequence_id(journal_id, year.id)
    try:
        async with api.atomic():
            entry = await _write(
                actor,
                journal,
                day,
                converted,
                sequence_id,
                reference=reference,
                source_office=source_office,
                source_document=source_document,
                source_event=source_event,
                operation=operation,
                reversal_of=reversal_of,
            )
            if mark_reversed is not None:
                changed = await m.Entry.filter(id=mark_reversed, reversed_by_id=None).update(
                    reversed_by_id=entry.id
                )
                if not changed:
                    raise api.ServiceError("ALREADY_REVERSED", "accounting.already_reversed", "id")
    except IntegrityError:
        if source_document is None:
            raise
        existing = await _existing(source_office, source_document)
        if existing is None:
            raise
        return existing, False
    return entry, True


async def _existing(source_office: str, source_document: str) -> m.Entry | None:
    return await m.Entry.filter(
        source_office=source_office, source_document=source_document
    ).first()


async def _write(
    actor: api.Actor,
    journal: m.Journal,
    day: dt.date,
    lines: list[_Line],
    sequence_id: int,
    **kw: Any,
) -> m.Entry:
    """Inside the caller's transaction: its parties' lock (an allocation of their money on
    account never races it), period check (share lock), number, rows, audit, event."""
    await open_items.lock_parties(
        journal.organisation_id, [ln.party_id for ln in lines if ln.party_id is not None]
    )
    period_id, year_id = await calendar.period_for_posting(day, journal.organisation_id)
    number = await _next_number(sequence_id)
    entry = await m.Entry.create(
        journal_id=journal.id,
        fiscal_year_id=year_id,
        period_id=period_id,
        number=number,
        date=day,
        reference=kw["reference"],
        source_office=kw["source_office"],
        source_document=kw["source_document"],
        source_event=kw["source_event"],
        reversal_of_id=kw["reversal_of"],
        created_by=actor.user_id,
    )
    await m.EntryLine.bulk_create(
        [
            m.EntryLine(
                entry_id=entry.id,
                account_id=ln.account_id,
                party_id=ln.party_id,
                date=day,
                debit=ln.debit,
                credit=ln.credit,
                currency=ln.currency,
                amount=ln.amount,
                rate=ln.rate,
                label=ln.label[:200],
                tax_rate=ln.tax_rate,
                tax_kind=ln.tax_kind,
            )
            for ln in lines
        ]
    )
    await _add_to_balances(period_id, lines)
    total = sum(ln.debit for ln in lines)
    await api.record(
        actor,
        kw["operation"],
        entry,
        after={"journal": journal.code, "number": number, "date": str(day), "total": total},
    )
    await api.publish(
        ENTRY_POSTED,
        EntryPosted(
            entry_id=entry.id,
            journal=journal.code,
            number=number,
            date=day,
            total=from_cents(total),
            source_office=kw["source_office"],
            source_document=kw["source_document"],
            reversal_of=kw["reversal_of"],
        ),
        aggregate=f"journal:{journal.id}",
    )
    return entry
