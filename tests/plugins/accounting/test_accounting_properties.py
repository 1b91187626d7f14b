"""Property (hypothesis): any sequence of postings, reversals, foreign-currency entries,
period closes and rejected inputs leaves debits = credits overall and per entry (and per
transaction currency), and a trial balance of zero. All through GraphQL, on one app."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from accounting_helpers import CLOSE, MODULES, POST, REVERSE, YEAR, ledger, trial
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.testing import running_app

ACCOUNTS = ("1000", "1100", "1200", "2000", "2100", "4000", "5000", "6000", "6100")
JOURNALS = ("SAL", "PUR", "BNK", "CSH", "MIS")
CURRENCIES = ("EUR", "EUR", "USD", "GBP", "CHF")

RANGES = (
    ("2026-01-01", "2027-12-31"),
    ("2026-02-15", "2026-11-03"),
    ("2027-03-01", "2027-03-31"),
)
cents = st.integers(min_value=1, max_value=5_000_000)
day = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def balanced(draw: Any) -> dict:
    debits = draw(st.lists(cents, min_size=1, max_size=4))
    total = sum(debits)
    n_credit = draw(st.integers(min_value=1, max_value=3))
    cuts = (
        sorted(
            draw(
                st.lists(
                    st.integers(1, max(1, total - 1)),
                    min_size=n_credit - 1,
                    max_size=n_credit - 1,
                    unique=True,
                )
            )
        )
        if total > n_credit
        else []
    )
    credits = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    currency = draw(st.sampled_from(CURRENCIES))
    rate = None if currency == "EUR" else str(draw(st.decimals("0.1", "3", places=4)))
    lines = [("d", draw(st.sampled_from(ACCOUNTS)), c) for c in debits]
    lines += [("c", draw(st.sampled_from(ACCOUNTS)), c) for c in credits if c > 0]
    return {
        "kind": "post",
        "journal": draw(st.sampled_from(JOURNALS)),
        "date": draw(day),
        "currency": currency,
        "rate": rate,
        "lines": lines,
    }


@st.composite
def unbalanced(draw: Any) -> dict:
    entry = draw(balanced())
    lines = list(entry["lines"])
    side, account, amount = lines[0]
    lines[0] = (side, account, amount + draw(st.integers(1, 1000)))
    return {**entry, "kind": "bad", "lines": lines}


operations = st.lists(
    st.one_of(
        balanced(),
        balanced(),
        unbalanced(),
        st.builds(lambda i: {"kind": "reverse", "index": i}, st.integers(0, 50)),
        st.builds(lambda d: {"kind": "close", "date": d}, day),
        st.builds(lambda d: {"kind": "garbage", "date": d}, day),
    ),
    min_size=1,
    max_size=12,
)


def _input(lg: Any, op: dict) -> dict:
    lines = []
    for side, account, amount in op["lines"]:
        line: dict[str, Any] = {"accountId": lg.accounts[account]}
        line["debit" if side == "d" else "credit"] = str(Decimal(amount) / 100)
        if op["currency"] != "EUR":
            line["currency"] = op["currency"]
            line["rate"] = op["rate"]
        lines.append(line)
    return lg.entry(op["journal"], op["date"].isoformat(), *lines)


async def _apply(h: Any, lg: Any, posted: list[str], op: dict) -> None:
    if op["kind"] in ("post", "bad"):
        got = (await h.ok(POST, {"i": _input(lg, op)}))["journalEntryCreate"]
        if op["kind"] == "bad":
            assert got["errors"] and got["errors"][0]["code"] in ("UNBALANCED", "PERIOD_LOCKED")
            assert got["entry"] is None
        elif got["errors"]:
            assert got["errors"][0]["code"] == "PERIOD_LOCKED", got
        else:
            posted.append(got["entry"]["id"])
    elif op["kind"] == "reverse" and posted:
        got = (await h.ok(REVERSE, {"i": {"id": posted[op["index"] % len(posted)]}}))[
            "journalEntryReverse"
        ]
        assert got["errors"] == [] or got["errors"][0]["code"] in (
            "ALREADY_REVERSED",
            "PERIOD_LOCKED",
        )
    elif op["kind"] == "close":
        period = lg.periods.get(op["date"].replace(day=1).isoformat())
        if period is not None:
            await h.ok(CLOSE, {"i": {"id": period["id"]}})
    elif op["kind"] == "garbage":
        bad = lg.entry(
            "MIS", op["date"].isoformat(), lg.line("6000", "-5"), lg.line("1000", credit="5")
        )
        got = (await h.ok(POST, {"i": bad}))["journalEntryCreate"]
        assert got["entry"] is None and got["errors"]


async def _check(h: Any) -> None:
    from tortoise import connections

    conn = connections.get("default")
    overall = await conn.execute_query_dict(
        "SELECT COALESCE(SUM(debit), 0) AS d, COALESCE(SUM(credit), 0) AS c FROM accounting_entry_line"
    )
    assert int(overall[0]["d"]) == int(overall[0]["c"])
    per_entry = await conn.execute_query_dict(
        "SELECT entry_id FROM accounting_entry_line GROUP BY entry_id HAVING SUM(debit) <> SUM(credit)"
    )
    assert per_entry == []
    per_currency = await conn.execute_query_dict(
        "SELECT entry_id, currency FROM accounting_entry_line GROUP BY entry_id, currency"
        " HAVING SUM(amount) <> 0"
    )
    assert per_currency == []
    tb = await trial(h, "2026-01-01", "2027-12-31")
    assert Decimal(tb["totalClosing"]) == 0
    # The period balances the posting transaction keeps agree with the lines, for ranges
    # made of whole periods and ranges cutting some.
    for start, end in RANGES:
        got = {
            r["code"]: (Decimal(r["opening"]), Decimal(r["debit"]), Decimal(r["credit"]))
            for r in (await trial(h, start, end))["rows"]
        }
        sql = (
            f"SELECT a.code, SUM(CASE WHEN l.date < '{start}' THEN l.debit - l.credit ELSE 0 END) AS o,"
            f" SUM(CASE WHEN l.date >= '{start}' THEN l.debit ELSE 0 END) AS d,"
            f" SUM(CASE WHEN l.date >= '{start}' THEN l.credit ELSE 0 END) AS c"
            " FROM accounting_entry_line l JOIN accounting_account a ON a.id = l.account_id"
            f" WHERE l.date <= '{end}' GROUP BY a.code"
        )
        direct = await conn.execute_query_dict(sql)
        assert got == {
            r["code"]: tuple(Decimal(int(r[k])) / 100 for k in ("o", "d", "c")) for r in direct
        }
    assert Decimal(tb["totalDebit"]) == Decimal(tb["totalCredit"])


def test_any_sequence_keeps_the_ledger_balanced(backend: str, tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    app = running_app(backend, MODULES, workdir=tmp_path)
    h = loop.run_until_complete(app.__aenter__())
    try:
        h.check_audit = False  # idempotent answers and refusals are the point here
        lg = loop.run_until_complete(ledger(h))
        made = loop.run_until_complete(h.ok(YEAR, {"i": {"start": "2027-01-01"}}))
        lg.periods.update(
            {p["start"]: p for p in made["fiscalYearCreate"]["fiscalYear"]["periods"]}
        )
        posted: list[str] = []

        @settings(
            max_examples=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(operations)
        def run(ops: list[dict]) -> None:
            for op in ops:
                loop.run_until_complete(_apply(h, lg, posted, op))
            loop.run_until_complete(_check(h))

        run()
    finally:
        loop.run_until_complete(app.__aexit__(None, None, None))
        loop.close()
