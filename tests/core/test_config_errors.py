"""A malformed configuration stops the `sportello` command with one sentence, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPORTELLO = str(Path(sys.executable).parent / "sportello")


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SPORTELLO, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


CASES = {
    "bad_toml": ("name = = 1\n", ["not valid TOML", "line 2"]),
    "unknown_office": ("[modules.nosuch]\n", ["modules.nosuch", "unknown office", "installed:"]),
    "debug_maybe": ('debug = "maybe"\n', ["debug", "boolean", "'maybe'"]),
    "port_text": ('[server]\nport = "x"\n', ["server.port", "integer", "'x'"]),
    "port_range": ("[server]\nport = 70000\n", ["server.port", "65535"]),
    "unknown_key": ('colour = "blue"\n', ["colour", "not a known setting"]),
    "unknown_nested_key": ("[graphql]\nmax_depht = 3\n", ["graphql.max_depht", "not a known"]),
    "modules_not_table": ('[modules]\nreception = "yes"\n', ["modules.reception", "table"]),
}
#: Problems of one office: `sportello modules` lists them as the office's reason (it must still
#: show the other offices); every command that starts the system refuses them.
OFFICE_CASES = {
    "module_setting_type": (
        '[modules.library]\nloan_days = "many"\n',
        ["modules.library.loan_days", "integer"],
    ),
    "module_setting_range": (
        "[modules.library]\nloan_days = 0\n",
        ["modules.library.loan_days", "greater than or equal to 1"],
    ),
    "module_setting_unknown": (
        "[modules.library]\nloan_dayz = 3\n",
        ["modules.library.loan_dayz", "extra"],
    ),
    "office_without_requirement": (
        "[modules.lodging]\n",
        ["'lodging'", "'reception'"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_config_is_one_clear_message(case: str, tmp_path: Path) -> None:
    text, expected = CASES[case]
    config = tmp_path / f"{case}.toml"
    config.write_text(f'database_url = "sqlite://{tmp_path}/db.sqlite3"\n' + text)
    proc = run("--config", str(config), "modules")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("sportello: error:") == 1, proc.stderr
    assert str(config) in proc.stderr, proc.stderr
    for part in expected:
        assert part in proc.stderr, (part, proc.stderr)
    assert proc.stdout == ""


def test_missing_config_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    proc = run("--config", str(missing), "modules")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert str(missing) in proc.stderr and "no such configuration file" in proc.stderr


def test_serve_with_workers_on_sqlite_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "one.toml"
    config.write_text(f'database_url = "sqlite://{tmp_path}/db.sqlite3"\n[modules.reception]\n')
    proc = run("--config", str(config), "serve", "--workers", "2", "--port", "1")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "--workers 2" in proc.stderr and "PostgreSQL" in proc.stderr
    assert "SQLite" in proc.stderr


def test_workers_in_the_config_file_on_sqlite_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "two.toml"
    config.write_text(f'database_url = "sqlite://{tmp_path}/db.sqlite3"\n[server]\nworkers = 3\n')
    proc = run("--config", str(config), "serve", "--port", "1")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "--workers 3" in proc.stderr and "PostgreSQL" in proc.stderr


@pytest.mark.parametrize("case", sorted(OFFICE_CASES))
def test_office_config_problem_refuses_startup(case: str, tmp_path: Path) -> None:
    text, expected = OFFICE_CASES[case]
    config = tmp_path / f"{case}.toml"
    config.write_text(f'database_url = "sqlite://{tmp_path}/db.sqlite3"\n' + text)
    for command in (["schema", "export"], ["migrate"]):
        proc = run("--config", str(config), *command)
        assert proc.returncode != 0, proc.stdout
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.count("sportello: error:") == 1, proc.stderr
        assert str(config) in proc.stderr or case == "office_without_requirement", proc.stderr
        for part in expected:
            assert part in proc.stderr, (part, proc.stderr)
    listed = run("--config", str(config), "modules")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    office = "lodging" if case == "office_without_requirement" else "library"
    row = next(line for line in listed.stdout.splitlines() if line.startswith(f"{office} "))
    assert "disabled" in row and "cannot start" in row, listed.stdout
    assert expected[-1] in listed.stdout
