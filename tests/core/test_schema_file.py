"""schema/schema.graphql is what clients read: it must be the SDL of every built-in office."""

from __future__ import annotations

from pathlib import Path

from sportello.graphql.schema import export_sdl
from sportello.runtime import Runtime
from sportello.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_current() -> None:
    runtime = Runtime(load_settings(ROOT / "config" / "all.toml"))
    current = export_sdl(runtime)
    committed = (ROOT / "schema" / "schema.graphql").read_text()
    assert committed == current, (
        "schema/schema.graphql is stale: run `make schema` (sportello schema export "
        "--config config/all.toml > schema/schema.graphql) and commit it"
    )
