"""Counter tests run on a controlled clock: the service's ``now()`` is pinned (and moves on
with real elapsed time, so issue order stays real). No test depends on the wall clock."""

from __future__ import annotations

import pytest
from counter_helpers import BASE, Clock


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from sportello_counter import services

    c = Clock(BASE)
    monkeypatch.setattr(services, "now", c.now)
    # Settings are module state configured at startup: restore the defaults afterwards.
    monkeypatch.setattr(services, "_settings", services.settings())
    return c
