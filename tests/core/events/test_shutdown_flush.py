"""Stopping flushes the dispatcher: an event committed just before the stop is delivered by
this process, not left for the next one."""

from __future__ import annotations

import evplugin
from evhelpers import emit

from sportello.app import create_app
from sportello.settings import Settings
from sportello.testing import drop_database, prepare_database


async def test_stop_delivers_what_the_last_request_committed(backend, tmp_path) -> None:
    evplugin.reset()
    url = await prepare_database(backend, ["evtest"], [evplugin], tmp_path)
    app = create_app(Settings(database_url=url, modules={"evtest": {}}), [evplugin])
    runtime = app.state.runtime
    try:
        await runtime.start()
        core = runtime.state["events"]
        core._loop_task.cancel()  # the loop does not come round again before the stop
        await emit("evtest.thing.happened", {"n": 7}, "thing:7")
        assert evplugin.EFFECTS["steady"] == []
        await runtime.stop()
        assert evplugin.EFFECTS["steady"] == [7]
    finally:
        await drop_database(url)
