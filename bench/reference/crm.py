"""Reference (b) for the CRM bench (``bench/crm.py``): the cases list and a party's timeline
written by hand, the fast way.

The same documents as Sportello's screens send (``cases(first, after, status, departmentId)``
with party, department and due time; ``node(id:) { ... on Party { timeline } }``), answered
from one hand-written SQL statement per page (the case joined to its party, department and SLA
clock; the timeline's ``UNION ALL`` of the party's interactions, cases and activities), nodes
as plain objects with plain attributes, parser and validation caches, orjson. Served in the
bench's process on the same database connection; no authentication.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
from typing import Any

import orjson
import strawberry
from strawberry.asgi import GraphQL
from strawberry.extensions import ParserCache, ValidationCache
from tortoise import connections


def _db() -> Any:
    return connections.get("default")


def _params(count: int) -> list[str]:
    """Placeholders in the connection's style (``?`` for SQLite, ``$n`` for PostgreSQL)."""
    if _db().capabilities.dialect == "postgres":
        return [f"${n + 1}" for n in range(count)]
    return ["?"] * count


def _when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _pk(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().rpartition(":")[2])


def _cursor(*parts: Any) -> str:
    return base64.b64encode("|".join(str(p) for p in parts).encode()).decode()


def _uncursor(cursor: str) -> list[str]:
    return base64.b64decode(cursor).decode().split("|")


@strawberry.enum
class CaseStatus(enum.Enum):
    OPEN = "open"
    TRANSFERRED = "transferred"
    WAITING = "waiting"
    RESOLVED = "resolved"


@strawberry.enum
class CasePriority(enum.Enum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


@strawberry.type
class PartyRef:
    display_name: str


@strawberry.type
class DepartmentRef:
    name: str


@strawberry.type
class CaseT:
    reference: str
    subject: str
    status: CaseStatus
    priority: CasePriority
    due_at: dt.datetime | None
    party: PartyRef | None
    department: DepartmentRef | None


@strawberry.type
class CaseEdge:
    cursor: str
    node: CaseT


@strawberry.type
class CaseConnection:
    edges: list[CaseEdge]


@strawberry.type
class TimelineEntry:
    at: dt.datetime
    kind: str
    title: str
    object_id: strawberry.ID


@strawberry.type
class TimelineEdge:
    cursor: str
    node: TimelineEntry


@strawberry.type
class TimelineConnection:
    edges: list[TimelineEdge]


@strawberry.interface
class Node:
    id: strawberry.ID


_TIMELINE = (
    "SELECT occurred_at AS at, 'interaction.' || channel AS kind,"
    " CASE WHEN subject <> '' THEN subject ELSE filter_note END AS title,"
    " 'Interaction' AS type_name, id AS pk FROM crm_interaction WHERE party_id = {}"
    " UNION ALL SELECT created_at, 'case.' || kind, subject, 'Case', id FROM crm_case"
    " WHERE party_id = {}"
    " UNION ALL SELECT COALESCE(due_at, created_at), 'activity.' || kind, title, 'Activity', id"
    " FROM crm_activity WHERE party_id = {}"
)


@strawberry.type
class Party(Node):
    @strawberry.field
    async def timeline(self, first: int = 50, after: str | None = None) -> TimelineConnection:
        offset = int(_uncursor(after)[0]) + 1 if after else 0
        *party, limit, skip = _params(5)
        sql = (
            f"SELECT at, kind, title, type_name, pk FROM ({_TIMELINE.format(*party)}) AS t"
            f" ORDER BY at DESC, type_name, pk DESC LIMIT {limit} OFFSET {skip}"
        )
        pk = _pk(self.id)
        rows = await _db().execute_query_dict(sql, [pk, pk, pk, min(first, 100), offset])
        edges = []
        for n, r in enumerate(rows):
            gid = base64.b64encode(f"{r['type_name']}:{r['pk']}".encode()).decode()
            entry = TimelineEntry(
                at=_when(r["at"]),  # type: ignore[arg-type]
                kind=r["kind"],
                title=r["title"] or "",
                object_id=strawberry.ID(gid),
            )
            edges.append(TimelineEdge(cursor=_cursor(offset + n), node=entry))
        return TimelineConnection(edges=edges)


_CASES = (
    "SELECT c.id, c.subject, c.status, c.priority, c.created_at, p.display_name,"
    " d.name AS department, k.due_resolution_at FROM crm_case c"
    " LEFT JOIN parties_party p ON p.id = c.party_id"
    " LEFT JOIN org_department d ON d.id = c.department_id"
    " LEFT JOIN sla_clock k ON k.office = 'crm' AND k.item_type = 'case' AND k.item_id = c.id"
)


@strawberry.type
class Query:
    @strawberry.field
    async def cases(
        self,
        first: int = 50,
        after: str | None = None,
        status: list[CaseStatus] | None = None,
        department_id: strawberry.ID | None = None,
    ) -> CaseConnection:
        where: list[str] = []
        values: list[Any] = []
        if status:
            where.append("c.status IN ({})".format(", ".join(["{}"] * len(status))))
            values.extend(s.value for s in status)
        if department_id is not None:
            where.append("c.department_id = {}")
            values.append(_pk(department_id))
        if after:
            at, pk = _uncursor(after)
            where.append("(c.created_at < {} OR (c.created_at = {} AND c.id < {}))")
            # The column's own text on SQLite (compared as stored), a timestamp on PostgreSQL.
            when: Any = at
            if _db().capabilities.dialect == "postgres":
                when = dt.datetime.fromisoformat(at)
            values.extend([when, when, int(pk)])
        where_sql = f" WHERE {' AND '.join(where)}" if where else ""
        sql = f"{_CASES}{where_sql} ORDER BY c.created_at DESC, c.id DESC LIMIT {{}}"
        values.append(min(first, 100))
        rows = await _db().execute_query_dict(sql.format(*_params(len(values))), values)
        edges = []
        for r in rows:
            created = r["created_at"]
            if isinstance(created, dt.datetime):
                created = created.isoformat()
            node = CaseT(
                reference=f"C-{r['id']:06d}",
                subject=r["subject"],
                status=CaseStatus(r["status"]),
                priority=CasePriority(r["priority"]),
                due_at=_when(r["due_resolution_at"]),
                party=None
                if r["display_name"] is None
                else PartyRef(display_name=r["display_name"]),
                department=None if r["department"] is None else DepartmentRef(name=r["department"]),
            )
            edges.append(CaseEdge(cursor=_cursor(created, r["id"]), node=node))
        return CaseConnection(edges=edges)

    @strawberry.field
    def node(self, id: strawberry.ID) -> Node | None:
        return Party(id=id)


schema = strawberry.Schema(query=Query, types=[Party], extensions=[ParserCache, ValidationCache])


class View(GraphQL):
    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)


def create_app() -> View:
    """The reference as an ASGI app (POST a GraphQL document to any path)."""
    return View(schema, graphql_ide=None)
