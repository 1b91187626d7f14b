"""Rows for a list page: ``QuerySet.values()`` with its SELECT and JOIN part built once.

Tortoise builds a values query from scratch on every call, and every join copies the whole
query builder: for a page with guest, room and room type that is most of the request's
Python time, repeated although a screen always asks the same columns. Here the part that
depends only on the model and the columns (select list and joins) is built once per shape
and copied; ordering, filters, limit and offset are applied to the copy as Tortoise does.
Queries with annotations, grouping, DISTINCT or index hints take Tortoise's own path.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from copy import copy
from typing import Any

from tortoise.queryset import QuerySet, ValuesQuery

_Shape = tuple[int, type, tuple[tuple[str, str], ...]]
_stages: dict[_Shape, tuple[Any, Any, list[Any], list[tuple[str, Any]]]] = {}
MAX_SHAPES = 1024


async def values(
    qs: QuerySet[Any], *columns: str, extra: Sequence[tuple[str, Any]] = ()
) -> list[dict[str, Any]]:
    """The rows' ``columns``; ``extra``: ``(alias, term(table))`` expressions on the model's
    table selected too, as they are (left out on Tortoise's own path)."""
    vq = qs.values(*columns)
    if not _plain(vq):
        return await vq
    vq._choose_db_if_not_chosen()
    converters = _build(vq)
    for alias, term in extra:
        vq.query._selects.append(term(vq.model._meta.basetable).as_(alias))
    rows = await vq._db.execute_query_dict(*vq.query.get_parameterized_sql())
    if converters:
        for row in rows:
            for column, convert in converters:
                row[column] = convert(row[column])
    return rows


async def column(qs: QuerySet[Any], name: str) -> list[Any]:
    """One column of the rows, as ``values_list(name, flat=True)``."""
    return [row[name] for row in await values(qs, name)]


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
