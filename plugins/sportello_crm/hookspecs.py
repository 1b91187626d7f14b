"""The hook the CRM publishes: what other offices add to a party's 360° timeline."""

# Hookspecs are declarations that pluggy never calls: their bodies are docstrings only.
# mypy: disable-error-code="empty-body"

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sportello import api


@api.hookspec
def sportello_crm_timeline_sources() -> Sequence[Mapping[str, Any]]:
    """The office's entries on ``Party.timeline``: ``TimelineSource``s (or plain mappings
    with the same keys, for offices that do not require the CRM and implement the hook with
    ``@api.hookimpl(optionalhook=True)``)."""


TIMELINE_HOOK = sportello_crm_timeline_sources.__name__
