from __future__ import annotations

from typing import Any

import pytest
from lodging_helpers import TODAY

from sportello_lodging.services import clock


@pytest.fixture(autouse=True)
def hotel_day(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every site's today is ``TODAY``: the tests' dates do not depend on the hour they run at
    (sites in Lisbon, Rome and Athens have different days for a few hours each night).
    ``test_site_days.py`` checks the real day of each time zone."""
    monkeypatch.setattr(clock, "today", lambda timezone=None: TODAY)
