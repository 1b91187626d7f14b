"""Tortoise reads each model's ``#:`` comments (they become the fields' descriptions) from the
model's source when the class is created. It finds that source with ``inspect.getsource``, which
parses the whole module file again for every class: with every built-in office, 128 models cost
~0.5 s of the cold start. This installs the same reading with each file parsed once.

The result is the same as Tortoise's own for every class (tests/core/test_model_comments.py
compares them); a class whose source cannot be found this way falls back to Tortoise's.
"""

from __future__ import annotations

import ast
import inspect
import linecache
import re
from typing import Any

from tortoise import models as _tortoise_models

_original = _tortoise_models._get_comments
_COMMENTED = re.compile(r"((?:(?!\n|^)[^\w\n]*#:.*?\n)+?)[^\w\n]*(\w+)\s*[:=]")
_MARKER = re.compile(r"(^\s*#:\s*|\s*$)", flags=re.MULTILINE)
#: file -> (its lines as linecache returned them, class qualname -> first line index)
_starts: dict[str, tuple[list[str], dict[str, int]]] = {}


def _class_starts(tree: ast.AST) -> dict[str, int]:
    """Where each class begins (its first decorator, else ``class``), as ``inspect.findsource``
    finds it: the first definition of a qualified name in visiting order wins."""
    found: dict[str, int] = {}

    def visit(node: ast.AST, stack: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, [*stack, child.name, "<locals>"])
            elif isinstance(child, ast.ClassDef):
                inner = [*stack, child.name]
                first = child.decorator_list[0].lineno if child.decorator_list else child.lineno
                found.setdefault(".".join(inner), first - 1)
                visit(child, inner)
            else:
                visit(child, stack)

    visit(tree, [])
    return found


def class_source(cls: type) -> str | None:
    """``inspect.getsource(cls)``, with the file parsed once for all its classes; None when the
    source is not in a file this can read."""
    file = inspect.getsourcefile(cls)
    if not file:
        return None
    linecache.checkcache(file)
    module = inspect.getmodule(cls, file)
    lines = linecache.getlines(file, module.__dict__) if module else linecache.getlines(file)
    if not lines:
        return None
    cached = _starts.get(file)
    if cached is None or cached[0] is not lines:
        cached = (lines, _class_starts(ast.parse("".join(lines))))
        _starts[file] = cached
    start = cached[1].get(cls.__qualname__)
    if start is None:
        return None
    return "".join(inspect.getblock(lines[start:]))


def get_comments(cls: Any) -> dict[str, str]:
    """Tortoise's ``_get_comments``: the ``#:`` comment before each attribute, by name."""
    try:
        source = class_source(cls)
    except (AttributeError, TypeError, OSError, SyntaxError):
        source = None
    if source is None:
        return _original(cls)
    comments = {}
    # Tortoise repeats this for every class of the MRO over the same source; the last, the
    # class itself, names the "{model}" placeholder.
    for match in _COMMENTED.findall(source):
        comment = _MARKER.sub("", match[0])
        comments[match[1]] = comment.replace("{model}", cls.__name__)
    return comments


def install() -> None:
    _tortoise_models._get_comments = get_comments
