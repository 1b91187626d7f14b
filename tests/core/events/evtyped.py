"""A test office whose events have typed payloads (and one declaring no payload)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from sportello.api import Event, EventHandler, EventType, PluginInfo, hookimpl

RECEIVED: list[dict[str, object]] = []


class Line(BaseModel):
    sku: str
    amount: Decimal


class OrderPlaced(BaseModel):
    """An order was placed."""

    order_id: int = Field(description="the order's id")
    total: Decimal
    lines: list[Line] = []
    note: str | None = None


async def record(event: Event) -> None:
    RECEIVED.append(event.payload)


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="evtyped", title="Typed events test office", version="0.0.1")


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [
        EventType(
            "evtyped.order.placed",
            version=2,
            description="An order was placed.",
            payload=OrderPlaced,
            permission="evtyped.orders.view",
        ),
        EventType("evtyped.bare", description="No payload declared"),
    ]


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    return [EventHandler("evtyped.order.placed", "evtyped.record", record)]
