"""The ``[modules.lodging]`` settings, set once at startup: every module reads them through
``settings()`` here, so a test that swaps ``_settings`` swaps them for all."""

from __future__ import annotations

from sportello_lodging.settings import LodgingSettings

_settings = LodgingSettings()


def configure(settings: LodgingSettings | None) -> None:
    """Called at startup with the validated ``[modules.lodging]`` table."""
    global _settings
    _settings = settings or LodgingSettings()


def settings() -> LodgingSettings:
    return _settings
