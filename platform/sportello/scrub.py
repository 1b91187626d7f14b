"""Replacing personal values in JSON-like data by ``[erased]`` (the audit trail, event payloads).

A leaf of the core: ``sportello.privacy`` (erasure across offices) and ``sportello.events.privacy``
(the outbox) both use it; ``sportello.privacy`` re-exports its names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ERASED = "[erased]"


def strings_in(values: Any) -> set[str]:
    """Every non-blank string inside a JSON-like value."""
    if isinstance(values, str):
        return {values} if values.strip() else set()
    if isinstance(values, Mapping):
        return {s for v in values.values() for s in strings_in(v)}
    if isinstance(values, (list, tuple, set)):
        return {s for v in values for s in strings_in(v)}
    return set()


def scrub(value: Any, personal: set[str]) -> Any:
    """A JSON-like value with every string in ``personal`` replaced by ``ERASED``."""
    if isinstance(value, str):
        return ERASED if value in personal else value
    if isinstance(value, dict):
        return {k: scrub(v, personal) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, personal) for v in value]
    return value


def scrub_under(value: Any, keys: set[str]) -> Any:
    """A JSON-like value with every string stored under one of ``keys`` replaced."""
    if isinstance(value, dict):
        return {
            k: (scrub(v, strings_in(v)) if k in keys else scrub_under(v, keys))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrub_under(v, keys) for v in value]
    return value
