"""An office switched off keeps its tables and rows; switched on again, everything is back."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import toggle_office

from sportello.app import create_app
from sportello.db import migrate
from sportello.runtime import Runtime
from sportello.settings import Settings
from sportello.testing import Harness, drop_database, prepare_database

BOOK_CREATE = """
mutation($input: BookCreateInput!) {
  bookCreate(input: $input) { book { id title } errors { field code message } }
}
"""
BOOKS = "{ books(first: 10) { edges { node { id title isbn } } } }"
PERMISSIONS = "{ permissions { code } roles { name permissions } }"
OFFICE_PERMISSIONS = {"library.view", "library.manage", "toggle.use"}


@contextlib.asynccontextmanager
async def serving(url: str, modules: list[str], backend: str) -> AsyncIterator[Harness]:
    """The toggle office is always installed; ``modules`` decides whether it runs."""
    settings = Settings(database_url=url, modules={m: {} for m in modules}, debug=True)
    app = create_app(settings, [toggle_office])
    runtime = app.state.runtime
    try:
        await runtime.start()
        assert runtime.started, runtime.pending_migrations
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield Harness(app, runtime, client, backend)
    finally:
        await runtime.stop()


async def count_books(h: Harness) -> int:
    from tortoise import connections

    rows = await connections.get("default").execute_query_dict(
        "SELECT COUNT(*) AS n FROM library_book"
    )
    return int(rows[0]["n"])


async def permissions_seen(h: Harness) -> tuple[set[str], set[str]]:
    """Through the API: the declared permissions, and those of the front_desk role."""
    data = await h.ok(PERMISSIONS)
    declared = {p["code"] for p in data["permissions"]}
    front_desk = next(r for r in data["roles"] if r["name"] == "front_desk")
    return declared, set(front_desk["permissions"])


async def test_office_off_and_on_keeps_its_rows(backend: str) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="sportello-toggle-"))
    url = await prepare_database(backend, ["reception", "library"], [], workdir)
    try:
        async with serving(url, ["reception", "library", "toggle"], backend) as h:
            made = await h.ok(
                BOOK_CREATE,
                {
                    "input": {
                        "title": "Le città invisibili",
                        "author": "Calvino",
                        "isbn": "9788804668282",
                    }
                },
            )
            assert made["bookCreate"]["errors"] == []
            book_id = made["bookCreate"]["book"]["id"]
            assert await count_books(h) == 1
            declared, front_desk = await permissions_seen(h)
            assert OFFICE_PERMISSIONS <= declared and OFFICE_PERMISSIONS <= front_desk
            assert (await h.client.get("/toggle/hello")).text == "hello"

        # Library off: migrating and serving reception alone leaves the library's table alone.
        reception_only = Settings(database_url=url, modules={"reception": {}})
        runtime = Runtime(reception_only)
        assert "library" not in runtime.db_config["apps"]
        try:
            await migrate(runtime.db_config)
        finally:
            await runtime.stop()
        async with serving(url, ["reception"], backend) as h:
            # permissions and routes go with the office, not only types and fields
            declared, front_desk = await permissions_seen(h)
            assert not OFFICE_PERMISSIONS & declared and not OFFICE_PERMISSIONS & front_desk
            assert "events.view" in declared  # the rest is still there
            assert (await h.client.get("/toggle/hello")).status_code == 404
            token = await h.token(roles=["front_desk"])
            me = await h.ok("{ me { permissions } }", token=token)
            assert not OFFICE_PERMISSIONS & set(me["me"]["permissions"])
            sdl = h.runtime.schema.as_str()
            assert "books" not in sdl and "type Book" not in sdl and "booksOnLoan" not in sdl
            res = await h.gql(BOOKS)
            assert res["errors"] and "books" in res["errors"][0]["message"]
            assert await count_books(h) == 1
            assert (await h.client.get("/ready")).status_code == 200

        async with serving(url, ["reception", "library", "toggle"], backend) as h:
            data = await h.ok(BOOKS)
            assert data["books"]["edges"] == [
                {"node": {"id": book_id, "title": "Le città invisibili", "isbn": "9788804668282"}}
            ]
            declared, front_desk = await permissions_seen(h)
            assert OFFICE_PERMISSIONS <= declared and OFFICE_PERMISSIONS <= front_desk
            assert (await h.client.get("/toggle/hello")).text == "hello"
    finally:
        await drop_database(url)
