from __future__ import annotations

import datetime as dt

from sportello.i18n import SUPPORTED


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def language_of(preferred: str | None) -> str:
    """The template language: the recipient's preferred one when supported, else English."""
    lang = (preferred or "").split("-")[0].lower()
    return lang if lang in SUPPORTED else "en"
