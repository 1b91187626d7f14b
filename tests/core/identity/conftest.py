"""Fixtures for the identity tests (helpers live in identity_helpers.py)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from identity_helpers import CALLS


@pytest.fixture
def probe_calls() -> list[str]:
    CALLS.clear()
    return CALLS


# --- an app with debug off (production behaviour) ---------------------------------------------


@pytest.fixture
def production_app(backend: str, tmp_path: Path) -> Any:
    """Like ``sportello_app`` but with ``debug = false`` (masking, no introspection)."""
    from sportello.testing import Harness, drop_database, prepare_database

    @contextlib.asynccontextmanager
    async def factory(
        modules: Sequence[str] = (), plugins: Sequence[Any] = (), **overrides: Any
    ) -> AsyncIterator[Harness]:
        from sportello.app import create_app
        from sportello.settings import Settings

        url = await prepare_database(backend, modules, plugins, tmp_path)
        settings = Settings(
            database_url=url, modules={m: {} for m in modules}, debug=False, **overrides
        )
        app = create_app(settings, plugins)
        runtime = app.state.runtime
        try:
            await runtime.start()
            try:
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(
                    transport=transport, base_url="http://testserver", timeout=60
                ) as client:
                    yield Harness(app, runtime, client, backend)
            finally:
                await runtime.stop()
        finally:
            await drop_database(url)

    return factory
