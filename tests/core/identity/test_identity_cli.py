"""`sportello user create --email E --password-stdin --role R` bootstraps the first admin."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sportello.identity.passwords import verify_password


def _cli(config: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SPORTELLO_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop("SPORTELLO_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "sportello.cli", "--config", str(config), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_user_create_bootstraps_the_first_admin(tmp_path: Path) -> None:
    db = tmp_path / "boot.sqlite3"
    config = tmp_path / "boot.toml"
    config.write_text(f'database_url = "sqlite://{db}"\n')
    assert _cli(config, "migrate").returncode == 0
    args = ("user", "create", "--email", "Root@Example.org", "--password-stdin", "--role", "admin")
    done = _cli(config, *args, stdin="a very long secret\n")
    assert done.returncode == 0, done.stderr
    assert "root@example.org" in done.stdout
    with sqlite3.connect(db) as conn:
        stored, roles = conn.execute(
            "SELECT password_hash, roles FROM identity_user WHERE email = 'root@example.org'"
        ).fetchone()
    assert verify_password(stored, "a very long secret") and "admin" in roles
    again = _cli(config, *args, stdin="a very long secret\n")
    assert again.returncode != 0
    unknown = _cli(
        config, "user", "create", "--email", "x@example.org", "--no-password", "--role", "wizard"
    )
    assert unknown.returncode != 0 and "wizard" in unknown.stderr


def test_user_create_needs_a_password_or_an_explicit_no_password(tmp_path: Path) -> None:
    db = tmp_path / "nopw.sqlite3"
    config = tmp_path / "nopw.toml"
    config.write_text(f'database_url = "sqlite://{db}"\n')
    assert _cli(config, "migrate").returncode == 0
    silent = _cli(config, "user", "create", "--email", "a@example.org", "--role", "admin")
    assert silent.returncode != 0 and "--no-password" in silent.stderr
    empty = _cli(config, "user", "create", "--email", "b@example.org", "--password-stdin", stdin="")
    assert empty.returncode != 0
    explicit = _cli(config, "user", "create", "--email", "c@example.org", "--no-password")
    assert explicit.returncode == 0, explicit.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT email, password_hash FROM identity_user").fetchall()
    assert rows == [("c@example.org", "")]
