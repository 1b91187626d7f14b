"""Domain events: publish inside your service's transaction, handle them in another plugin.

    await publish("lodging.reservation.checked_out", {"reservation_id": r.id}, aggregate=f"reservation:{r.id}")

Declare what you publish with ``EventType(name, payload=<a pydantic model>)``: ``publish`` then
validates each payload against the model (``EventPayloadError`` on a mismatch). Subscriptions
stream events to GraphQL clients with ``subscribe(info, names)``.
"""

from sportello.events.outbox import publish
from sportello.events.registry import Event, EventHandler, EventPayloadError, EventType
from sportello.events.subscriptions import subscribe

__all__ = ["Event", "EventHandler", "EventPayloadError", "EventType", "publish", "subscribe"]
