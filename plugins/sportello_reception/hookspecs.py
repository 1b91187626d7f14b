"""Hooks the reception plugin publishes for the offices that receive people (lodging, counter, visitors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Sequence
from typing import Any

from sportello import api


@api.hookspec
def sportello_reception_arrivals(
    site_ids: frozenset[int] | None, day: dt.date
) -> Awaitable[Sequence[Any]] | None:
    """Objects expected or arrived on ``day`` whose GraphQL type implements ``Arrival``."""


@api.hookspec
def sportello_reception_present(site_ids: frozenset[int] | None) -> Awaitable[Sequence[Any]] | None:
    """Objects for people in the building right now (hotel guests in house, visitors, tickets)."""


#: The hook names, for ``runtime.call_async``.
ARRIVALS_HOOK = sportello_reception_arrivals.__name__
PRESENT_HOOK = sportello_reception_present.__name__
