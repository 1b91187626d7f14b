"""The database's own guards (PostgreSQL: a deferred constraint trigger on the balance; both:
posted rows immutable) and the period lock under 20 postings racing a close, over real HTTP."""

from __future__ import annotations

import asyncio
import os

import asyncpg
import pytest
from accounting_helpers import CLOSE, MODULES, POST, ledger, post
from strawberry import relay


def _pk(global_id: str) -> int:
    return int(relay.GlobalID.from_id(global_id).node_id)


async def test_raw_unbalanced_insert_is_refused_by_postgresql(sportello_app) -> None:
    from tortoise import connections

    async with sportello_app(MODULES) as h:
        if h.backend != "postgres":
            pytest.skip("the deferred constraint trigger is PostgreSQL's")
        lg = await ledger(h)
        got = await post(
            h, lg.entry("MIS", "2026-01-05", lg.line("6000", 10), lg.line("1100", credit=10))
        )
        entry = _pk(got["entry"]["id"])
        account = _pk(lg.accounts["6000"])
        conn = connections.get("default")
        raw = (
            "INSERT INTO accounting_entry_line (entry_id, account_id, date, debit, credit,"
            " currency, amount, rate, label, tax_kind)"
            " VALUES ($1, $2, '2026-01-05', 500, 0, 'EUR', 500, 1, 'sneaked in', '')"
        )
        with pytest.raises(Exception, match="unbalanced"):
            async with conn._in_transaction() as tx:
                await tx.execute_query(raw, [entry, account])
        # Balanced in cents but not in its transaction currency: refused as well.
        foreign = (
            "INSERT INTO accounting_entry_line (entry_id, account_id, date, debit, credit,"
            " currency, amount, rate, label, tax_kind) VALUES"
            " ($1, $2, '2026-01-05', 100, 0, 'USD', 100, 1, 'a', ''),"
            " ($1, $2, '2026-01-05', 0, 100, 'EUR', -100, 1, 'b', '')"
        )
        with pytest.raises(Exception, match="unbalanced"):
            async with conn._in_transaction() as tx:
                await tx.execute_query(foreign, [entry, account])
        rows = await conn.execute_query_dict(
            "SELECT count(*) AS n FROM accounting_entry_line WHERE entry_id = $1", [entry]
        )
        assert rows[0]["n"] == 2


async def test_posted_lines_and_entries_cannot_be_changed_or_deleted(sportello_app) -> None:
    from sportello_accounting.models import Entry, EntryLine

    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        await post(
            h, lg.entry("MIS", "2026-01-05", lg.line("6000", 10), lg.line("1100", credit=10))
        )
        with pytest.raises(Exception, match="immutable"):
            await EntryLine.all().update(debit=0)
        with pytest.raises(Exception, match="immutable"):
            await EntryLine.all().delete()
        with pytest.raises(Exception, match="immutable"):
            await Entry.all().delete()
        with pytest.raises(Exception, match="immutable"):
            await Entry.all().update(number=99)
        assert await EntryLine.all().count() == 2


#: the close's UPDATE of the period waiting for the postings' share locks (the pool's five
#: connections are all taken: asked on a connection of its own)
CLOSE_WAITING = """
SELECT count(*) FROM pg_stat_activity
WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE "accounting_period"%'
"""


async def test_twenty_postings_racing_a_period_close_leave_nothing_inside_it(
    sportello_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four postings are inside the period (past its check, not yet committed) when the close
    starts, sixteen more are sent while it runs. On PostgreSQL the four are held there until the
    close is seen waiting for them, so the race always has both sides: the four commit before
    the close, the sixteen find the period closed. SQLite runs one transaction at a time: the
    postings are slowed instead, and whatever the order, nothing lands inside a closed period."""
    from sportello_accounting.models import Entry, Period
    from sportello_accounting.services import calendar, posting

    numbering = posting._next_number
    closing = calendar.period_close
    arrived, close_started, release = 0, asyncio.Event(), asyncio.Event()
    all_in, first_in = asyncio.Event(), asyncio.Event()
    holding = {"on": False}

    async def held_numbering(sequence_id: int) -> int:
        # Past the period check, before the commit: without the period lock these postings
        # would commit after the close.
        nonlocal arrived
        arrived += 1
        first_in.set()
        if arrived >= 4:
            all_in.set()
        if holding["on"]:
            async with asyncio.timeout(30):
                await release.wait()
        else:
            await asyncio.sleep(0.3)
        return await numbering(sequence_id)

    async def close_signalled(actor: object, period_id: int) -> object:
        close_started.set()
        return await closing(actor, period_id)  # type: ignore[arg-type]

    monkeypatch.setattr(posting, "_next_number", held_numbering)
    monkeypatch.setattr(calendar, "period_close", close_signalled)

    async with sportello_app(MODULES, live=True) as h:
        postgres = h.backend == "postgres"
        holding["on"] = postgres
        lg = await ledger(h)
        poster = await h.token(roles=["back_office"])
        closer = await h.token(roles=["manager"])
        period = lg.periods["2026-03-01"]["id"]
        entry = lg.entry("MIS", "2026-03-15", lg.line("6000", 5), lg.line("1100", credit=5))

        async def one() -> dict:
            result = await h.gql(POST, {"i": entry}, token=poster)
            assert not result.get("errors"), result
            payload: dict = result["data"]["journalEntryCreate"]
            return payload

        async def close() -> dict:
            result = await h.gql(CLOSE, {"i": {"id": period}}, token=closer)
            assert not result.get("errors"), result
            payload: dict = result["data"]["periodClose"]
            return payload

        # The pool has five connections: four postings enter the window, the close takes the
        # fifth, and sixteen more postings are sent while it runs.
        first = [asyncio.ensure_future(one()) for _ in range(4)]
        async with asyncio.timeout(30):
            await (all_in if postgres else first_in).wait()
        closed_payload = asyncio.ensure_future(close())
        await close_started.wait()
        if postgres:
            url = os.environ["SPORTELLO_TEST_POSTGRES_URL"]
            watcher = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
            try:
                async with asyncio.timeout(30):  # the close waits for the four postings' lock
                    while not await watcher.fetchval(CLOSE_WAITING):
                        assert not closed_payload.done(), await closed_payload
                        await asyncio.sleep(0.02)
            finally:
                await watcher.close()
        rest = [asyncio.ensure_future(one()) for _ in range(16)]
        release.set()
        results = await asyncio.gather(*first, *rest, closed_payload)
        closed = await Period.get(id=_pk(period))
        assert closed.status == "closed"
        posted = [r for r in results[:20] if r["errors"] == []]
        refused = [r for r in results[:20] if r["errors"]]
        assert all(r["errors"][0]["code"] == "PERIOD_LOCKED" for r in refused)
        # Every entry in the period committed before the close did: none landed after it.
        inside = await Entry.filter(period_id=closed.id)
        assert len(inside) == len(posted) == closed.entries_at_close
        if postgres:
            assert (len(posted), len(refused)) == (4, 16), results
        numbers = sorted(e.number for e in inside)
        assert numbers == list(range(1, len(posted) + 1))  # gapless despite the refusals
        late = await post(h, entry)
        assert late["errors"][0]["code"] == "PERIOD_LOCKED"
