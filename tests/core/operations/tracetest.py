"""A test office whose mutation publishes an event that its own handler reads back."""

from __future__ import annotations

import strawberry

from sportello import hookimpl
from sportello.api import PluginInfo, Public
from sportello.events import Event, EventHandler, EventType, publish
from sportello.services import atomic

HANDLED: list[int] = []


@strawberry.type
class TraceMutations:
    @strawberry.mutation(permission_classes=[Public])
    async def trace_bump(self, n: int) -> int:
        async with atomic():
            event = await publish("tracetest.bumped", {"n": n}, aggregate=f"bump:{n}")
        return event.id


async def record(event: Event) -> None:
    from sportello.events.models import OutboxEvent

    await OutboxEvent.filter(id=event.id).count()  # some SQL of the handler's own
    HANDLED.append(event.payload["n"])


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="tracetest", title="Traces", version="1.0")


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    return [TraceMutations]


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [EventType("tracetest.bumped", description="A bump")]


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    return [EventHandler("tracetest.bumped", "tracetest.record", record)]
