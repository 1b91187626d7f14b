"""Shared by every aggregate module, so that none imports another for a constant or a cleaner.
Modules call ``_common.now()``, never a copy: a test patching ``services.now`` moves them all."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello.parties import models
from sportello.services import Problem

#: The channels of ContactPoint (``EMAIL``, re-exported by the package, is the address pattern).
EMAIL_CHANNEL, PHONE = models.EMAIL, models.PHONE
#: How many emails, phones or addresses one party may have.
MAX_ITEMS = 20
#: The GraphQL input field of each channel's list and of its legacy scalar.
LIST_FIELD = {EMAIL_CHANNEL: "emails", PHONE: "phones"}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _kind(value: Any) -> str:
    """Enum members from GraphQL, plain strings from other callers."""
    value = getattr(value, "value", value)
    return _text(value).lower()


def _one_primary(items: list[dict[str, Any]], field: str, problems: list[Problem]) -> None:
    """At most one item marked primary; none marked: the first one is."""
    marked = [i for i, item in enumerate(items) if item["primary"]]
    for i in marked[1:]:
        problems.append(
            Problem("MULTIPLE_PRIMARY", "parties.multiple_primary", f"{field}.{i}.primary")
        )
    if items and not marked:
        items[0]["primary"] = True
