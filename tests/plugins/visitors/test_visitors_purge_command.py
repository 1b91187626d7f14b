from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _sportello(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("sportello")
    return subprocess.run(
        [str(exe), "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_purge_command_uses_the_configured_retention(tmp_path: Path, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the command itself is database-agnostic; SQLite suffices")
    db = tmp_path / "visitors.sqlite3"
    config = tmp_path / "sportello.toml"
    config.write_text(
        f'database_url = "sqlite://{db}"\n[modules.reception]\n'
        "[modules.visitors]\nretention_days = 30\n"
    )
    assert _sportello(config, "migrate").returncode == 0
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO parties_site (code, name, kind, address, timezone, created_at)"
        " VALUES ('HQ', 'HQ', 'office', '', 'UTC', '2026-01-01 00:00:00')"
    )
    conn.execute(
        "INSERT INTO parties_party (kind, display_name, given_name, family_name,"
        " addresses, preferred_language, consents, created_at, updated_at)"
        " VALUES ('person', 'Host', '', '', '[]', 'en', '{}', '2026-01-01', '2026-01-01')"
    )
    for when in ("2020-01-01 10:00:00+00:00", "2999-01-01 10:00:00+00:00"):
        conn.execute(
            "INSERT INTO visitors_visit (site_id, host_id, visitor_name, company, purpose,"
            " expected_at, status, created_at) VALUES (1, 1, 'V', '', '', ?, 'planned', ?)",
            (when, when),
        )
    conn.commit()
    result = _sportello(config, "visitors-purge")
    assert result.returncode == 0, result.stderr
    assert "1 visit(s) purged" in result.stdout
    assert conn.execute("SELECT count(*) FROM visitors_visit").fetchone()[0] == 1
    conn.close()
