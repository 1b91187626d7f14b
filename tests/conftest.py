from __future__ import annotations

import asyncio
import os

import pytest


def pytest_sessionstart(session: pytest.Session) -> None:
    """With CI=true or a PostgreSQL URL set, an unreachable server is a failure, not a skip."""
    url = os.environ.get("SPORTELLO_TEST_POSTGRES_URL")
    if not url:
        if (
            os.environ.get("CI") == "true"
            and os.environ.get("SPORTELLO_REQUIRE_POSTGRES", "1") == "1"
        ):
            raise pytest.UsageError("CI=true but SPORTELLO_TEST_POSTGRES_URL is not set")
        return

    async def ping() -> None:
        import asyncpg

        conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1), timeout=5)
        await conn.close()

    try:
        asyncio.run(ping())
    except Exception as exc:
        raise pytest.UsageError(f"PostgreSQL at {url} is unreachable: {exc}") from None
