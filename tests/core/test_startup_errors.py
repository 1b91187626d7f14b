"""Startup refuses impossible combinations with one sentence naming every plugin involved."""

from __future__ import annotations

import datetime as dt
from importlib.metadata import EntryPoint

import pytest

import sportello.plugins
from sportello.errors import ConfigError, PluginError, SchemaCompositionError, StorageError
from sportello.plugins import discover
from sportello.runtime import Runtime
from sportello.settings import Settings


def _settings(*modules: str) -> Settings:
    return Settings(database_url="sqlite://:memory:", modules={m: {} for m in modules})


def _runtime(*modules: str, plugins: tuple[str, ...] = ()) -> Runtime:
    runtime = Runtime(_settings(*modules), plugins=list(plugins))
    runtime.schema  # noqa: B018 - composing the schema is part of startup
    return runtime


def test_office_without_its_requirement() -> None:
    with pytest.raises(ConfigError) as err:
        _runtime("lodging")
    assert "'lodging'" in str(err.value) and "'reception'" in str(err.value)


def test_unknown_office() -> None:
    with pytest.raises(ConfigError, match="unknown office 'nosuch'"):
        _runtime("nosuch")


def test_two_plugins_add_one_field_to_one_type() -> None:
    with pytest.raises(SchemaCompositionError) as err:
        _runtime(
            "nickname_a",
            "nickname_b",
            plugins=("fake_plugins.nickname_a", "fake_plugins.nickname_b"),
        )
    message = str(err.value)
    assert "'nickname_a'" in message and "'nickname_b'" in message
    assert "nickname" in message and "Party" in message


def test_one_plugin_adding_a_field_is_fine_and_leaves_no_trace() -> None:
    runtime = _runtime("nickname_a", plugins=("fake_plugins.nickname_a",))
    assert "nickname: String!" in runtime.schema.as_str()
    assert "nickname" not in _runtime().schema.as_str()


def test_two_plugins_add_the_same_root_field() -> None:
    with pytest.raises(SchemaCompositionError) as err:
        _runtime("echo_a", "echo_b", plugins=("fake_plugins.echo_a", "fake_plugins.echo_b"))
    message = str(err.value)
    assert "'echo_a'" in message and "'echo_b'" in message and "echo" in message


def test_plugin_raising_on_import_explicit() -> None:
    with pytest.raises(PluginError) as err:
        _runtime("broken", plugins=("fake_plugins.broken",))
    message = str(err.value)
    assert "fake_plugins.broken" in message and "flux capacitor" in message


def test_plugin_raising_on_import_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    real = sportello.plugins.entry_points
    broken = EntryPoint(name="broken", value="fake_plugins.broken", group="sportello.plugins")
    monkeypatch.setattr(
        sportello.plugins, "entry_points", lambda group: [*real(group=group), broken]
    )
    with pytest.raises(PluginError) as err:
        _runtime("broken")
    message = str(err.value)
    assert "'broken'" in message and "flux capacitor" in message
    # Installed but not enabled: the others still start, and `modules` says why it is off.
    runtime = _runtime("reception")
    assert runtime.plugin_set.candidates["broken"].reason.startswith("broken: RuntimeError")


def test_plugin_for_an_incompatible_core() -> None:
    with pytest.raises(PluginError) as err:
        _runtime("future_core", plugins=("fake_plugins.future_core",))
    message = str(err.value)
    assert "'future_core'" in message and ">=2" in message


def test_two_plugins_claim_one_table() -> None:
    with pytest.raises(StorageError) as err:
        _runtime("shelf", "shelf_box", plugins=("fake_plugins.shelf", "fake_plugins.shelf_box"))
    message = str(err.value)
    assert "'shelf'" in message and "'shelf_box'" in message and "shelf_box_item" in message


def test_disable_plugin_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    import fake_plugins.echo_a

    assert "reception" in discover()
    monkeypatch.setenv("SPORTELLO_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert discover() == {}
    assert list(discover([fake_plugins.echo_a])) == ["echo_a"]
    assert list(discover(["fake_plugins.echo_b"])) == ["echo_b"]
    with pytest.raises(ConfigError, match="unknown office 'reception'"):
        _runtime("reception")
    runtime = _runtime("echo_a", plugins=("fake_plugins.echo_a",))
    assert runtime.plugin_names == ["echo_a"]


async def test_addhooks_lets_a_plugin_publish_hooks() -> None:
    """Reception publishes its hooks through the historic ``sportello_addhooks``: a plugin
    registered before reception may implement them, and reception's services call it."""
    from fake_plugins import early_arrivals

    runtime = _runtime("aaa_early", "reception", plugins=("fake_plugins.early_arrivals",))
    assert runtime.plugin_names.index("aaa_early") < runtime.plugin_names.index("reception")
    assert runtime.pm.hook.sportello_reception_arrivals.spec is not None
    early_arrivals.CALLS.clear()
    day = dt.date(2030, 5, 1)
    assert await runtime.call_async("sportello_reception_arrivals", site_ids=None, day=day) == [[]]
    assert early_arrivals.CALLS == [(None, day)]
    assert not hasattr(_runtime().pm.hook, "sportello_reception_arrivals")
