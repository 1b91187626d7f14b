"""The ledger at size: trial balance and general ledger over many entry lines, and posting
throughput (PostgreSQL).

    .venv/bin/python -m bench.accounting                      # 1,000,000 lines, 5 rounds
    .venv/bin/python -m bench.accounting --lines 200000 --rounds 3 --posts 300

Data: the generic chart, fiscal years 2025 and 2026, ``--lines`` lines (two per entry) spread
over the two years in five journals and twenty accounts, bulk-inserted with SQL. The ledger's
triggers (balance check at commit, immutability) are disabled for the bulk load only and
enabled again before anything is measured; the data is checked balanced afterwards and
ANALYZEd. Measured, median of ``--rounds``:

- the trial balance of the year 2026 (``services.reports.trial_balance``: whole periods from
  the period balances), against a budget of 300 ms, the same through GraphQL
  (``trialBalance``), and a range that cuts two periods (2026-02-15 to 2026-11-10: those two
  months' lines are read);
- the general ledger of the busiest account: the first page of 100 lines with the running
  balance (window function), and a page deep in the year (offset 50,000 or the middle);
- posting throughput: ``--posts`` entries through the posting service (what event handlers
  call), one at a time and eight at a time, triggers on.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

BUDGET_MS = 300.0

GENERATE_ENTRIES = """
INSERT INTO accounting_entry (journal_id, fiscal_year_id, period_id, number, date, reference,
    source_office, created_at)
SELECT j.id, p.fiscal_year_id, p.id, g.n, d.day, 'bench ' || g.n, 'bench', now()
FROM generate_series(1, $1) AS g(n)
CROSS JOIN LATERAL (SELECT DATE '2025-01-01' + ((g.n::bigint * 7919) % 730)::int AS day) d
JOIN accounting_period p ON p.start <= d.day AND p."end" >= d.day
JOIN LATERAL (
    SELECT id FROM accounting_journal ORDER BY id OFFSET (g.n % 5) LIMIT 1
) j ON true
"""

GENERATE_LINES = """
INSERT INTO accounting_entry_line (entry_id, account_id, date, debit, credit, currency, amount,
    rate, label, tax_kind)
SELECT e.id, a.account_id, e.date,
    CASE WHEN a.side = 0 THEN v.cents ELSE 0 END,
    CASE WHEN a.side = 1 THEN v.cents ELSE 0 END,
    'EUR', CASE WHEN a.side = 0 THEN v.cents ELSE -v.cents END, 1, '', ''
