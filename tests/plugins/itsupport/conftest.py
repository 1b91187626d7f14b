"""IT support tests run on a controlled clock: the office's ``now()`` and the SLA engine's are
pinned (and run on with real time). No test depends on the wall clock."""

from __future__ import annotations

import datetime as dt

import pytest
from itsupport_helpers import Clock

#: Wednesday 4 March 2026, 10:00 UTC
BASE = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from sportello.sla.services import _common as sla_common
    from sportello_itsupport.services import _common

    c = Clock(BASE)
    monkeypatch.setattr(_common, "now", c.now)
    monkeypatch.setattr(sla_common, "now", c.now)
    saved = _common.settings()
    yield c
    _common.configure(saved)
