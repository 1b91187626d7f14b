"""``sportello backup``: a consistent copy of a live SQLite database.

Copying the file of a running server is not a backup: in WAL mode the latest commits live in
``-wal`` until a checkpoint, and a copy taken while a checkpoint writes back holds half of
one. SQLite's online backup API copies the pages of one read transaction instead: a snapshot
of everything committed when it began, while the server goes on writing (a WAL reader blocks
no writer). PostgreSQL has its own tools (pg_dump): docs/operations.md, "Backup and restore".
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sportello.errors import SportelloError

POSTGRES_HINT = (
    "sportello backup copies SQLite databases; this one is PostgreSQL: back it up with "
    'pg_dump --format=custom --file=sportello.dump "$SPORTELLO_DATABASE_URL" and restore it '
    'with pg_restore (docs/operations.md, "Backup and restore")'
)


@dataclass(frozen=True)
class BackupResult:
    target: Path
    size: int


def sqlite_path(database_url: str) -> Path:
    """The file of a ``sqlite://`` URL, as ``sportello.db`` opens it."""
    if not database_url.startswith("sqlite://"):
        raise SportelloError(POSTGRES_HINT)
    path = database_url.removeprefix("sqlite://").split("?", 1)[0]
    if not path or path == ":memory:":
        raise SportelloError("an in-memory SQLite database has nothing to back up")
    return Path(path)


def backup_sqlite(source: Path, target: Path, *, overwrite: bool = False) -> BackupResult:
    """Copy ``source`` to ``target`` through the online backup API, then check the copy.

    The copy is written next to ``target`` and renamed into place only once it passed
    ``PRAGMA integrity_check``: a failed or interrupted backup never leaves a file that looks
    like a good one."""
    if not source.is_file():
        raise SportelloError(f"{source}: no such database file")
    if target.exists() and not overwrite:
        raise SportelloError(f"{target} exists: choose another file or pass --force")
    if target.resolve() == source.resolve():
        raise SportelloError("the backup must go to another file than the database")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    # mode=rw: never create an empty database where the configured one is missing.
    src = sqlite3.connect(f"file:{source}?mode=rw", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            # All pages in one step: one read transaction, so one consistent snapshot. Paging
            # would restart whenever the server commits, possibly for ever on a busy database.
            src.backup(dst, pages=-1)
            (result,) = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise SportelloError(f"backup of {source} failed: {exc}") from None
    finally:
        src.close()
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise SportelloError(f"the copy of {source} fails its integrity check: {result}")
    for suffix in ("-wal", "-shm"):  # a stale journal of an older file must not replay
        with contextlib.suppress(FileNotFoundError):
            os.unlink(str(target) + suffix)
    os.replace(partial, target)
    return BackupResult(target, target.stat().st_size)