FROM accounting_entry e
CROSS JOIN LATERAL (SELECT 100 + (e.id::bigint * 104729) % 500000 AS cents) v
CROSS JOIN LATERAL (
    SELECT 0 AS side, (SELECT id FROM accounting_account ORDER BY id
        OFFSET (e.id % 20) LIMIT 1) AS account_id
    UNION ALL
    SELECT 1, (SELECT id FROM accounting_account ORDER BY id
        OFFSET ((e.id::bigint * 7 + 3) % 20) LIMIT 1)
) a
WHERE e.source_office = 'bench'
"""


#: the bench's organisation (one ledger)
ORG: list[int] = []


async def generate(lines: int) -> dict[str, Any]:
    from tortoise import connections

    from sportello.api import PartyModel
    from sportello.services import SYSTEM
    from sportello_accounting.services import calendar, chart

    org = await PartyModel.create(kind="organisation", display_name="Bench Srl")
    ORG.append(org.id)
    await chart.install_chart(SYSTEM, "generic", org.id)
    await calendar.fiscal_year_create(SYSTEM, org.id, dt.date(2025, 1, 1))
    await calendar.fiscal_year_create(SYSTEM, org.id, dt.date(2026, 1, 1))
    conn = connections.get("default")
    begin = time.perf_counter()
    await conn.execute_script(
        "ALTER TABLE accounting_entry_line DISABLE TRIGGER USER;"
        "ALTER TABLE accounting_entry DISABLE TRIGGER USER"
    )
    try:
        await conn.execute_query(GENERATE_ENTRIES, [lines // 2])
        await conn.execute_query(GENERATE_LINES)
        # What the posting transaction keeps per period and account (migration 0004's backfill).
        await conn.execute_query(
            "INSERT INTO accounting_period_balance (period_id, account_id, debit, credit)"
            " SELECT e.period_id, l.account_id, SUM(l.debit), SUM(l.credit)"
            " FROM accounting_entry_line l JOIN accounting_entry e ON e.id = l.entry_id"
            " GROUP BY e.period_id, l.account_id"
        )
        # Bench numbers are unique, not gapless: the counters continue after the highest.
        await conn.execute_query(
            "INSERT INTO accounting_entry_sequence (journal_id, fiscal_year_id, last_number)"
            " SELECT journal_id, fiscal_year_id, max(number) FROM accounting_entry"
            " GROUP BY journal_id, fiscal_year_id"
        )
    finally:
        await conn.execute_script(
            "ALTER TABLE accounting_entry_line ENABLE TRIGGER USER;"
            "ALTER TABLE accounting_entry ENABLE TRIGGER USER"
        )
    # As autovacuum would (visibility map for index-only scans, planner statistics).
    await conn.execute_script("VACUUM ANALYZE accounting_entry")
    await conn.execute_script("VACUUM ANALYZE accounting_entry_line")
    await conn.execute_script("VACUUM ANALYZE accounting_period_balance")
    seconds = time.perf_counter() - begin
    check = await conn.execute_query_dict(
        "SELECT count(*) AS n, sum(debit) AS d, sum(credit) AS c FROM accounting_entry_line"
    )
    assert check[0]["d"] == check[0]["c"], check
    return {"lines": int(check[0]["n"]), "generate_s": round(seconds, 1)}


async def _median(fn: Any, rounds: int) -> tuple[float, float]:
    timings = []
    for _ in range(rounds):
        begin = time.perf_counter()
        await fn()
        timings.append((time.perf_counter() - begin) * 1000)
    return statistics.median(timings), max(timings)


async def measure(lines: int, rounds: int, posts: int) -> dict[str, Any]:
    from tortoise import connections

    from sportello.services import SYSTEM
    from sportello.testing import running_app
    from sportello_accounting import models as m
    from sportello_accounting.services import posting, reports

    out: dict[str, Any] = {"backend": "postgres", "rounds": rounds}
    with tempfile.TemporaryDirectory(prefix="sportello-bench-") as tmp:
        async with running_app("postgres", ["accounting"], workdir=Path(tmp)) as h:
            out.update(await generate(lines))
            year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
            await reports.trial_balance(ORG[0], *year)  # warm the cache once
            out["trial_balance_ms"], out["trial_balance_max_ms"] = await _median(
                lambda: reports.trial_balance(ORG[0], *year), rounds
            )
            cut = (dt.date(2026, 2, 15), dt.date(2026, 11, 10))
            out["trial_balance_cut_ms"], _ = await _median(
                lambda: reports.trial_balance(ORG[0], *cut), rounds
            )
            query = (
                'query { trialBalance(from: "2026-01-01", to: "2026-12-31")'
                " { totalDebit totalCredit rows { code closing } } }"
            )
            await h.ok(query)
            out["trial_balance_graphql_ms"], _ = await _median(lambda: h.ok(query), rounds)
            busiest = await connections.get("default").execute_query_dict(
                "SELECT account_id, count(*) AS n FROM accounting_entry_line"
                " WHERE date >= '2026-01-01' GROUP BY account_id ORDER BY n DESC LIMIT 1"
            )
            account, count = busiest[0]["account_id"], int(busiest[0]["n"])
            deep = min(50_000, count // 2)
            out["ledger_account_lines"] = count
            out["ledger_first_page_ms"], _ = await _median(
                lambda: reports.general_ledger(ORG[0], account, *year, 100, 0), rounds
            )
            out["ledger_deep_page_ms"], _ = await _median(
                lambda: reports.general_ledger(ORG[0], account, *year, 100, deep), rounds
            )
            out["ledger_deep_offset"] = deep
            journal = await m.Journal.get(code="MIS")
            accounts = [a.id for a in await m.Account.filter(code__in=["6000", "1100"])]

            async def one(n: int) -> None:
                day = dt.date(2026, 1 + n % 12, 1 + n % 28)
                await posting.post(
                    SYSTEM,
                    journal.id,
                    day,
                    [
                        posting.LineIn(accounts[0], debit=Decimal("12.34")),
                        posting.LineIn(accounts[1], credit=Decimal("12.34")),
                    ],
                    source_office="bench",
                    source_document=f"post:{n}",
                )

            begin = time.perf_counter()
            for n in range(posts):
                await one(n)
            out["posts_sequential_per_s"] = round(posts / (time.perf_counter() - begin), 1)

            async def worker(k: int) -> None:
                for n in range(k, posts, 8):
                    await one(posts + n)

            begin = time.perf_counter()
            await asyncio.gather(*(worker(k) for k in range(8)))
            out["posts_concurrent8_per_s"] = round(posts / (time.perf_counter() - begin), 1)
    return out


def report(r: dict[str, Any]) -> str:
    verdict = "within" if r["trial_balance_ms"] <= BUDGET_MS else "OVER"
    return "\n".join(
        [
            f"# Accounting bench (PostgreSQL, {r['lines']:,} entry lines, median of {r['rounds']})",
            "",
            "| measure | value |",
            "|---|---|",
            f"| generate (bulk SQL, triggers off) | {r['generate_s']} s |",
            f"| trial balance of a year (service) | {r['trial_balance_ms']:.0f} ms"
            f" (max {r['trial_balance_max_ms']:.0f}; budget {BUDGET_MS:.0f}: {verdict}) |",
            f"| trial balance through GraphQL | {r['trial_balance_graphql_ms']:.0f} ms |",
            f"| trial balance of a range cutting two months | {r['trial_balance_cut_ms']:.0f} ms |",
            f"| general ledger, first page of 100 ({r['ledger_account_lines']:,} lines in the"
            f" year) | {r['ledger_first_page_ms']:.0f} ms |",
            f"| general ledger, page at offset {r['ledger_deep_offset']:,} |"
            f" {r['ledger_deep_page_ms']:.0f} ms |",
            f"| postings, one at a time | {r['posts_sequential_per_s']} entries/s |",
            f"| postings, eight at a time | {r['posts_concurrent8_per_s']} entries/s |",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    os.environ.setdefault(
        "SPORTELLO_TEST_POSTGRES_URL",
        os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    result = asyncio.run(measure(args.lines, args.rounds, args.posts))
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if result["trial_balance_ms"] <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
