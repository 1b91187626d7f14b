"""Translatable user-facing messages: catalogues come from plugins through a hook."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar

SUPPORTED = ("en", "it", "es", "el")
_language: ContextVar[str] = ContextVar("sportello_language", default="en")


class Catalog:
    """Messages by language and key; English is the fallback, the key the last resort."""

    def __init__(self) -> None:
        self._messages: dict[str, dict[str, str]] = {lang: {} for lang in SUPPORTED}

    def add(self, catalogue: Mapping[str, Mapping[str, str]]) -> None:
        for lang, messages in catalogue.items():
            self._messages.setdefault(lang, {}).update(messages)

    def gettext(self, key: str, language: str | None = None, /, **params: object) -> str:
        lang = language or _language.get()
        text = self._messages.get(lang, {}).get(key) or self._messages["en"].get(key) or key
        try:
            return text.format(**params) if params else text
        except (KeyError, IndexError, ValueError):
            return text

    def has(self, key: str, language: str) -> bool:
        return key in self._messages.get(language, {})

    def keys(self, language: str = "en") -> set[str]:
        return set(self._messages.get(language, {}))


def negotiate(accept_language: str | None, default: str = "en") -> str:
    """Pick the best supported language from an Accept-Language header."""
    if not accept_language:
        return default
    weighted: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        lang, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        weighted.append((weight, lang.split("-")[0].lower()))
    for _, lang in sorted(weighted, key=lambda item: -item[0]):
        if lang in SUPPORTED:
            return lang
    return default


def set_language(language: str) -> None:
    _language.set(language)


def current_language() -> str:
    return _language.get()
