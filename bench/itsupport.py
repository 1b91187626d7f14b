"""IT support at scale: ``python -m bench.itsupport [--db sqlite|postgres] [--tickets N]
[--articles N] [--requests N]``.

Generates a help desk (bulk inserts): ``--tickets`` tickets over 200 requesters, three teams
and six categories, every open one with a due time, and ``--articles`` knowledge-base articles
in English, Italian, Spanish and Greek (the full-text index of the database kept by its
triggers or generated column). Then, in process (ASGI, no network), times the operations the
agents' screens send: the tickets list (50 a page, with requester, team, category and due time,
newest first and the due-soon view) and knowledge-base searches. Prints the median and p90
latency and the SQL statements per request. PostgreSQL needs ``SPORTELLO_TEST_POSTGRES_URL``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

LIST = """
query($after: String) { supportTickets(first: 50, after: $after) { edges { cursor node {
  reference subject status priority dueAt requesterName team { name } category { name } } } } }
"""
DUE = """
{ supportTicketsDueSoon(first: 50) { edges { node { reference dueAt requesterName
  team { name } } } } }
"""
SEARCH = """
query($s: String!) { kbArticles(search: $s, first: 10) { totalCount edges { node { id
  text { title } } } } }
"""
SEARCHES = ["stampante carta", "encoder card", "pantalla vestíbulo", "Wi-Fi δωματίου", "printer"]
NOW = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)
WORDS = {
    "en": ["printer", "paper", "encoder", "card", "display", "network", "password", "screen"],
    "it": ["stampante", "carta", "codificatore", "schermo", "rete", "password", "tessera"],
    "es": ["impresora", "papel", "pantalla", "vestíbulo", "red", "contraseña", "tarjeta"],
    "el": ["εκτυπωτής", "χαρτί", "οθόνη", "δίκτυο", "κωδικός", "κάρτα", "δωματίου"],
}


async def generate(h: Any, tickets: int, articles: int) -> None:
    from sportello import api
    from sportello_itsupport import models as m

    department: Any = m.Category._meta.fields_map["team"].related_model
    teams = [await department.create(name=f"Team {n}", kind="team") for n in range(3)]
    cats = [
        await m.Category.create(name=f"Category {n}", team_id=teams[n % 3].id) for n in range(6)
    ]
    await api.PartyModel.bulk_create(
        [api.PartyModel(display_name=f"Requester {n}", kind="person") for n in range(200)]
    )
    people = await api.PartyModel.all().values_list("id", flat=True)
    await m.TicketCounter.create(name="ticket", last_number=tickets)
    statuses = ["new", "open", "waiting_requester", "resolved", "closed"]
    batch: list[Any] = []
    for n in range(tickets):
        status = statuses[n % len(statuses)]
        created = NOW - dt.timedelta(minutes=7 * (tickets - n))
        batch.append(
            m.Ticket(
                number=n + 1,
                subject=f"Ticket {n}",
                description="Something does not work.",
                requester_id=people[n % len(people)],
                category_id=cats[n % 6].id,
                team_id=cats[n % 6].team_id,
                status=status,
                due_at=None
                if status not in ("new", "open")
                else NOW + dt.timedelta(minutes=n % 600),
                created_at=created,
                updated_at=created,
            )
        )
        if len(batch) == 2000:
            await m.Ticket.bulk_create(batch)
            batch = []
    if batch:
        await m.Ticket.bulk_create(batch)
    langs = list(WORDS)
    for start in range(0, articles, 1000):
        rows = [
            m.KbArticle(visibility="staff", created_at=NOW, updated_at=NOW)
            for _ in range(min(1000, articles - start))
        ]
        await m.KbArticle.bulk_create(rows)
    ids = await m.KbArticle.all().order_by("id").values_list("id", flat=True)
    texts = []
    for n, article_id in enumerate(ids):
        lang = langs[n % 4]
        words = WORDS[lang]
        title = " ".join(words[(n + k) % len(words)] for k in range(3))
        body = " ".join(words[(n * 3 + k) % len(words)] for k in range(40))
        texts.append(
            m.KbTranslation(
                article_id=article_id, language=lang, title=title, body=body, updated_at=NOW
            )
        )
    for start in range(0, len(texts), 2000):
        await m.KbTranslation.bulk_create(texts[start : start + 2000])
    conn = m.Ticket._meta.db
    await conn.execute_script("ANALYZE")


async def measure(h: Any, query: str, variables: list[dict[str, Any]], n: int) -> dict[str, Any]:
    from sportello.testing import count_queries

    token = await h.token(roles=["admin"])
    await h.gql(query, variables[0], token=token)
    times, sql = [], []
    for i in range(n):
        with count_queries() as statements:
            began = time.perf_counter()
            result = await h.gql(query, variables[i % len(variables)], token=token)
            times.append((time.perf_counter() - began) * 1000)
        assert not result.get("errors"), result["errors"]
        sql.append(len([s for s in statements if "events_" not in s]))
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
        "sql": max(sql),
    }


async def main_async(db: str, tickets: int, articles: int, requests: int) -> None:
    from sportello.testing import running_app
    from sportello_itsupport.services import _common

    _common.now = lambda: NOW  # type: ignore[assignment]  # the views' "now" is the data's
    with tempfile.TemporaryDirectory(prefix="sportello-bench-") as tmp:
        async with running_app(db, ["itsupport"], workdir=Path(tmp)) as h:
            began = time.perf_counter()
            await generate(h, tickets, articles)
            print(
                f"{db}: {tickets} tickets, {articles} articles generated in "
                f"{time.perf_counter() - began:.0f} s"
            )
            first = await h.ok(LIST, {"after": None}, as_="admin")
            deep = first["supportTickets"]["edges"][-1]["cursor"]
            rows = {
                "tickets list, first page": await measure(h, LIST, [{"after": None}], requests),
                "tickets list, page 2": await measure(h, LIST, [{"after": deep}], requests),
                "due-soon view": await measure(h, DUE, [{}], requests),
                "KB search": await measure(h, SEARCH, [{"s": s} for s in SEARCHES], requests),
            }
            for name, row in rows.items():
                print(
                    f"  {name:28} p50 {row['p50_ms']:7.1f} ms  p90 {row['p90_ms']:7.1f} ms  "
                    f"SQL {row['sql']}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    if args.db == "postgres":
        os.environ.setdefault(
            "SPORTELLO_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        )
    asyncio.run(main_async(args.db, args.tickets, args.articles, args.requests))


if __name__ == "__main__":
    main()
