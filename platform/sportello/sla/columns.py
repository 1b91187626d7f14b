"""A clock's due time read by an office's list query itself: the clock is found by its item
(office, item type, item id; unique and indexed), so the page needs no second statement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pypika_tortoise.terms import LiteralValue

from sportello.graphql.nodebase import Column
from sportello.sla.models import SlaClock


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _when(value: Any) -> dt.datetime | None:
    """The column as stored: a datetime (PostgreSQL) or its ISO text in UTC (SQLite)."""
    if value is None:
        return None
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def due_column(office: str, item_type: str, attr: str, *, target: str = "resolution") -> Column:
    """``needs(columns=[due_column("crm", "case", "crm_due")])``: each row's clock's due time
    (``target``: ``"resolution"`` or ``"response"``) as the attribute ``attr``, null without a
    clock."""
    name = f"due_{target}_at"
    if name not in SlaClock._meta.fields_map:
        raise ValueError(f"an SLA clock has no {name}")
    clocks = SlaClock._meta.db_table
    made: dict[str, Any] = {}

    def term(items: Any) -> Any:
        # Written once per table as SQL text (constants, quoted): rendering a subquery with
        # the query builder on every page costs more than the statement it saves.
        found = made.get(items.get_table_name())
        if found is None:
            sql = (
                f'(SELECT "k"."{name}" FROM "{clocks}" "k" WHERE "k"."office" = {_quoted(office)}'
                f' AND "k"."item_type" = {_quoted(item_type)}'
                f' AND "k"."item_id" = "{items.get_table_name()}"."id")'
            )
            found = made[items.get_table_name()] = LiteralValue(sql)
        return found

    return Column(attr, term, _when)
