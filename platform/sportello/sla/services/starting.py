"""Starting a clock in two statements, inside the office's transaction: one read (the policy
that matches and the calendars that may apply, each as a JSON column of one SELECT) and one
``INSERT ... ON CONFLICT DO NOTHING`` (a clock already started is left as it is, without a
read beforehand and without a savepoint). A caller that needs no clock back has the insert
wait for the transaction's end, where it goes out with the audit entries (``sportello.writes``).
"""

from __future__ import annotations

import json
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from sportello import writes
from sportello.calendars.services.resolution import COLUMNS as CALENDAR_COLUMNS
from sportello.calendars.services.resolution import business_times_of
from sportello.sla import models as m
from sportello.sla.timing import BusinessClock

#: What the engine reads of a policy to set a clock's targets.
POLICY_COLUMNS = (
    "id",
    "first_response_minutes",
    "resolution_minutes",
    "deadline_days",
    "deadline_kind",
    "warn_before_percent",
    "warn_before_minutes",
)


def _postgres(conn: BaseDBAsyncClient) -> bool:
    return getattr(getattr(conn, "capabilities", None), "dialect", "") == "postgres"


class _Params:
    """Placeholders in the dialect's style, numbered as the values are added."""

    def __init__(self, postgres: bool) -> None:
        self.postgres = postgres
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"


def _rule(column: str, value: Any, p: _Params) -> str:
    """A policy rule matches anything when null, else the item's equal value."""
    if value is None:
        return f"{column} IS NULL"
    return f"({column} IS NULL OR {column} = {p(value)})"


def _scope(column: str, value: int | None, p: _Params) -> str:
    if value is None:
        return f"{column} IS NULL"
    return f"({column} = {p(value)} OR {column} IS NULL)"


def _json_row(columns: tuple[str, ...], postgres: bool, alias: str) -> str:
    if postgres:
        return f"row_to_json({alias})"
    return "json_object(" + ", ".join(f"'{c}', {alias}.{c}" for c in columns) + ")"


async def policy_and_calendar(
    office: str,
    *,
    site_id: int | None,
    department_id: int | None,
    category: str | None,
    priority: str | None,
    channel: str | None,
    party_id: int | None,
) -> tuple[m.SlaPolicy | None, BusinessClock]:
    """The first active policy whose every rule matches (``policies.match_policy``) and the
    business time of the site and department (``sportello.calendars``), in one query (plus
    the calendars' hours when they are not cached yet)."""
    conn = m.SlaPolicy._choose_db(True)
    postgres = _postgres(conn)
    p = _Params(postgres)
    rules = " AND ".join(
        _rule(column, value, p)
        for column, value in (
            ("office", office),
            ("category", category),
            ("priority", priority),
            ("channel", channel),
            ("party_id", party_id),
            ("department_id", department_id),
        )
    )
    policy_sql = (
        f"SELECT {', '.join(POLICY_COLUMNS)} FROM sla_policy WHERE active AND {rules}"
        " ORDER BY position, id LIMIT 1"
    )
    scope = f"{_scope('site_id', site_id, p)} AND {_scope('department_id', department_id, p)}"
    calendar_sql = (
        f"SELECT {', '.join(CALENDAR_COLUMNS)} FROM calendars_calendar WHERE {scope}"
        " ORDER BY name, id"
    )
    if postgres:
        sql = (
            f"SELECT (SELECT row_to_json(p) FROM ({policy_sql}) p) AS policy,"
            f" (SELECT json_agg(c) FROM ({calendar_sql}) c) AS calendars"
        )
    else:
        sql = (
            f"SELECT (SELECT {_json_row(POLICY_COLUMNS, False, 'p')} FROM ({policy_sql}) p)"
            f" AS policy, (SELECT json_group_array({_json_row(CALENDAR_COLUMNS, False, 'c')})"
            f" FROM ({calendar_sql}) c) AS calendars"
        )
    row = (await conn.execute_query_dict(sql, p.values))[0]
    found = json.loads(row["policy"]) if row["policy"] else None
    policy = m.SlaPolicy(**found) if found else None
    calendars = json.loads(row["calendars"]) if row["calendars"] else []
    key = (site_id, department_id)
    times = await business_times_of(calendars, [key])
    return policy, times[key]


#: A clock already started for the item is left as it is.
ON_CONFLICT = '("office","item_type","item_id") DO NOTHING'


async def insert_clock_later(values: dict[str, Any]) -> None:
    """The new clock, written with the transaction's audit entries just before it commits
    (``sportello.writes``); nothing when the item's clock was started before."""
    await writes.write(m.SlaClock(**values), conflict=ON_CONFLICT)


async def insert_clock(values: dict[str, Any]) -> m.SlaClock | None:
    """The new clock, or None when the item's clock was started before (nothing written)."""
    clock = m.SlaClock(**values)
    conn = m.SlaClock._choose_db(True)
    executor = conn.executor_class(model=m.SlaClock, db=conn)
    fields = m.SlaClock._meta.fields_map
    params = [
        fields[name].to_db_value(getattr(clock, name), clock) for name in executor.regular_columns
    ]
    sql = executor.insert_query.split(" RETURNING ")[0] + (
        f' ON CONFLICT {ON_CONFLICT} RETURNING "id"'
    )
    rows = await conn.execute_query_dict(sql, params)
    if not rows:
        return None
    clock.id = rows[0]["id"]
    clock._saved_in_db = True
    return clock
