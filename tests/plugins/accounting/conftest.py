"""Fixtures of the accounting tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from accounting_sales_setup import set_issue_day


@pytest.fixture
def issue_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Sets the day sales issues documents on (its invoices are due 30 days later)."""
    yield lambda day: set_issue_day(monkeypatch, day)
