"""The layers and the types hold: ``lint-imports`` passes on the tree (the contracts in
pyproject.toml), and the contracts and mypy fail where they should, on throwaway copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OFFICES = sorted(p.name for p in (ROOT / "plugins").glob("sportello_*") if p.is_dir())


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is not installed: `make install` brings it (the dev extras)"
    return found


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy_tree(dest: Path) -> Path:
    """The core, the built-in offices, the import-linter configuration and its contract types."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "platform" / "sportello", dest / "platform" / "sportello", ignore=skip)
    for office in OFFICES:
        shutil.copytree(ROOT / "plugins" / office, dest / "plugins" / office, ignore=skip)
    shutil.copytree(ROOT / "tools", dest / "tools", ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_tree_keeps_its_contracts() -> None:
    result = _run([_tool("lint-imports"), "--no-cache"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contracts_bite(tmp_path: Path) -> None:
    copy = _copy_tree(tmp_path / "tree")
    core, plugins = copy / "platform" / "sportello", copy / "plugins"
    _append(core / "scrub.py", "import sportello.privacy  # a cycle: privacy imports scrub")
    _append(core / "contract.py", "from sportello import errors  # below the contract layer")
    _append(plugins / "sportello_visitors" / "models.py", "import sportello_lodging.services")
    _append(plugins / "sportello_counter" / "demo.py", "from sportello import services")

    result = _run(
        [_tool("lint-imports"), "--no-cache"],
        copy,
        PYTHONPATH=os.pathsep.join([str(copy / "platform"), str(plugins)]),
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    # The copy was analysed, not the installed tree.
    assert "No import cycle between the modules of sportello BROKEN" in out, out
    # The cycle, as a chain of modules with the lines of its imports: the graph was acyclic,
    # so every cycle now goes through the import added to scrub.
    assert "sportello: 1 import cycle:" in out, out
    assert "- sportello.scrub -> sportello.privacy (l." in out, out
    assert "sportello.contract is not allowed to import sportello.errors" in out, out
    assert "sportello_visitors is not allowed to import sportello_lodging" in out, out
    assert "sportello_visitors.models -> sportello_lodging.services" in out, out
    assert "sportello_counter is not allowed to import sportello.services" in out, out
    assert "sportello_counter.demo -> sportello.services" in out, out


def test_mypy_is_strict(tmp_path: Path) -> None:
    module = tmp_path / "scrub_copy.py"
    shutil.copy(ROOT / "platform" / "sportello" / "scrub.py", module)
    mypy = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(ROOT / "pyproject.toml"),
        "--cache-dir",
        str(tmp_path / "mypy-cache"),
        str(module),
    ]
    clean = _run(mypy, ROOT)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    _append(module, "def erased_count(value: object) -> int:\n    return strings_in(value)")
    broken = _run(mypy, ROOT)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "scrub_copy.py:" in broken.stdout, broken.stdout
    assert 'Incompatible return value type (got "set[str]", expected "int")' in broken.stdout
