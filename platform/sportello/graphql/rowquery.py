"""Rows for a list page: ``QuerySet.values()`` with its SELECT and JOIN part built once.

Tortoise builds a values query from scratch on every call, and every join copies the whole
query builder: for a page with guest, room and room type that is most of the request's
Python time, repeated although a screen always asks the same columns. Here the part that
depends only on the model and the columns (select list and joins) is built once per shape
and copied; ordering, filters, limit and offset are applied to the copy as Tortoise does.
Queries with annotations, grouping, DISTINCT or index hints take Tortoise's own path.

The rendered statement and its parameters are remembered too, keyed by everything the
statement is made of: the model, the columns, the extra expressions, the ordering, limit and
offset, and every filter with its values (the caller's site scoping is one of them) compared
by type and exact value. A filter value that is not a plain constant (an expression, a
subquery, a set) or a filter on an annotation leaves the statement unremembered: built again
on every call as before. A list's first page asked again and again (the same screen,
the same filters) skips building and rendering its SQL. When the cache is full the statement
used least recently goes: one-off statements (a lookup by id) never push out a screen's.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import uuid
from collections.abc import Sequence
from copy import copy
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet, ValuesQuery

_Shape = tuple[int, type, tuple[tuple[str, str], ...]]
_stages: dict[_Shape, tuple[Any, Any, list[Any], list[tuple[str, Any]]]] = {}
MAX_SHAPES = 1024
_statements: dict[Any, tuple[Any, str, list[Any], list[tuple[str, Any]]]] = {}
MAX_STATEMENTS = 2048


async def values(
    qs: QuerySet[Any], *columns: str, extra: Sequence[tuple[str, Any]] = ()
) -> list[dict[str, Any]]:
    """The rows' ``columns``; ``extra``: ``(alias, term(table))`` expressions on the model's
    table selected too, as they are (left out on Tortoise's own path). The statement is
    remembered with ``extra`` as part of its key: each ``term`` must be a function of its table
    argument only (no request state, no clock), made once (at import), not per call."""
    vq = qs.values(*columns)
    if not _plain(vq):
        return await vq
    vq._choose_db_if_not_chosen()
    key = _statement_key(vq, extra)
    known = _statements.pop(key, None) if key is not None else None
    if known is not None and known[0] is vq.model._meta.basequery:
        _statements[key] = known  # the most recently used go last: evicted last
        _base, sql, params, converters = known
        params = list(params)
    else:
        converters = _build(vq)
        for alias, term in extra:
            vq.query._selects.append(term(vq.model._meta.basetable).as_(alias))
        sql, params = vq.query.get_parameterized_sql()
        if key is not None:
            if len(_statements) >= MAX_STATEMENTS:  # the least recently used goes
                del _statements[next(iter(_statements))]
            _statements[key] = (vq.model._meta.basequery, sql, list(params), converters)
    rows = await vq._db.execute_query_dict(sql, params)
    if converters:
        for row in rows:
            for column, convert in converters:
                row[column] = convert(row[column])
    return rows


async def column(qs: QuerySet[Any], name: str) -> list[Any]:
    """One column of the rows, as ``values_list(name, flat=True)``."""
    return [row[name] for row in await values(qs, name)]


_EXACT = (str, int, bool, type(None))
_BY_REPR = (float, dt.datetime, dt.date, dt.time, dt.timedelta, uuid.UUID)


class _Unkeyable(Exception):
    pass


def _value_key(value: Any) -> Any:
    kind = type(value)
    if kind in _EXACT:
        return (kind, value)
    if kind in _BY_REPR or kind.__name__ == "Decimal" and kind.__module__ == "decimal":
        # repr: 1.0 == 1.00 and equal instants in other zones compare equal, but render apart
        return (kind, repr(value))
    if kind in (list, tuple):
        return (kind, tuple(_value_key(v) for v in value))
    if isinstance(value, enum.Enum):
        return (kind, _value_key(value.value))
    raise _Unkeyable


def _q_key(q: Any) -> Any:
    if type(q) is not Q:
        raise _Unkeyable
    return (
        q.join_type,
        q._is_negated,
        tuple((name, _value_key(value)) for name, value in q.filters.items()),
        tuple(_q_key(child) for child in q.children),
    )


def _statement_key(vq: ValuesQuery[Any], extra: Sequence[tuple[str, Any]]) -> Any:
    """What the rendered statement is made of, or None when it cannot be told safely."""
    if vq._custom_filters or vq._annotations:
        return None
    try:
        orderings = tuple((field, order) for field, order in vq._orderings if type(field) is str)
        if len(orderings) != len(vq._orderings):
            return None
        key = (
            vq.model,
            vq._db.capabilities.dialect,
            tuple(vq._fields_for_select.items()),
            tuple(extra),
            orderings,
            _value_key(vq._limit),
            _value_key(vq._offset),
            tuple(_q_key(q) for q in vq._q_objects),
        )
        hash(key)
        return key
    except (_Unkeyable, TypeError, ValueError):
        return None


def _plain(vq: ValuesQuery[Any]) -> bool:
    return not (
        vq._annotations
        or vq._group_bys
        or vq._distinct
        or vq._force_indexes
        or vq._use_indexes
        or vq._single
    )


def _build(vq: ValuesQuery[Any]) -> list[tuple[str, Any]]:
    meta = vq.model._meta
    base = meta.basequery
    key = (id(base), vq.model, tuple(vq._fields_for_select.items()))
    stage = _stages.get(key)
    if stage is None or stage[0] is not base:
        vq._joined_tables = []
        vq.query = copy(base)
        for return_as, field in vq._fields_for_select.items():
            vq.add_field_to_select_query(field, return_as)
        converters = [
            (alias, convert)
            for alias, convert in (
                (alias, vq.resolve_to_python_value(vq.model, name))
                for alias, name in vq._fields_for_select.items()
            )
            if not isinstance(convert, types.LambdaType)  # Tortoise's "as is"
        ]
        if len(_stages) >= MAX_SHAPES:
            _stages.clear()
        stage = _stages[key] = (base, copy(vq.query), list(vq._joined_tables), converters)
    vq.query = copy(stage[1])
    vq._joined_tables = list(stage[2])
    vq.resolve_ordering(
        model=vq.model,
        table=meta.basetable,
        orderings=vq._orderings,
        annotations=vq._annotations,
        fields_for_select=vq._fields_for_select.keys(),
    )
    vq.resolve_filters()
    vq.query._selects = [s for s in vq.query._selects if s.alias in vq._fields_for_select]
    if vq._limit:
        vq.query._limit = vq.query._wrapper_cls(vq._limit)
    if vq._offset:
        vq.query._offset = vq.query._wrapper_cls(vq._offset)
    return stage[3]
