"""Entries through GraphQL: balanced by construction, numbered without gaps, immutable,
reversed, idempotent per source, refused in closed periods."""

from __future__ import annotations

from decimal import Decimal

from accounting_helpers import CLOSE, MODULES, REVERSE, ledger, post, trial


async def test_a_balanced_entry_posts_whole_with_gapless_numbers(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        numbers = []
        for n in range(3):
            got = await post(
                h,
                lg.entry(
                    "SAL",
                    f"2026-01-{10 + n}",
                    lg.line("1200", debit="122.00"),
                    lg.line("4000", credit="100.00"),
                    lg.line("2100", credit="22.00"),
                    reference=f"INV-{n}",
                ),
            )
            assert got["errors"] == [], got
            assert got["entry"]["posted"] is True
            numbers.append(got["entry"]["number"])
        assert numbers == [1, 2, 3]
        other = await post(
            h, lg.entry("MIS", "2026-01-10", lg.line("6000", 50), lg.line("1100", credit=50))
        )
        assert other["entry"]["number"] == 1  # per journal
        tb = await trial(h, "2026-01-01", "2026-01-31")
        assert Decimal(tb["totalDebit"]) == Decimal("416.00") == Decimal(tb["totalCredit"])
        assert Decimal(tb["totalClosing"]) == 0
        by_code = {r["code"]: r for r in tb["rows"]}
        assert Decimal(by_code["1200"]["closing"]) == Decimal("366.00")
        assert Decimal(by_code["4000"]["closing"]) == Decimal("-300.00")


async def test_unbalanced_and_bad_lines_are_refused_and_nothing_is_written(sportello_app) -> None:
    from sportello_accounting.models import Entry, EntryLine

    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        got = await post(
            h, lg.entry("MIS", "2026-02-01", lg.line("6000", 50), lg.line("1100", credit="49.99"))
        )
        assert got["entry"] is None
        assert [(e["field"], e["code"]) for e in got["errors"]] == [("lines", "UNBALANCED")]
        assert "0.01" in got["errors"][0]["message"]
        both = await post(
            h,
            lg.entry("MIS", "2026-02-01", lg.line("6000", 5, 5), lg.line("1100", credit=5)),
        )
        assert both["errors"][0] == {
            "field": "lines.0.debit",
            "code": "INVALID",
            "message": both["errors"][0]["message"],
        }
        cents = await post(
            h, lg.entry("MIS", "2026-02-01", lg.line("6000", "1.001"), lg.line("1100", credit=1))
        )
        assert cents["errors"][0]["field"] == "lines.0.debit"
        one = await post(h, lg.entry("MIS", "2026-02-01", lg.line("6000", 1)))
        assert one["errors"][0]["field"] == "lines"
        no_year = await post(
            h, lg.entry("MIS", "2030-02-01", lg.line("6000", 1), lg.line("1100", credit=1))
        )
        assert no_year["errors"][0]["code"] == "NO_PERIOD"
        assert await Entry.all().count() == 0
        assert await EntryLine.all().count() == 0


async def test_foreign_currency_lines_balance_per_currency_and_round_to_the_account(
    sportello_app,
) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        # 3 x 33.33 USD at 1.1 = 36.663 each: 36.66 x 3 = 109.98 against 99.99 USD = 109.99
        got = await post(
            h,
            lg.entry(
                "SAL",
                "2026-03-02",
                lg.line("1200", debit="99.99", currency="USD", rate="1.1"),
                lg.line("4000", credit="33.33", currency="USD", rate="1.1"),
                lg.line("4000", credit="33.33", currency="USD", rate="1.1"),
                lg.line("4000", credit="33.33", currency="USD", rate="1.1"),
            ),
        )
        assert got["errors"] == [], got
        lines = got["entry"]["lines"]
        assert sum(Decimal(x["debit"]) for x in lines) == sum(Decimal(x["credit"]) for x in lines)
        rounding = [x for x in lines if x["account"]["code"] == "6900"]
        assert len(rounding) == 1 and Decimal(rounding[0]["credit"]) == Decimal("0.01")
        usd = [x for x in lines if x["currency"] == "USD"]
        assert sum(Decimal(x["amount"]) for x in usd) == 0
        missing = await post(
            h,
            lg.entry(
                "SAL",
                "2026-03-02",
                lg.line("1200", debit="10", currency="USD"),
                lg.line("4000", credit="10", currency="USD"),
            ),
        )
        assert {(e["field"], e["code"]) for e in missing["errors"]} == {
            ("lines.0.rate", "RATE_REQUIRED"),
            ("lines.1.rate", "RATE_REQUIRED"),
        }
        mixed = await post(
            h,
            lg.entry(
                "SAL",
                "2026-03-02",
                lg.line("1200", debit="10", currency="USD", rate="1.1"),
                lg.line("4000", credit="11"),
            ),
        )
        assert mixed["errors"][0]["code"] == "UNBALANCED"
        tb = await trial(h, "2026-03-01", "2026-03-31")
        assert Decimal(tb["totalClosing"]) == 0


async def test_reversal_swaps_every_line_once(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        first = await post(
            h,
            lg.entry(
                "SAL",
                "2026-04-03",
                lg.line("1200", debit="10.00", currency="GBP", rate="1.1666"),
                lg.line("4000", credit="10.00", currency="GBP", rate="1.1666"),
            ),
        )
        entry_id = first["entry"]["id"]
        rev = await h.ok(REVERSE, {"i": {"id": entry_id, "date": "2026-04-30"}})
        assert rev["journalEntryReverse"]["errors"] == []
        assert rev["journalEntryReverse"]["entry"]["number"] == 2
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on JournalEntry { reversedBy } } }",
            {"id": entry_id},
        )
        assert node["node"]["reversedBy"] == rev["journalEntryReverse"]["entry"]["id"]
        again = await h.ok(REVERSE, {"i": {"id": entry_id}})
        assert again["journalEntryReverse"]["errors"] == [
            {"field": "id", "code": "ALREADY_REVERSED"}
        ]
        tb = await trial(h, "2026-04-01", "2026-04-30")
        assert all(Decimal(r["closing"]) == 0 for r in tb["rows"])
        assert Decimal(tb["totalDebit"]) == Decimal("23.34")


