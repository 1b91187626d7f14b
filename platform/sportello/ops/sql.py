"""Counting SQL statements: a wrapper around the Tortoise client methods that send one each.

``execute_query``, ``execute_query_dict``, ``execute_insert`` and ``execute_many`` (one
prepared statement, however many rows) of the SQLite and asyncpg clients and their
transaction wrappers; the same set ``bench/serve.py`` counts. ``execute_script`` (migrations)
is left out. Each call adds one to the running request's record (``sportello.ops.record``);
outside a request nothing is counted. Installed once per process, whatever the number of apps.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from sportello.ops.record import count_statement

METHODS = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")
_MARK = "__sportello_counted__"


def _counted(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(fn)
    async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        count_statement()
        return await fn(self, *args, **kwargs)

    setattr(wrapper, _MARK, True)
    return wrapper


def client_classes() -> list[type]:
    from tortoise.backends.sqlite import client as sqlite_client

    classes: list[type] = [sqlite_client.SqliteClient, sqlite_client.SqliteTransactionWrapper]
    try:
        from tortoise.backends.asyncpg import client as pg_client
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        return classes
    return [*classes, pg_client.AsyncpgDBClient, pg_client.TransactionWrapper]


def install() -> None:
    for cls in client_classes():
        for name in METHODS:
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, _MARK, False):
                setattr(cls, name, _counted(method))
