from __future__ import annotations

import evplugin
from evhelpers import emit, eventually, fast

from sportello.events.models import DeliveryAttempt, EventDelivery
from sportello.services import atomic

PLUGINS = [evplugin]


async def _delivery(handler: str, event_id: int) -> EventDelivery | None:
    return await EventDelivery.get_or_none(handler=handler, event_id=event_id)


async def test_handler_raising_twice_then_succeeding_applies_once(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        evplugin.FAIL_FIRST["thing:1"] = 2
        event = await emit("evtest.thing.happened", {"n": 1}, "thing:1")

        async def done():
            d = await _delivery("evtest.flaky", event.id)
            return d if d and d.status == "delivered" else None

        d = await eventually(done)
        assert d.attempts == 3
        assert evplugin.CALLS[event.idempotency_key] == 3
        assert evplugin.EFFECTS[event.idempotency_key] == [("flaky", {"n": 1})]
        log = await DeliveryAttempt.filter(delivery_id=d.id).order_by("number")
        assert [a.ok for a in log] == [False, False, True]
        assert "boom 1" in log[0].error
        # the other handler of the same event was not held back by the failing one
        assert evplugin.EFFECTS["steady"] == [1]


async def test_rollback_publishes_nothing(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        try:
            async with atomic():
                await __import__("sportello.events", fromlist=["publish"]).publish(
                    "evtest.thing.happened", {"n": 99}, aggregate="thing:x"
                )
                raise RuntimeError("change failed")
        except RuntimeError:
            pass
        await emit("evtest.thing.happened", {"n": 2}, "thing:2")
        await eventually(lambda: _async(evplugin.EFFECTS["steady"]))
        assert evplugin.EFFECTS["steady"] == [2]


async def _async(value):
    return value


async def test_failing_handler_is_parked_and_replayed(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        event = await emit("evtest.doomed", {}, "doom:1")

        async def parked():
            d = await _delivery("evtest.always_fails", event.id)
            return d if d and d.status == "parked" else None

        d = await eventually(parked)
        assert d.attempts == 3 and d.parked_at is not None and "never works" in d.last_error

        data = await h.ok(
            """query { eventDeliveries(first: 10, status: "parked") {
                edges { node { id handler status attempts lastError
                               event { name aggregate } } } } }"""
        )
        nodes = [e["node"] for e in data["eventDeliveries"]["edges"]]
        assert [n["handler"] for n in nodes] == ["evtest.always_fails"]
        one = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on EventDelivery { attemptLog { number ok } } } }",
            {"id": nodes[0]["id"]},
        )
        assert [a["number"] for a in one["node"]["attemptLog"]] == [1, 2, 3]
        assert nodes[0]["event"] == {"name": "evtest.doomed", "aggregate": "doom:1"}

        # a front desk user cannot see or replay
        res = await h.gql(
            "query { eventDeliveries(first: 1) { edges { node { id } } } }", as_="front_desk"
        )
        assert res["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

        data = await h.ok(
            """mutation($input: EventReplayInput!) { eventReplay(input: $input) {
                deliveries { status attempts } errors { field code message } } }""",
            {"input": {"id": nodes[0]["id"]}},
        )
        assert data["eventReplay"]["errors"] == []
        assert data["eventReplay"]["deliveries"][0]["attempts"] == 0
        d = await eventually(parked)
        assert d.attempts == 3
        assert await DeliveryAttempt.filter(delivery_id=d.id).count() == 6


async def test_order_per_aggregate_waits_for_the_failing_event(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        evplugin.FAIL_FIRST["thing:7"] = 2
        first = await emit("evtest.thing.happened", {"n": 1}, "thing:7")
        second = await emit("evtest.thing.happened", {"n": 2}, "thing:7")

        async def both():
            a = await _delivery("evtest.flaky", first.id)
            b = await _delivery("evtest.flaky", second.id)
            ok = a and b and a.status == b.status == "delivered"
            return (a, b) if ok else None

        a, b = await eventually(both)
        assert a.delivered_at <= b.delivered_at
        # event 2 was never tried before event 1 succeeded
        first_try_b = await DeliveryAttempt.filter(delivery_id=b.id).order_by("id").first()
        assert first_try_b.started_at >= a.delivered_at


async def test_runtime_stopped_before_dispatch_delivers_after_restart(backend, tmp_path):
    """Commit, die before delivery, start a new runtime on the same database: delivered."""
    from sportello.app import create_app
    from sportello.events.bus import EventsCore
    from sportello.runtime import Runtime
    from sportello.settings import Settings
    from sportello.testing import drop_database, prepare_database

    evplugin.reset()
    url = await prepare_database(backend, ["evtest"], PLUGINS, tmp_path)
    try:
        settings = Settings(database_url=url, modules={"evtest": {}})
        original_start = EventsCore.start

        async def no_dispatch(self):  # the process "dies" before the dispatcher runs
            self.collect()

        EventsCore.start = no_dispatch  # type: ignore[method-assign]
        try:
            first = Runtime(settings, PLUGINS)
            await first.start()
            first.state["events"].waker = None
            event = await emit("evtest.thing.happened", {"n": 5}, "thing:5")
            await first.stop()
        finally:
            EventsCore.start = original_start  # type: ignore[method-assign]
        assert evplugin.EFFECTS["steady"] == []

        app = create_app(settings, PLUGINS)
        second = app.state.runtime
        await second.start()
        try:
            fast(second)
            d = await eventually(lambda: _delivered("evtest.steady", event.id))
            assert d.attempts == 1
            assert evplugin.EFFECTS["steady"] == [5]
        finally:
            await second.stop()
    finally:
        await drop_database(url)


async def _delivered(handler: str, event_id: int):
    d = await _delivery(handler, event_id)
    return d if d and d.status == "delivered" else None
