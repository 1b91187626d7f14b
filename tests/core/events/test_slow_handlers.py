"""A slow handler holds no transaction: requests and other handlers go on while it waits.

On SQLite the whole database is one connection with one lock per transaction, so a handler
run inside a transaction would stop every request until it finished.
"""

from __future__ import annotations

import asyncio

import evplugin
from evhelpers import emit, eventually, fast

from sportello.events.bus import to_event
from sportello.events.models import DeliveryAttempt, EventDelivery, OutboxEvent
from sportello.parties.models import Party

PLUGINS = [evplugin]
CREATE = """mutation($input: PartyCreateInput!) {
  partyCreate(input: $input) { party { id displayName } errors { code } } }"""


async def _status(handler: str, event_id: int) -> str | None:
    d = await EventDelivery.get_or_none(handler=handler, event_id=event_id)
    return d.status if d else None


async def test_slow_handler_blocks_no_request_and_no_other_handler(sportello_app):
    evplugin.reset()
    gate = evplugin.GATE
    async with sportello_app(["evtest"], PLUGINS, live=True) as h:
        fast(h.runtime)
        await h.token()
        try:
            slow = await emit("evtest.slow", {"n": 1}, "slow:1")
            await asyncio.wait_for(gate.entered.wait(), 20)  # the handler is running and blocked

            # A request that writes: it completes while the handler is still blocked.
            data = await asyncio.wait_for(
                h.ok(CREATE, {"input": {"displayName": "Walk-in while a handler waits"}}), 20
            )
            assert data["partyCreate"]["errors"] == []
            # Another handler's event is delivered meanwhile, too.
            other = await emit("evtest.thing.happened", {"n": 5}, "thing:5")
            await eventually(lambda: _is(_status("evtest.steady", other.id), "delivered"))
            assert evplugin.EFFECTS["steady"] == [5]

            assert not gate.release.is_set() and not gate.finished.is_set()
            assert await _status("evtest.slow", slow.id) == "pending"
            assert evplugin.EFFECTS["slow"] == []
        finally:
            gate.release.set()  # never leave the handler blocked, even on failure
        await eventually(lambda: _is(_status("evtest.slow", slow.id), "delivered"))
        assert evplugin.EFFECTS["slow"] == [1]


async def _is(value, expected):
    return (await value) == expected


async def test_handler_that_outlives_its_timeout_fails_and_is_parked(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        event = await emit("evtest.stuck", {}, "stuck:1")
        await eventually(lambda: _is(_status("evtest.stuck", event.id), "parked"))
        d = await EventDelivery.get(handler="evtest.stuck", event_id=event.id)
        log = await DeliveryAttempt.filter(delivery_id=d.id).order_by("number")
        assert [a.ok for a in log] == [False, False]
        assert all("TimeoutError" in a.error and "0.2s" in a.error for a in log)
        assert evplugin.CALLS[event.idempotency_key] == 2


async def test_timeout_inside_the_transaction_rolls_it_back_and_frees_the_database(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        event = await emit("evtest.stuck_tx", {}, "stuck:2")
        await eventually(lambda: _is(_status("evtest.stuck_tx", event.id), "parked"))
        assert evplugin.CALLS[event.idempotency_key] == 2
        assert not await Party.filter(display_name=f"never committed {event.id}").exists()
        # nothing is left holding the database: a write goes through
        data = await asyncio.wait_for(h.ok(CREATE, {"input": {"displayName": "After"}}), 20)
        assert data["partyCreate"]["errors"] == []


async def test_effects_in_event_transaction_happen_once(sportello_app):
    """Raising inside event.transaction() undoes the effects and the mark; raising after it
    leaves the delivery done: retried only in the first case, one row either way."""
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        inside = await emit("evtest.write", {"fail_inside": 2}, "write:1")
        after = await emit("evtest.write", {"fail_after": 1}, "write:2")
        for e in (inside, after):
            await eventually(lambda e=e: _is(_status("evtest.writer", e.id), "delivered"))

        assert await Party.filter(display_name=f"written by event {inside.id}").count() == 1
        d = await EventDelivery.get(handler="evtest.writer", event_id=inside.id)
        log = await DeliveryAttempt.filter(delivery_id=d.id).order_by("number")
        assert [a.ok for a in log] == [False, False, True]
        assert "inside 1" in log[0].error

        assert await Party.filter(display_name=f"written by event {after.id}").count() == 1
        d = await EventDelivery.get(handler="evtest.writer", event_id=after.id)
        log = await DeliveryAttempt.filter(delivery_id=d.id).order_by("number")
        # the failure after the committed transaction is logged, never retried
        assert [(a.ok, a.retry_at) for a in log] == [(False, None)] and "after 1" in log[0].error
        assert evplugin.CALLS[after.idempotency_key] == 1


async def test_a_second_run_of_an_applied_delivery_changes_nothing(sportello_app):
    """Two runs of one delivery (a leader change mid-delivery): the second one's
    event.transaction() finds the mark and its block does not run."""
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        event = await emit("evtest.write", {}, "write:3")
        await eventually(lambda: _is(_status("evtest.writer", event.id), "delivered"))
        d = await EventDelivery.get(handler="evtest.writer", event_id=event.id)
        duplicate = to_event(await OutboxEvent.get(id=event.id), delivery_id=d.id)
        core = h.runtime.state["events"]
        ok, error = await core._run_handler(core.handlers["evtest.writer"], duplicate)
        assert (ok, error) == (True, None)
        assert evplugin.CALLS[event.idempotency_key] == 2
        assert await Party.filter(display_name=f"written by event {event.id}").count() == 1
