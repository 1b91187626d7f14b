"""The event types and handlers the enabled plugins declare, collected from their hooks and checked.

Below the bus: the dispatcher (``sportello.events.dispatcher``), webhook registration and the
catalogue all read the declarations from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pluggy

from sportello.errors import PluginError
from sportello.events.registry import EventHandler, EventType
from sportello.hookcall import call_each

#: Deliveries to webhook endpoints are named ``webhook:<endpoint id>``; handlers may not be.
WEBHOOK_PREFIX = "webhook:"


@dataclass
class Declarations:
    types: dict[str, EventType] = field(default_factory=dict)
    #: event type name -> the plugin that declares it
    owners: dict[str, str] = field(default_factory=dict)
    handlers: dict[str, EventHandler] = field(default_factory=dict)
    by_event: dict[str, list[EventHandler]] = field(default_factory=dict)


def collect(pm: pluggy.PluginManager) -> Declarations:
    """The enabled plugins' event types and handlers; a clash, or a handler of an event
    that no enabled plugin declares, is a ``PluginError`` naming the plugins."""
    found = Declarations()
    for owner, types in call_each(pm, "sportello_event_types"):
        for t in types or ():
            if t.name in found.types:
                raise PluginError(
                    f"plugins '{found.owners[t.name]}' and '{owner}' both declare "
                    f"the event type '{t.name}'"
                )
            found.types[t.name] = t
            found.owners[t.name] = owner
    handler_owners: dict[str, str] = {}
    for owner, handlers in call_each(pm, "sportello_event_handlers"):
        for h in handlers or ():
            if h.name in found.handlers:
                raise PluginError(
                    f"plugins '{handler_owners[h.name]}' and '{owner}' both declare "
                    f"the event handler '{h.name}'"
                )
            if h.name.startswith(WEBHOOK_PREFIX):
                raise PluginError(
                    f"plugin '{owner}': event handler '{h.name}': handler names may not "
                    f"start with '{WEBHOOK_PREFIX}'"
                )
            if h.event not in found.types:
                raise PluginError(
                    f"plugin '{owner}': event handler '{h.name}' handles '{h.event}', an "
                    "event no enabled plugin declares (check the name; declare it in "
                    "sportello_event_types, or require the office that publishes it)"
                )
            found.handlers[h.name] = h
            handler_owners[h.name] = owner
            found.by_event.setdefault(h.event, []).append(h)
    return found


def event_types(runtime: Any) -> dict[str, EventType]:
    """The declared event types (from the running core, or collected once when not started)."""
    core = runtime.state.get("events")
    if core is not None:
        types: dict[str, EventType] = core.types
        return types
    cached: dict[str, EventType] | None = runtime.state.get("event_types")
    if cached is None:
        cached = runtime.state["event_types"] = collect(runtime.pm).types
    return cached
