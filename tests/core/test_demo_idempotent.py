"""`sportello demo load` twice: the second run changes nothing (rows of every table are counted)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from sportello.plugins import discover

ROOT = Path(__file__).resolve().parents[2]
SPORTELLO = str(Path(sys.executable).parent / "sportello")


def row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_demo_load_twice_changes_nothing(tmp_path: Path) -> None:
    offices = sorted(n for n, c in discover().items() if c.info is not None and not c.load_error)
    db = tmp_path / "demo.sqlite3"
    config = tmp_path / "demo.toml"
    config.write_text(
        f'database_url = "sqlite://{db}"\n' + "".join(f"[modules.{o}]\n" for o in offices)
    )

    def load() -> dict[str, int]:
        proc = subprocess.run(
            [SPORTELLO, "--config", str(config), "demo", "load"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        return row_counts(db)

    first = load()
    if "library" in offices:  # the integrator fixture's demo hook ran too
        assert first["library_book"] >= 2
    assert sum(first.values()) > 0
    second = load()
    changed = {t: (first.get(t), n) for t, n in second.items() if first.get(t) != n}
    assert not changed, f"the second demo load changed row counts: {changed}"
