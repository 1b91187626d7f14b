"""``sportello backup``: a live SQLite database under concurrent writes copies to a consistent
snapshot; PostgreSQL is refused with a pointer to pg_dump."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from sportello.cli import main

CONFIG = str(Path(__file__).parents[3] / "config" / "all.toml")


def _writer(path: Path, stop: threading.Event, committed: list[int]) -> None:
    """Commits one row per transaction as fast as it can, in WAL mode as the server does."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        n = 0
        while not stop.is_set():
            n += 1
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO writes (n, filler) VALUES (?, ?)", (n, "x" * 500))
            conn.execute("UPDATE tally SET total = total + 1")
            conn.execute("COMMIT")
            committed.append(n)
    finally:
        conn.close()


def test_backup_of_a_live_database_is_a_consistent_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(db, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE writes (n INTEGER PRIMARY KEY, filler TEXT)")
    setup.execute("CREATE TABLE tally (total INTEGER)")
    setup.execute("INSERT INTO tally VALUES (0)")
    # Enough pages that the copy takes a while, so writes land before, during and after it.
    setup.execute("BEGIN")
    setup.executemany(
        "INSERT INTO writes (n, filler) VALUES (?, ?)", [(-i, "y" * 500) for i in range(20_000)]
    )
    setup.execute("UPDATE tally SET total = 20000")
    setup.execute("COMMIT")
    setup.close()
    monkeypatch.setenv("SPORTELLO_DATABASE_URL", f"sqlite://{db}")

    stop, committed = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(db, stop, committed))
    writer.start()
    try:
        while len(committed) < 50:
            time.sleep(0.01)
        before = len(committed)
        target = tmp_path / "backups" / "copy.sqlite3"
        assert main(["--config", CONFIG, "backup", str(target)]) == 0
        after = len(committed)
        time.sleep(0.05)
    finally:
        stop.set()
        writer.join()
    assert after > before  # the writer went on while the backup ran
    assert "integrity check ok" in capsys.readouterr().out

    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows, top = copy.execute("SELECT count(*), max(n) FROM writes WHERE n > 0").fetchone()
        (total,) = copy.execute("SELECT total FROM tally").fetchone()
    finally:
        copy.close()
    # One snapshot: every commit up to some point and none after (no gap, no torn transaction).
    assert before <= rows <= after
    assert top == rows and total == 20_000 + rows
    assert not list(target.parent.glob("*.partial"))


def test_backup_refuses_to_overwrite_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    sqlite3.connect(db).close()
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(b"keep me")
    monkeypatch.setenv("SPORTELLO_DATABASE_URL", f"sqlite://{db}")
    assert main(["--config", CONFIG, "backup", str(target)]) == 2
    assert "exists" in capsys.readouterr().err and target.read_bytes() == b"keep me"
    assert main(["--config", CONFIG, "backup", "--force", str(target)]) == 0
    assert sqlite3.connect(target).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backup_of_a_missing_database_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPORTELLO_DATABASE_URL", f"sqlite://{tmp_path}/absent.sqlite3")
    assert main(["--config", CONFIG, "backup", str(tmp_path / "copy.sqlite3")]) == 2
    assert "no such database file" in capsys.readouterr().err
    assert not (tmp_path / "absent.sqlite3").exists() and not (tmp_path / "copy.sqlite3").exists()


def test_backup_of_postgresql_points_to_pg_dump(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SPORTELLO_DATABASE_URL", "postgres://sportello@db:5432/sportello")
    assert main(["--config", CONFIG, "backup", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "pg_dump" in err and "docs/operations.md" in err
