"""Hooks the reception plugin publishes for the offices that receive people (lodging, counter, visitors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Sequence
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("sportello")


@hookspec
def sportello_reception_arrivals(
    site_ids: frozenset[int] | None, day: dt.date
) -> Awaitable[Sequence[Any]] | None:
    """Objects expected or arrived on ``day`` whose GraphQL type implements ``Arrival``."""


@hookspec
def sportello_reception_present(site_ids: frozenset[int] | None) -> Awaitable[Sequence[Any]] | None:
    """Objects for people in the building right now (hotel guests in house, visitors, tickets)."""
