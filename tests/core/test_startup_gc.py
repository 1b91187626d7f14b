"""Building the first app pauses the garbage collector (sportello.app): it must run again
afterwards, whether the build succeeded or failed."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sportello import app as app_module
from sportello.app import create_app
from sportello.errors import ConfigError
from sportello.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_collector_runs_after_the_first_app_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off while the first app's runtime and schema are built, then on; the objects built
    are frozen (moved out of the collector's generations); a second app is built with the
    collector on."""
    during: list[bool] = []
    configure = app_module.telemetry.configure

    def watched(settings: object) -> None:
        during.append(gc.isenabled())
        configure(settings)  # type: ignore[arg-type]

    monkeypatch.setattr(app_module.telemetry, "configure", watched)
    monkeypatch.setattr(app_module, "_built", False)
    gc.unfreeze()
    create_app(load_settings(ROOT / "config" / "all.toml"))
    assert during == [False]
    assert gc.isenabled()
    assert app_module._built
    assert gc.get_freeze_count() > 0
    create_app(load_settings(ROOT / "config" / "all.toml"))
    assert during == [False, True]


def test_collector_runs_after_a_failed_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(app_module, "_built", False)
    config = tmp_path / "unknown.toml"
    config.write_text('database_url = "sqlite://:memory:"\n[modules.no_such_office]\n')
    settings = load_settings(config)
    with pytest.raises(ConfigError):
        create_app(settings)
    assert gc.isenabled()
    assert not app_module._built
