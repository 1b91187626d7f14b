"""A malformed configuration stops the `sportello` command with one sentence, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPORTELLO = str(Path(sys.executable).parent / "sportello")


def run(
    *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SPORTELLO, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env={**os.environ, **(env or {})},
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
    # a string is not a switch: "no" must not leave the office on
    "enabled_text": (
        '[modules.reception]\nenabled = "no"\n',
        ["modules.reception.enabled", "boolean", "true or false", "'no'"],
    ),
    "enabled_number": (
        "[modules.reception]\nenabled = 0\n",
        ["modules.reception.enabled", "boolean", "got 0"],
    ),
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
    # a built-in office whose settings model allows extras: unknown keys are still refused
    "builtin_office_unknown_key": (
        "[modules.reception]\n[modules.lodging]\nfoo = 1\n",
        ["modules.lodging.foo", "valid keys", "city_tax_per_person_night", "extra"],
    ),
    "office_without_settings_given_one": (
        "[modules.reception]\ncolour = 1\n",
        ["modules.reception.colour", "takes no settings"],
    ),
}
OFFICE_OF = {
    "office_without_requirement": "lodging",
    "builtin_office_unknown_key": "lodging",
    "office_without_settings_given_one": "reception",
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
    office = OFFICE_OF.get(case, "library")
    row = next(line for line in listed.stdout.splitlines() if line.startswith(f"{office} "))
    assert "disabled" in row and "cannot start" in row, listed.stdout
    assert expected[-1] in listed.stdout


ENV_CASES = {
    "SPORTELLO_SERVER__PORT": (
        "abc",
        ["SPORTELLO_SERVER__PORT", "server.port", "integer", "'abc'"],
    ),
    "SPORTELLO_DEBUG": ("perhaps", ["SPORTELLO_DEBUG", "debug", "boolean", "'perhaps'"]),
    "SPORTELLO_LANGUAGES": ("en,it", ["SPORTELLO_LANGUAGES", "languages", "JSON", "'en,it'"]),
    "SPORTELLO_GRAPHQL__MAX_DEPHT": ("3", ["SPORTELLO_GRAPHQL__MAX_DEPHT", "not a known"]),
    "SPORTELLO_MODULES": ("reception,nosuch", ["SPORTELLO_MODULES", "unknown office 'nosuch'"]),
}


@pytest.mark.parametrize("variable", sorted(ENV_CASES))
def test_a_bad_environment_variable_is_named_not_the_file(variable: str, tmp_path: Path) -> None:
    value, expected = ENV_CASES[variable]
    config = tmp_path / "fine.toml"
    config.write_text(f'database_url = "sqlite://{tmp_path}/db.sqlite3"\n[modules.reception]\n')
    proc = run("--config", str(config), "modules", env={variable: value})
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("sportello: error:") == 1, proc.stderr
    for part in expected:
        assert part in proc.stderr, (part, proc.stderr)
    assert str(config) not in proc.stderr, "the file is fine: the variable is to blame"


def test_sportello_config_naming_a_missing_file_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    proc = run("modules", env={"SPORTELLO_CONFIG": str(missing)})
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert str(missing) in proc.stderr and "SPORTELLO_CONFIG" in proc.stderr


def test_enabled_false_switches_an_office_off(tmp_path: Path) -> None:
    config = tmp_path / "off.toml"
    config.write_text(
        f'database_url = "sqlite://{tmp_path}/db.sqlite3"\n'
        "[modules.reception]\n[modules.counter]\nenabled = false\n"
    )
    proc = run("--config", str(config), "modules")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()}
    assert "disabled" in rows["counter"] and "enabled = false" in rows["counter"]
    assert " enabled " in rows["reception"]
