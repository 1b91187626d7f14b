"""``sportello backup``: a live SQLite database under concurrent writes copies to a consistent
snapshot, which restores to a database a server starts on; PostgreSQL is refused with a
pointer to pg_dump."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import httpx
import pytest

from sportello.app import create_app
from sportello.cli import main
from sportello.db import pending_migrations
from sportello.settings import Settings
from sportello.testing import running_app

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


CREATE = """mutation($i: PartyCreateInput!) {
  partyCreate(input: $i) { party { id } errors { code } } }"""


def _ballast(db: Path) -> None:
    """Pages enough that the copy takes a while: requests are served while it runs."""
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    try:
        conn.execute("CREATE TABLE ballast (filler TEXT)")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO ballast VALUES (?)", [("z" * 500,)] * 30_000)
        conn.execute("COMMIT")
    finally:
        conn.close()


async def test_backup_of_a_serving_database_restores_to_a_consistent_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The server writes (a party and its audit entry per transaction) while the backup runs;
    restored as docs/operations.md says, the copy is migrated, every party in it has its audit
    entry, and a server starts on it."""
    target = tmp_path / "backups" / "sportello.sqlite3"
    created: list[int] = []
    (tmp_path / "live").mkdir()
    async with running_app("sqlite", [], [], live=True, workdir=tmp_path / "live") as h:
        url = h.runtime.settings.database_url
        monkeypatch.setenv("SPORTELLO_DATABASE_URL", url)
        _ballast(Path(url.removeprefix("sqlite://")))
        await h.token()  # the admin exists before the writers start
        stop, progressed = asyncio.Event(), asyncio.Event()

        async def until(count: int) -> None:
            while len(created) < count:
                progressed.clear()
                await progressed.wait()

        async def writer(w: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                data = await h.ok(CREATE, {"i": {"displayName": f"Backup {w}.{n}"}})
                assert data["partyCreate"]["errors"] == []
                created.append(n)
                progressed.set()

        writers = [asyncio.create_task(writer(w)) for w in range(2)]
        try:
            await asyncio.wait_for(until(20), 60)
            before = len(created)
            # In a thread: the server runs in this event loop and goes on writing meanwhile.
            assert await asyncio.to_thread(main, ["--config", CONFIG, "backup", str(target)]) == 0
            after = len(created)
            await asyncio.wait_for(until(after + 5), 60)  # and after it
        finally:
            stop.set()
            await asyncio.gather(*writers)
    assert after > before  # requests were served while the backup ran
    assert "integrity check ok" in capsys.readouterr().out

    # Restore: the backup copied to the database's path of a stopped server.
    restored = tmp_path / "restored" / "sportello.sqlite3"
    restored.parent.mkdir()
    shutil.copyfile(target, restored)
    copy = sqlite3.connect(restored)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        everyone = {row[0] for row in copy.execute("SELECT id FROM parties_party")}
        parties = {
            row[0]
            for row in copy.execute(
                "SELECT id FROM parties_party WHERE display_name LIKE 'Backup %'"
            )
        }
        audited = {
            int(row[0])
            for row in copy.execute(
                "SELECT object_id FROM identity_audit_entry WHERE operation = 'partyCreate'"
            )
        }
    finally:
        copy.close()
    # One snapshot: what the server had committed at some moment, each transaction whole.
    assert before <= len(parties) <= after, (before, len(parties), after)
    assert parties <= audited <= everyone  # no party without its audit entry, nor the reverse

    settings = Settings(database_url=f"sqlite://{restored}")
    app = create_app(settings)
    runtime = app.state.runtime
    try:
        await runtime.start()
        assert await pending_migrations(runtime.db_config) == []
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://restored") as client:
            ready = await client.get("/ready")
            assert ready.status_code == 200 and ready.json()["status"] == "ready", ready.text
    finally:
        await runtime.stop()


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
