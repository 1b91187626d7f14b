"""A test office that handles an event nobody declares: startup must refuse it."""

from __future__ import annotations

from sportello.api import Event, EventHandler, PluginInfo, hookimpl


async def ignore(event: Event) -> None:
    return None


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="evorphan", title="Orphan handler test office", version="0.0.1")


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    return [EventHandler("evtyped.order.shipped", "evorphan.on_shipped", ignore)]
