"""Events as a catalogue: typed payloads, the startup check of handlers, ``sportello events list``
and docs/events.md."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import evhelpers
import evorphan
import evtyped
import pytest
from pydantic import BaseModel, ConfigDict

from sportello import cli
from sportello.errors import PluginError
from sportello.events import EventPayloadError, EventType, publish
from sportello.events.bus import EventsCore
from sportello.events.catalogue import catalogue, render
from sportello.events.models import OutboxEvent
from sportello.runtime import Runtime
from sportello.services import atomic
from sportello.settings import Settings, load_settings
from sportello.testing import drop_database, prepare_database

ROOT = Path(__file__).resolve().parents[3]
TYPED = "evtyped.order.placed"


def _runtime(*plugins: Any) -> Runtime:
    settings = Settings(
        database_url="sqlite://:memory:",
        modules={p.sportello_plugin_info().name: {} for p in plugins},
    )
    return Runtime(settings, list(plugins))


# -- typed payloads ----------------------------------------------------------------------------
def test_a_payload_model_gives_the_json_schema() -> None:
    etype = EventType(TYPED, payload=evtyped.OrderPlaced)
    assert etype.model is evtyped.OrderPlaced
    schema = etype.schema()
    assert schema == evtyped.OrderPlaced.model_json_schema(mode="serialization")
    assert schema["required"] == ["order_id", "total"]
    assert schema["properties"]["order_id"] == {
        "description": "the order's id",
        "title": "Order Id",
        "type": "integer",
    }
    assert "Line" in schema["$defs"]


def test_the_dict_form_still_works_with_a_deprecation_warning() -> None:
    with pytest.warns(DeprecationWarning, match="declare the payload as a pydantic model") as rec:
        etype = EventType("old.thing", payload={"thing_id": "int", "label": "free text"})
    assert rec[0].filename == __file__  # it points at the declaration, not at the core
    assert "'old.thing'" in str(rec[0].message)
    assert etype.model is None
    assert etype.schema() == {
        "title": "old.thing",
        "type": "object",
        "properties": {"thing_id": {"type": "integer"}, "label": {"description": "free text"}},
    }
    # not validated: the payload is kept as published
    assert etype.validate({"anything": 1}) == {"anything": 1}


def test_no_payload_declared_is_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        etype = EventType("plain.thing")
    assert etype.schema() == {"title": "plain.thing", "type": "object"}


def test_a_payload_must_be_a_model_class() -> None:
    instance: Any = evtyped.OrderPlaced(order_id=1, total=Decimal(1))
    with pytest.raises(TypeError, match="model class OrderPlaced, not an instance"):
        EventType(TYPED, payload=instance)
    name: Any = "OrderPlaced"
    with pytest.raises(TypeError, match="'x.y': payload must be a pydantic model class"):
        EventType("x.y", payload=name)


def test_validation_returns_the_json_form() -> None:
    etype = EventType(TYPED, payload=evtyped.OrderPlaced)
    payload = {"order_id": 7, "total": "12.50", "lines": [{"sku": "A", "amount": "12.5"}]}
    assert etype.validate(payload) == {
        "order_id": 7,
        "total": "12.50",
        "lines": [{"sku": "A", "amount": "12.5"}],
        "note": None,
    }
    instance = evtyped.OrderPlaced(order_id=7, total=Decimal("3"))
    assert etype.validate(instance) == {"order_id": 7, "total": "3", "lines": [], "note": None}


def test_a_bad_payload_names_the_event_and_the_fields() -> None:
    etype = EventType(TYPED, payload=evtyped.OrderPlaced)
    with pytest.raises(EventPayloadError) as err:
        etype.validate({"order_id": "seven", "lines": [{"sku": "A", "amount": "lots"}]})
    message = str(err.value)
    assert f"event '{TYPED}'" in message and "OrderPlaced" in message
    assert "field 'order_id'" in message and "'seven'" in message
    assert "field 'total': Field required" in message
    assert "field 'lines.0.amount'" in message
    assert isinstance(err.value, ValueError)
    with pytest.raises(EventPayloadError, match="field 'order_no': Extra inputs are not permitted"):
        etype.validate({"order_id": 1, "total": "1", "order_no": 1})  # a typo is a bug
    pairs: Any = [("order_id", 1)]
    with pytest.raises(TypeError, match=f"event '{TYPED}': the payload must be a dict"):
        etype.validate(pairs)


def test_a_model_allowing_extra_keys_keeps_them() -> None:
    class Open(BaseModel):
        model_config = ConfigDict(extra="allow")
        n: int

    assert EventType("x.open", payload=Open).validate({"n": 1, "more": 2}) == {"n": 1, "more": 2}


# -- publish -----------------------------------------------------------------------------------
async def test_publish_validates_against_the_declared_model(sportello_app: Any) -> None:
    evtyped.RECEIVED.clear()
    async with sportello_app(["evtyped"], [evtyped]) as h:
        evhelpers.fast(h.runtime)
        event = await evhelpers.emit(TYPED, {"order_id": 1, "total": "9.90"}, "order:1")
        expected = {"order_id": 1, "total": "9.90", "lines": [], "note": None}
        assert event.payload == expected and event.version == 2  # the declared version
        row = await OutboxEvent.get(id=event.id)
        assert row.payload == expected and row.version == 2
        async with atomic():  # a model instance is published as its JSON form
            second = await publish(
                TYPED, evtyped.OrderPlaced(order_id=2, total=Decimal("1.5")), aggregate="order:2"
            )
        assert second.payload["total"] == "1.5"

        before = await OutboxEvent.all().count()
        with pytest.raises(EventPayloadError, match=f"event '{TYPED}'.*field 'total'"):
            async with atomic():
                await publish(TYPED, {"order_id": 3, "total": "a lot"}, aggregate="order:3")
        assert await OutboxEvent.all().count() == before  # nothing written

        # events without a model are stored as published
        bare = await evhelpers.emit("evtyped.bare", {"free": ["form"]}, "bare:1")
        assert (await OutboxEvent.get(id=bare.id)).payload == {"free": ["form"]}

        async def delivered() -> list[dict[str, object]]:
            return evtyped.RECEIVED if len(evtyped.RECEIVED) == 2 else []

        received = await evhelpers.eventually(delivered)  # two aggregates: in any order
        assert sorted(received, key=lambda p: str(p["order_id"])) == [
            expected,
            {"order_id": 2, "total": "1.5", "lines": [], "note": None},
        ]


# -- handlers of undeclared events -------------------------------------------------------------
def test_a_handler_of_an_undeclared_event_is_a_plugin_error() -> None:
    runtime = _runtime(evorphan)
    with pytest.raises(PluginError) as err:
        EventsCore(runtime).collect()
    message = str(err.value)
    assert "plugin 'evorphan'" in message and "'evtyped.order.shipped'" in message
    assert "'evorphan.on_shipped'" in message
    EventsCore(_runtime(evtyped)).collect()  # declared by the same plugin: fine


async def test_startup_refuses_a_handler_of_an_undeclared_event(
    backend: str, tmp_path: Path
) -> None:
    url = await prepare_database(backend, ["evorphan", "evtyped"], [evorphan, evtyped], tmp_path)
    settings = Settings(database_url=url, modules={"evorphan": {}, "evtyped": {}})
    runtime = Runtime(settings, [evorphan, evtyped])
    try:
        with pytest.raises(PluginError, match="plugin 'evorphan'.*'evtyped.order.shipped'"):
            await runtime.start()
        assert not runtime.started
    finally:
        await runtime.stop()
        await drop_database(url)


# -- sportello events list ---------------------------------------------------------------------
@pytest.fixture
def typed_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """``sportello events list`` over the typed test office alone."""
    monkeypatch.setattr(cli, "_runtime", lambda args: _runtime(evtyped))


def test_events_list_text(typed_cli: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["events", "list"]) == 0
    out = capsys.readouterr().out
    block = out.split("\n\n")[1]
    assert block.splitlines()[0] == (
        f"{TYPED}  v2  plugin: evtyped  permission: evtyped.orders.view"
    )
    assert "An order was placed." in block
    assert "order_id  integer  required  the order's id" in block
    assert "lines     array of Line  optional" in block
    assert "note      string or null  optional" in block
    assert out.startswith("evtyped.bare  v1  plugin: evtyped  permission: -\n")


def test_events_list_json(typed_cli: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["events", "list", "--format", "json"]) == 0
    listed = {e["name"]: e for e in json.loads(capsys.readouterr().out)}
    assert listed[TYPED] == {
        "name": TYPED,
        "version": 2,
        "plugin": "evtyped",
        "permission": "evtyped.orders.view",
        "description": "An order was placed.",
        "typed": True,
        "schema": evtyped.OrderPlaced.model_json_schema(mode="serialization"),
    }
    assert listed["evtyped.bare"]["typed"] is False
    assert listed["evtyped.bare"]["permission"] is None


def test_events_list_markdown(typed_cli: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["events", "list", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert f"| [`{TYPED}`](#evtypedorderplaced) | 2 | evtyped | `evtyped.orders.view` |" in out
    assert f"## `{TYPED}`" in out
    assert "| `order_id` | integer | yes | the order's id |" in out


def test_events_list_reports_a_broken_declaration(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_runtime", lambda args: _runtime(evorphan))
    assert cli.main(["events", "list"]) == 2
    assert "plugin 'evorphan'" in capsys.readouterr().err


def test_events_list_of_the_shipped_offices(capsys: pytest.CaptureFixture[str]) -> None:
    config = str(ROOT / "config" / "all.toml")
    assert cli.main(["events", "list", "--config", config, "--format", "json"]) == 0
    listed = {e["name"]: e for e in json.loads(capsys.readouterr().out)}
    plugins = {e["plugin"] for e in listed.values()}
    assert {"counter", "lodging", "visitors"} <= plugins
    for entry in listed.values():
        assert entry["schema"]["type"] == "object", entry["name"]


# -- docs/events.md ----------------------------------------------------------------------------
def test_committed_events_doc_is_current() -> None:
    runtime = Runtime(load_settings(ROOT / "config" / "all.toml"))
    current = render(catalogue(runtime), "markdown", "config/all.toml")
    committed = (ROOT / "docs" / "events.md").read_text()
    assert committed == current, (
        "docs/events.md is stale: run `make events-doc` (sportello events list --format "
        "markdown --config config/all.toml > docs/events.md) and commit it"
    )
