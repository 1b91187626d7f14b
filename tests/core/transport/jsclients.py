"""Run the JavaScript clients of tests/js (Node 20+) from a test, with every wait bounded.

``make test`` installs tests/js (``npm ci``). Without node or those packages a test fails
under CI (``CI=true``) and is skipped elsewhere, with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import re
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

JS_DIR = Path(__file__).resolve().parents[2] / "js"
PACKAGES = ("graphql", "graphql-http", "graphql-ws", "ws")
MIN_NODE = 20


@functools.cache
def _missing() -> str | None:
    node = shutil.which("node")
    if node is None:
        return "node is not on PATH (Node 20 or newer runs the JavaScript client tests)"
    version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30)
    found = re.match(r"v(\d+)\.", version.stdout.strip())
    if not found or int(found.group(1)) < MIN_NODE:
        return f"node {version.stdout.strip() or '?'} is too old: Node {MIN_NODE}+ is needed"
    absent = [p for p in PACKAGES if not (JS_DIR / "node_modules" / p / "package.json").exists()]
    if absent:
        return (
            f"tests/js/node_modules lacks {', '.join(absent)}: "
            "run `make test` or `npm ci --prefix tests/js`"
        )
    return None


def require_node() -> str:
    """The node executable; without it (or tests/js installed): fail under CI, else skip."""
    problem = _missing()
    if problem is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {problem}", pytrace=False)
        pytest.skip(problem)
    return shutil.which("node")  # type: ignore[return-value]


class NodeScript:
    """A running tests/js script that prints one JSON object per line on stdout."""

    def __init__(self, process: asyncio.subprocess.Process, name: str) -> None:
        self.process = process
        self.name = name
        self.lines: list[dict[str, Any]] = []

    async def _stderr(self) -> str:
        if self.process.returncode is None or self.process.stderr is None:
            return ""
        with contextlib.suppress(TimeoutError):
            return (await asyncio.wait_for(self.process.stderr.read(), 5)).decode(errors="replace")
        return ""

    async def line(self, within: float) -> dict[str, Any]:
        """The next line, within ``within`` seconds."""
        assert self.process.stdout is not None
        try:
            raw = await asyncio.wait_for(self.process.stdout.readline(), within)
        except TimeoutError:
            raise AssertionError(
                f"{self.name}: no output within {within}s (so far: {self.lines})"
            ) from None
        if not raw:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), 10)
            raise AssertionError(
                f"{self.name} ended (exit {self.process.returncode}) after {self.lines}; "
                f"stderr: {await self._stderr()}"
            )
        parsed = json.loads(raw)
        self.lines.append(parsed)
        return parsed

    async def rest(self, within: float) -> list[dict[str, Any]]:
        """Every remaining line until the script exits, within ``within`` seconds in all."""
        assert self.process.stdout is not None
        try:
            out = await asyncio.wait_for(self.process.stdout.read(), within)
            await asyncio.wait_for(self.process.wait(), within)
        except TimeoutError:
            raise AssertionError(f"{self.name} did not finish within {within}s") from None
        parsed = [json.loads(raw) for raw in out.splitlines() if raw.strip()]
        self.lines.extend(parsed)
        if self.process.returncode != 0:
            raise AssertionError(
                f"{self.name} exited {self.process.returncode}: {parsed}; "
                f"stderr: {await self._stderr()}"
            )
        return parsed

    async def exit_status(self, within: float) -> int:
        try:
            return await asyncio.wait_for(self.process.wait(), within)
        except TimeoutError:
            raise AssertionError(f"{self.name} did not exit within {within}s") from None


@contextlib.asynccontextmanager
async def node_script(script: str, *args: str) -> AsyncIterator[NodeScript]:
    """Start ``node tests/js/<script> args...``; killed on the way out if still running.

    Asynchronous on purpose: the live server runs in this test's event loop."""
    node = require_node()
    process = await asyncio.create_subprocess_exec(
        node,
        str(JS_DIR / script),
        *args,
        cwd=JS_DIR,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        limit=4 * 1024 * 1024,
    )
    try:
        yield NodeScript(process, script)
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), 10)
