"""Knowledge-base search with the database's own engine.

PostgreSQL: ``itsupport_kb_translation.search`` is a generated ``tsvector`` built with the text
configuration of the row's language (english, italian, spanish, greek) under a GIN index; a
query is parsed with each language's configuration and matched against that language's rows,
so the stemmers match inflected words ("stampanti" finds "stampante"). SQLite: an FTS5 table
(unicode61, diacritics removed) kept in step by triggers, words matched as prefixes.

Search (``kbArticles(search:)``) wants every word; suggestions while a ticket is written want
any of them, best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import dialect
from sportello_itsupport.services.kb import visibilities

CONFIGS = {"en": "english", "it": "italian", "es": "spanish", "el": "greek"}
_WORD = re.compile(r"\w+", re.UNICODE)
#: Words of a query taken into account
MAX_WORDS = 24


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "") if len(w) > 1][:MAX_WORDS]


@dataclass(frozen=True)
class Query:
    actor: api.Actor
    text: str
    any_word: bool = False
    language: str | None = None


def _filters(q: Query, marks: list[str], params: list[object]) -> str:
    """Visibility, sites and language as SQL on the article ``a`` and text ``t``."""

    def add(value: object) -> str:
        params.append(value)
        return marks[len(params) - 1]

    shown = ", ".join(add(v) for v in visibilities(q.actor))
    sql = f" AND a.visibility IN ({shown})"
    if q.actor.site_ids is not None:
        sites = sorted(q.actor.site_ids)
        listed = ", ".join(add(s) for s in sites) if sites else "NULL"
        sql += f" AND (a.site_id IS NULL OR a.site_id IN ({listed}))"
    if q.language is not None:
        sql += f" AND t.language = {add(q.language)}"
    return sql


def _pg(q: Query, count: bool) -> tuple[str, list[object]]:
    marks = [f"${i}" for i in range(1, 64)]
    params: list[object] = [(" | " if q.any_word else " & ").join(words(q.text))]
    matches = " OR ".join(
        f"(t.language = '{lang}' AND t.search @@ to_tsquery('{cfg}', $1))"
        for lang, cfg in CONFIGS.items()
    )
    rank = (
        "CASE t.language "
        + " ".join(
            f"WHEN '{lang}' THEN ts_rank(t.search, to_tsquery('{cfg}', $1))"
            for lang, cfg in CONFIGS.items()
        )
        + " END"
    )
    where = f"({matches})" + _filters(q, marks, params)
    base = (
        "FROM itsupport_kb_translation t JOIN itsupport_kb_article a ON a.id = t.article_id "
        f"WHERE {where}"
    )
    if count:
        return f"SELECT COUNT(DISTINCT t.article_id) AS n {base}", params
    return (
        f"SELECT t.article_id AS id, MAX({rank}) AS score {base} "
        "GROUP BY t.article_id ORDER BY score DESC, t.article_id DESC",
        params,
    )


def _sqlite(q: Query, count: bool) -> tuple[str, list[object]]:
    marks = ["?"] * 64
    terms = [f'"{w}"*' for w in words(q.text)]
    params: list[object] = [(" OR " if q.any_word else " AND ").join(terms)]
    where = "1 = 1" + _filters(q, marks, params)
    # bm25() only works in the FTS query itself: a materialised CTE keeps it there.
    matched = (
        "WITH f AS MATERIALIZED (SELECT rowid AS rid, bm25(itsupport_kb_fts) AS rank "
        "FROM itsupport_kb_fts WHERE itsupport_kb_fts MATCH ?) "
    )
    base = (
        "FROM f JOIN itsupport_kb_translation t ON t.id = f.rid "
        f"JOIN itsupport_kb_article a ON a.id = t.article_id WHERE {where}"
    )
    if count:
        return f"{matched}SELECT COUNT(DISTINCT t.article_id) AS n {base}", params
    return (
        f"{matched}SELECT t.article_id AS id, MIN(f.rank) AS score {base} "
        "GROUP BY t.article_id ORDER BY score ASC, t.article_id DESC",
        params,
    )


def _sql(q: Query, count: bool) -> tuple[str, list[object], Any]:
    conn = m.KbTranslation._meta.db
    build = _pg if dialect(conn) == "postgres" else _sqlite
    sql, params = build(q, count)
    return sql, params, conn


async def search_ids(q: Query, offset: int, limit: int) -> list[int]:
    """Article ids, best match first."""
    if not words(q.text):
        return []
    sql, params, conn = _sql(q, count=False)
    rows = await conn.execute_query_dict(f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}", params)
    return [int(r["id"]) for r in rows]


async def search_count(q: Query) -> int:
    if not words(q.text):
        return 0
    sql, params, conn = _sql(q, count=True)
    rows = await conn.execute_query_dict(sql, params)
    return int(rows[0]["n"])
