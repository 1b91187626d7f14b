"""A party's 360° timeline: every enabled office's records about the party, newest first, in
one SQL statement per page (``UNION ALL`` of the sources the offices contribute through the
hook ``sportello_crm_timeline_sources``), and a summary by kind in one more.

Sources are SQL written by the offices (their own tables, no parameters); the values this
module puts in the statement are integers it checked (the party, the caller's sites, the
page), so nothing a client sends reaches the SQL as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sportello import api
from sportello_crm import models as m

#: The CRM's own entries.
OWN: tuple[dict[str, Any], ...] = (
    {
        "office": "crm",
        "permission": None,
        "sql": "SELECT occurred_at AS at, 'interaction.' || channel AS kind,"
        " CASE WHEN subject <> '' THEN subject ELSE filter_note END AS title,"
        " 'Interaction' AS type_name, id AS pk, site_id, party_id FROM crm_interaction",
    },
    {
        "office": "crm",
        "permission": None,
        "sql": "SELECT created_at AS at, 'case.' || kind AS kind, subject AS title,"
        " 'Case' AS type_name, id AS pk, site_id, party_id FROM crm_case",
    },
    {
        "office": "crm",
        "permission": "crm.sales",
        "sql": "SELECT created_at AS at, 'opportunity.' || status AS kind, title,"
        " 'Opportunity' AS type_name, id AS pk, site_id, party_id FROM crm_opportunity",
    },
    {
        "office": "crm",
        "permission": None,
        "sql": "SELECT COALESCE(due_at, created_at) AS at, 'activity.' || kind AS kind, title,"
        " 'Activity' AS type_name, id AS pk, site_id, party_id FROM crm_activity",
    },
)


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    kind: str
    title: str
    type_name: str
    pk: int


def _when(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def visible_sources(
    sources: Sequence[Mapping[str, Any]], actor: api.Actor
) -> list[Mapping[str, Any]]:
    return [s for s in sources if not s.get("permission") or actor.has(str(s["permission"]))]


def _union(sources: Sequence[Mapping[str, Any]], party_id: int, actor: api.Actor) -> str:
    where = f"party_id = {int(party_id)}"
    if actor.site_ids is not None:
        sites = ", ".join(str(int(s)) for s in sorted(actor.site_ids)) or "NULL"
        # A source may say ``NULL AS site_id``: PostgreSQL reads that as text, hence the cast.
        where += f" AND (CAST(site_id AS BIGINT) IN ({sites}) OR site_id IS NULL)"
    parts = [
        f"SELECT at, kind, title, type_name, pk FROM ({s['sql']}) AS src{n} WHERE {where}"
        for n, s in enumerate(sources)
    ]
    return " UNION ALL ".join(parts)


def _db() -> Any:
    return m.Interaction._meta.db


async def page(
    sources: Sequence[Mapping[str, Any]],
    party_id: int,
    actor: api.Actor,
    offset: int,
    limit: int,
) -> list[Entry]:
    if not sources or limit <= 0:
        return []
    sql = (
        f"SELECT at, kind, title, type_name, pk FROM ({_union(sources, party_id, actor)}) AS t"
        f" ORDER BY at DESC, type_name, pk DESC LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    rows = await _db().execute_query_dict(sql)
    return [
        Entry(
            _when(r["at"]), str(r["kind"]), str(r["title"] or ""), str(r["type_name"]), int(r["pk"])
        )
        for r in rows
    ]


async def count(sources: Sequence[Mapping[str, Any]], party_id: int, actor: api.Actor) -> int:
    if not sources:
        return 0
    sql = f"SELECT COUNT(*) AS n FROM ({_union(sources, party_id, actor)}) AS t"
    rows = await _db().execute_query_dict(sql)
    return int(rows[0]["n"])


@dataclass(frozen=True)
class KindCount:
    kind: str
    count: int
    last_at: dt.datetime


async def summary(
    sources: Sequence[Mapping[str, Any]], party_id: int, actor: api.Actor
) -> list[KindCount]:
    """How many entries of each kind the party has, and the latest: one statement."""
    if not sources:
        return []
    sql = (
        f"SELECT kind, COUNT(*) AS n, MAX(at) AS last_at FROM ({_union(sources, party_id, actor)})"
        " AS t GROUP BY kind ORDER BY kind"
    )
    rows = await _db().execute_query_dict(sql)
    return [KindCount(str(r["kind"]), int(r["n"]), _when(r["last_at"])) for r in rows]
