"""Year-end closing: income and expense balances moved to the year's result account by one
closing entry on the last day, then every period of the year closed, in one transaction."""

from __future__ import annotations

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import organisations, posting
from sportello_accounting.services._common import from_cents, now, rows

INCOME_EXPENSE_BALANCES = """
SELECT l.account_id, SUM(l.debit) - SUM(l.credit) AS bal
FROM accounting_entry_line l JOIN accounting_account a ON a.id = l.account_id
WHERE a.type IN ('income', 'expense') AND l.date >= ? AND l.date <= ? AND a.organisation_id = ?
GROUP BY l.account_id HAVING SUM(l.debit) - SUM(l.credit) <> 0
ORDER BY l.account_id
"""


async def close_year(actor: api.Actor, year_id: int) -> tuple[m.FiscalYear, m.Entry | None]:
    """Post the closing entry and lock the whole year. The other periods are closed first
    (their UPDATE waits for postings in them); the last one is locked FOR UPDATE while the
    closing entry is computed and posted into it, then closed too."""
    async with api.atomic():
        year: m.FiscalYear = await api.get_or_error(m.FiscalYear, year_id, "id", lock=True)
        await organisations.check(actor, year.organisation_id, "id")
        if year.status != m.OPEN:
            raise api.ServiceError("YEAR_CLOSED", "accounting.year_closed", "id")
        last = await m.Period.filter(fiscal_year_id=year_id).order_by("-start").first()
        assert last is not None
        stamp = now()
        await (
            m.Period.filter(fiscal_year_id=year_id, status=m.OPEN)
            .exclude(id=last.id)
            .update(status=m.CLOSED, closed_at=stamp)
        )
        locked = await m.Period.filter(id=last.id).select_for_update().first()
        if locked is None or locked.status != m.OPEN:
            raise api.ServiceError(
                "PERIOD_LOCKED", "accounting.period_locked", "id", day=str(year.end)
            )
        org = year.organisation_id
        balances = await rows(INCOME_EXPENSE_BALANCES, [year.start, year.end, org])
        entry = None
        if balances:
            result = (
                await m.Account.filter(organisation_id=org, role="year_result", archived=False)
                .order_by("code")
                .first()
            )
            journal = (
                await m.Journal.filter(organisation_id=org, kind="misc", archived=False)
                .order_by("code")
                .first()
            )
            if result is None or journal is None:
                raise api.ServiceError("NO_RESULT_ACCOUNT", "accounting.no_result_account", "id")
            lines = [
                posting.LineIn(
                    account_id=int(r["account_id"]),
                    debit=from_cents(-int(r["bal"])) if int(r["bal"]) < 0 else None,
                    credit=from_cents(int(r["bal"])) if int(r["bal"]) > 0 else None,
                    label="year-end closing",
                )
                for r in balances
            ]
            net = sum(int(r["bal"]) for r in balances)  # debit balance: a loss
            if net:
                lines.append(
                    posting.LineIn(
                        account_id=result.id,
                        debit=from_cents(net) if net > 0 else None,
                        credit=from_cents(-net) if net < 0 else None,
                        label="result of the year",
                    )
                )
            entry, _ = await posting.post(
                actor,
                journal.id,
                year.end,
                lines,
                reference=f"Closing {year.name}",
                source_document=f"year-close:{year.id}",
                operation="fiscalYearClose",
            )
        await m.Period.filter(id=last.id).update(status=m.CLOSED, closed_at=stamp)
        for period in await m.Period.filter(fiscal_year_id=year_id, entries_at_close=None):
            count = await m.Entry.filter(period_id=period.id).count()
            await m.Period.filter(id=period.id).update(entries_at_close=count)
        year.status = m.CLOSED
        await year.save(update_fields=["status"])
        if entry is None:
            await api.record(actor, "fiscalYearClose", year, after={"entry": None})
    return year, entry