async def test_idempotency_key_posts_once(sportello_app) -> None:
    from sportello_accounting.models import Entry

    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        entry = lg.entry(
            "MIS", "2026-05-05", lg.line("6000", 7), lg.line("1000", credit=7), idempotencyKey="k1"
        )
        a = await post(h, entry)
        b = await post(h, entry, check_audit=False)  # the second answer is the first entry
        assert a["entry"]["id"] == b["entry"]["id"]
        assert await Entry.all().count() == 1


async def test_a_closed_period_refuses_postings_for_everyone(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        january = lg.periods["2026-01-01"]["id"]
        closed = await h.ok(CLOSE, {"i": {"id": january}}, as_="manager")
        assert closed["periodClose"]["period"]["status"] == "CLOSED"
        again = await h.ok(CLOSE, {"i": {"id": january}})
        assert again["periodClose"]["errors"] == [{"field": "id", "code": "PERIOD_CLOSED"}]
        for role in ("admin", "back_office"):
            got = await post(
                h,
                lg.entry("MIS", "2026-01-31", lg.line("6000", 1), lg.line("1000", credit=1)),
                as_=role,
            )
            assert [(e["field"], e["code"]) for e in got["errors"]] == [("date", "PERIOD_LOCKED")]
        ok = await post(
            h, lg.entry("MIS", "2026-02-01", lg.line("6000", 1), lg.line("1000", credit=1))
        )
        assert ok["errors"] == []
        denied = await h.gql(
            CLOSE, {"i": {"id": lg.periods["2026-02-01"]["id"]}}, as_="back_office"
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


YEAR_CLOSE = """
mutation($i: FiscalYearCloseInput!) {
  fiscalYearClose(input: $i) {
    fiscalYear { status periods { status entriesAtClose } }
    entry { number lines { account { code } debit credit } }
    errors { field code }
  }
}
"""


async def test_year_end_closing_moves_the_result_to_equity_and_locks_the_year(
    sportello_app,
) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        await post(
            h, lg.entry("SAL", "2026-03-01", lg.line("1200", 1000), lg.line("4000", credit=1000))
        )
        await post(
            h, lg.entry("MIS", "2026-06-01", lg.line("6000", 300), lg.line("1100", credit=300))
        )
        done = (await h.ok(YEAR_CLOSE, {"i": {"id": lg.year}}, as_="manager"))["fiscalYearClose"]
        assert done["errors"] == [], done
        assert done["fiscalYear"]["status"] == "CLOSED"
        assert {p["status"] for p in done["fiscalYear"]["periods"]} == {"CLOSED"}
        assert sum(p["entriesAtClose"] for p in done["fiscalYear"]["periods"]) == 3
        lines = {x["account"]["code"]: x for x in done["entry"]["lines"]}
        assert Decimal(lines["4000"]["debit"]) == Decimal("1000.00")
        assert Decimal(lines["6000"]["credit"]) == Decimal("300.00")
        assert Decimal(lines["3900"]["credit"]) == Decimal("700.00")
        tb = await trial(h, "2026-01-01", "2026-12-31")
        closing = {r["code"]: Decimal(r["closing"]) for r in tb["rows"]}
        assert closing["4000"] == closing["6000"] == 0
        assert closing["3900"] == Decimal("-700.00")
        again = (await h.ok(YEAR_CLOSE, {"i": {"id": lg.year}}))["fiscalYearClose"]
        assert again["errors"] == [{"field": "id", "code": "YEAR_CLOSED"}]
        late = await post(
            h, lg.entry("MIS", "2026-12-31", lg.line("6000", 1), lg.line("1100", credit=1))
        )
        assert late["errors"][0]["code"] == "PERIOD_LOCKED"
