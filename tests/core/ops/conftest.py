"""Fixtures of the operations tests: the lines a real app writes, as production formats them."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from opshelpers import Lines

from sportello.ops import logs


@pytest.fixture
def log_lines() -> Iterator[Lines]:
    """Every record of every logger at info and above, formatted as in production (``json``)."""
    stream = io.StringIO()
    handler = logs.handler("json", stream)
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield Lines(stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
