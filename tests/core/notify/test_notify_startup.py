"""Declarations that cannot work stop the startup with a sentence naming who declared what."""

from __future__ import annotations

import types
from typing import Any

import ntplugin
import pytest

from sportello import api
from sportello.errors import PluginError
from sportello.notify.core import NotifyCore
from sportello.runtime import Runtime
from sportello.settings import Settings


def _collect(*plugins: Any, **settings: Any) -> NotifyCore:
    modules = {p.office.name: {} for p in plugins}
    runtime = Runtime(
        Settings(database_url="sqlite://:memory:", modules=modules, **settings),
        plugins=list(plugins),
    )
    core = NotifyCore(runtime)
    core.collect()
    return core


def _office(name: str, kinds: list[api.NotificationKind], messages: Any) -> types.ModuleType:
    module = types.ModuleType(f"{name}_plugin")
    module.office = api.Office(name=name, title=name, notifications=kinds, translations=messages)
    return module


def test_the_test_office_declares_its_kinds() -> None:
    core = _collect(ntplugin, notify={"sms_adapter": "ntest"})
    assert set(core.kinds) == {"ntest.visitor_arrived", "ntest.booking_confirmed", "ntest.quiet"}
    assert core.owners["ntest.quiet"] == "ntest"
    assert sorted(core.adapters) == ["log", "ntest"]


def test_an_unknown_sms_adapter_is_refused() -> None:
    with pytest.raises(PluginError, match=r"sms_adapter = 'nope'.*installed: log, ntest"):
        _collect(ntplugin, notify={"sms_adapter": "nope"})


def test_a_kind_without_its_english_template_is_refused() -> None:
    bare = _office("bare", [api.NotificationKind("bare.thing", "Thing")], {"en": {}})
    with pytest.raises(PluginError, match=r"'bare'.*'bare.thing'.*notify.bare.thing.subject"):
        _collect(bare)


def test_one_kind_declared_twice_is_refused() -> None:
    msgs = {"en": {"notify.ntest.quiet.subject": "x", "notify.ntest.quiet.body": "x"}}
    twin = _office("twin", [api.NotificationKind("ntest.quiet", "Again")], msgs)
    with pytest.raises(PluginError, match="'ntest' and 'twin' both declare .*'ntest.quiet'"):
        _collect(ntplugin, twin)


def test_a_kind_must_make_sense() -> None:
    with pytest.raises(ValueError, match="dotted lower-case name"):
        api.NotificationKind("Visitor Arrived", "x")
    with pytest.raises(ValueError, match="audience must be 'staff', 'party' or 'requested'"):
        api.NotificationKind("a.b", "x", audience="everyone")
    with pytest.raises(ValueError, match="channels must be some of"):
        api.NotificationKind("a.b", "x", channels=("fax",))
