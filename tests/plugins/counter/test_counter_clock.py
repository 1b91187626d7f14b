"""The counter's services are a package: ``services.now`` is the one clock its modules read."""

from __future__ import annotations

import pytest


def test_pinning_services_now_pins_the_clock_every_module_reads(clock) -> None:
    from sportello_counter import services
    from sportello_counter.services import _common

    assert services.now == clock.now and _common.now == clock.now  # pinned by conftest
    assert "now" not in vars(services)  # no copy a pin could miss

    inner = pytest.MonkeyPatch()
    inner.setattr(services, "now", lambda: "later")
    assert _common.now() == "later"
    inner.undo()  # a nested pin undone gives back the outer one, not the wall clock
    assert _common.now == clock.now
