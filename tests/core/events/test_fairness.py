"""One handler's backlog never starves the others; a missing handler's deliveries wait."""

from __future__ import annotations

import evplugin
from evhelpers import emit, eventually, fast

from sportello.events.models import DeliveryAttempt, EventDelivery

PLUGINS = [evplugin]


async def _delivered(handler: str, event_id: int):
    d = await EventDelivery.get_or_none(handler=handler, event_id=event_id)
    return d if d and d.status == "delivered" else None


async def test_failing_backlog_does_not_starve_healthy_handlers(sportello_app):
    """A window of 1: the failing handler's many pending deliveries come first by id, yet
    the healthy handlers' heads are chosen too (one head per handler and aggregate)."""
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        # after one failure, the failing head waits an hour: only other heads can run
        fast(h.runtime, batch=1, backoff_base=3600)
        doomed = [await emit("evtest.doomed", {"n": n}, "doom:1") for n in range(12)]
        doomed += [await emit("evtest.doomed", {"n": n}, f"doom:{n}") for n in range(2, 6)]
        healthy = await emit("evtest.thing.happened", {"n": 1}, "thing:1")

        assert await eventually(lambda: _delivered("evtest.steady", healthy.id))
        assert await eventually(lambda: _delivered("evtest.flaky", healthy.id))
        assert evplugin.EFFECTS["steady"] == [1]
        # order per aggregate holds: on doom:1 only the first event was tried
        tried = await DeliveryAttempt.filter(delivery__handler="evtest.always_fails").values_list(
            "delivery__event_id", flat=True
        )
        assert doomed[1].id not in tried
        assert doomed[0].id in tried


async def test_deliveries_of_a_handler_that_is_not_running_stay_pending(sportello_app):
    """An office switched off: its handler is not registered; its deliveries wait, untried."""
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        core = fast(h.runtime)
        event = await emit("evtest.thing.happened", {"n": 3}, "thing:3")
        await eventually(lambda: _delivered("evtest.steady", event.id))
        orphan = await EventDelivery.create(
            event_id=event.id, handler="switched_off.handler", aggregate="thing:3"
        )
        later = await emit("evtest.thing.happened", {"n": 4}, "thing:3")
        await eventually(lambda: _delivered("evtest.steady", later.id))
        await core.run_due()
        await orphan.refresh_from_db()
        assert (orphan.status, orphan.attempts) == ("pending", 0)
        assert await DeliveryAttempt.filter(delivery_id=orphan.id).count() == 0
