"""Counter tests run on a controlled clock: the service's ``now()`` is pinned (and moves on
with real elapsed time, so issue order stays real). No test depends on the wall clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from counter_helpers import BASE, Clock


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    from sportello_counter import services

    c = Clock(BASE)
    monkeypatch.setattr(services, "now", c.now)  # the one clock every services module reads
    # Settings are module state configured at startup: restore them afterwards.
    saved = services.settings()
    yield c
    services.configure(saved)
