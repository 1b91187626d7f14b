"""Offices are written exactly as third parties would: every name they, the example office and
the plugin guide use comes from ``sportello.api`` (or a declared requirement's ``api`` module)."""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import sportello.api

ROOT = Path(__file__).resolve().parents[2]
OFFICES = sorted(p for p in (ROOT / "plugins").glob("sportello_*") if p.is_dir())
EXAMPLE = ROOT / "tests" / "fixtures" / "sportello_library" / "sportello_library"


def _imports(tree: ast.AST) -> Iterator[tuple[int, str, list[str]]]:
    """``(line, module, names)`` of every import statement, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []


def _requires(package: Path) -> tuple[str, ...]:
    module = importlib.import_module(f"{package.name}.plugin")
    office = next(v for v in vars(module).values() if isinstance(v, sportello.api.Office))
    return tuple(office.requires)


def _problems(path: Path, own: str, requires: tuple[str, ...], tree: ast.AST) -> list[str]:
    out = []
    allowed_offices = {own, *(f"sportello_{r}.api" for r in requires)}
    for line, module, names in _imports(tree):
        where = f"{path.relative_to(ROOT)}:{line}"
        if module == "sportello":
            if set(names) - {"api"}:
                out.append(f"{where}: from sportello import {', '.join(names)} (use sportello.api)")
        elif module.startswith("sportello."):
            if module != "sportello.api":
                out.append(f"{where}: imports {module} (use sportello.api)")
            else:
                missing = sorted(set(names) - set(sportello.api.__all__))
                if missing:
                    out.append(f"{where}: sportello.api has no {missing}")
        elif module.startswith("sportello_"):
            top = module.split(".")[0]
            if top == own:
                continue
            if module not in allowed_offices:
                out.append(f"{where}: imports {module}: another office's internals")
    return out


@pytest.mark.parametrize("package", [*OFFICES, EXAMPLE], ids=lambda p: p.name)
def test_offices_import_only_the_public_surface(package: Path) -> None:
    requires = _requires(package)
    problems = []
    for path in sorted(package.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        problems += _problems(path, package.name, requires, ast.parse(path.read_text()))
    assert problems == [], "\n".join(problems)


def test_the_guide_imports_only_the_public_surface() -> None:
    text = (ROOT / "docs" / "plugins.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    problems = []
    for block in blocks:
        for line in block.splitlines():
            if line.startswith(("from ", "import ")):
                problems += _problems(ROOT / "docs" / "plugins.md", "sportello_library", (),
                                      ast.parse(line))  # fmt: skip
    assert problems == [], problems
    # every `api.X` the guide uses exists
    used = set(re.findall(r"\bapi\.([A-Za-z_]+)", text))
    assert used and used <= set(sportello.api.__all__), used - set(sportello.api.__all__)


def test_every_public_name_exists() -> None:
    for name in sportello.api.__all__:
        assert hasattr(sportello.api, name), name


def test_every_public_name_is_in_the_guide() -> None:
    text = (ROOT / "docs" / "plugins.md").read_text()
    missing = [name for name in sportello.api.__all__ if f"`{name}`" not in text]
    assert missing == [], f"docs/plugins.md does not mention {missing}"
