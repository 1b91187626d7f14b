"""Domain events: publish inside your service's transaction, handle them in another plugin.

    await publish("lodging.reservation.checked_out", {"reservation_id": r.id}, aggregate=f"reservation:{r.id}")

Subscriptions stream events to GraphQL clients with ``subscribe(info, names)``.
"""

from sportello.events.bus import publish, subscribe
from sportello.events.registry import Event, EventHandler, EventType

__all__ = ["Event", "EventHandler", "EventType", "publish", "subscribe"]
