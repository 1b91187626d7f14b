"""Serve one app for the benchmark: ``python -m bench.serve APP --port N``.

APP is ``sportello`` (the project, config from ``SPORTELLO_CONFIG``/``SPORTELLO_DATABASE_URL``)
or a reference app ``naive``/``fast``/``plain`` (database from ``BENCH_DATABASE_URL``). Every app
is wrapped the same way: statements sent to the database are counted (a Python integer
increment per statement, for all apps alike) and ``GET /__bench/sql`` returns the count.
uvicorn runs with its defaults (uvloop and httptools when installed), access log off for all.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

SQL_COUNT = [0]
_METHODS = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")


def count_sql() -> None:
    """Wrap the Tortoise client methods that send one statement each."""
    from tortoise.backends.sqlite import client as sqlite_client

    classes: list[Any] = [sqlite_client.SqliteClient, sqlite_client.SqliteTransactionWrapper]
    try:
        from tortoise.backends.asyncpg import client as pg_client

        classes += [pg_client.AsyncpgDBClient, pg_client.TransactionWrapper]
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        pass
    for cls in classes:
        for name in _METHODS:
            if name in cls.__dict__:
                setattr(cls, name, _counted(cls.__dict__[name]))


def _counted(fn: Any) -> Any:
    async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        SQL_COUNT[0] += 1
        return await fn(self, *args, **kwargs)

    wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
    return wrapper


class Counting:
    """ASGI wrapper answering ``/__bench/sql`` and passing everything else through."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/__bench/sql":
            body = str(SQL_COUNT[0]).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"text/plain")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def build(name: str) -> Any:
    count_sql()
    if name == "sportello":
        from sportello.app import create_app
        from sportello.settings import load_settings

        return create_app(load_settings())
    from importlib import import_module

    module = import_module(f"bench.reference.{name}")
    return module.create_app(os.environ["BENCH_DATABASE_URL"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("app", choices=["sportello", "naive", "fast", "plain"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    import uvicorn

    if args.workers > 1:
        os.environ["BENCH_APP"] = args.app
        uvicorn.run(
            "bench.serve:factory",
            factory=True,
            host="127.0.0.1",
            port=args.port,
            workers=args.workers,
            log_level="warning",
            access_log=False,
        )
        return
    uvicorn.run(
        Counting(build(args.app)),
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        access_log=False,
    )


def factory() -> Any:
    return Counting(build(os.environ["BENCH_APP"]))


if __name__ == "__main__":
    main()
