"""Replay: an operator puts parked (or failed) deliveries back in the queue.

It stands alone because it needs no running core: it resets delivery rows and wakes whichever
dispatchers run in this process (on PostgreSQL the leader's next poll finds them anyway).
"""

from __future__ import annotations

from collections.abc import Iterable

from sportello.events.models import EventDelivery
from sportello.events.outbox import _wakers


async def replay(delivery_ids: Iterable[int]) -> int:
    """Put parked (or failed) deliveries back in the queue, attempts reset."""
    count = (
        await EventDelivery.filter(id__in=list(delivery_ids))
        .exclude(status="delivered")
        .update(status="pending", attempts=0, next_attempt_at=None, parked_at=None)
    )
    for waker in list(_wakers):
        waker.wake()
    return count
