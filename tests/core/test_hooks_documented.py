"""Every hook is documented in docs/plugins.md and called by the platform itself.

A recording plugin implements every hook; the test only drives what users drive (the
``sportello`` command, the HTTP API, the server's start and stop) and then checks that each
hook was called and that its contribution was used.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from pathlib import Path

import hook_recorder
import pytest

from sportello import cli, hookspecs, plugins
from sportello.testing import drop_database, prepare_database, running_app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def _specs() -> dict[str, list[str]]:
    return {
        name: list(inspect.signature(fn).parameters)
        for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("sportello_")
    }


def test_every_hook_is_documented_with_its_arguments() -> None:
    headings = dict(re.findall(r"^### (sportello_\w+)\(([^)]*)\)$", DOCS.read_text(), re.M))
    for name, args in _specs().items():
        assert name in headings, f"{name} has no '### {name}(...)' heading in docs/plugins.md"
        documented = [a.strip() for a in headings[name].split(",") if a.strip()]
        assert documented == args, f"{name}: docs say ({headings[name]}), the spec takes {args}"
    assert set(headings) <= set(_specs()), "docs/plugins.md documents hooks that do not exist"


async def _through_the_api(backend: str, workdir: Path) -> None:
    async with running_app(backend, ["recorder"], [hook_recorder], workdir=workdir) as h:
        assert (await h.ok("{ recorder }"))["recorder"] == "yes"
        assert (await h.client.get("/recorder")).text == "recorder"
        sdl = h.runtime.schema.as_str()
        assert "type RecorderExtra" in sdl and "recorderTicks" in sdl
        data = await h.ok("{ permissions { code } roles { name permissions } }")
        assert "recorder.do" in {p["code"] for p in data["permissions"]}
        assert {"name": "recording", "permissions": ["recorder.do"]} in data["roles"]
        assert h.runtime.catalog.gettext("recorder.hello", "it") == "Ciao"
        kinds = await h.ok("{ notificationKinds { name office } }")
        assert {"name": "recorder.pinged", "office": "recorder"} in kinds["notificationKinds"]

        assert (await h.ok("mutation { recorderTouch }"))["recorderTouch"] is True
        for _ in range(400):  # the platform's dispatcher runs the recorder's handler
            if "handler-ran:True" in hook_recorder.TRACES:
                break
            await asyncio.sleep(0.05)
        assert "handler-ran:True" in hook_recorder.TRACES
        assert "staff:True:False" in hook_recorder.TRACES

        made = await h.ok(
            'mutation { partyCreate(input: {displayName: "Pat"}) { party { id recorderFlag } } }'
        )
        party = made["partyCreate"]["party"]
        assert party["recorderFlag"] is True
        exported = await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": party["id"]})
        assert exported["partyDataExport"]["offices"]["recorder"]["recorded"] > 0
        erased = await h.ok(
            """mutation($input: PartyEraseInput!) {
                 partyErase(input: $input) { reports { plugin erased } errors { code } } }""",
            {"input": {"id": party["id"]}},
        )
        reports = {r["plugin"]: r["erased"] for r in erased["partyErase"]["reports"]}
        assert reports["recorder"][0].startswith("recorder_note.party_")

        pair = []
        for name in ("Sam", "Sam twice"):
            made = await h.ok(
                "mutation($n: String!) { partyCreate(input: {displayName: $n}) { party { id } } }",
                {"n": name},
            )
            pair.append(made["partyCreate"]["party"]["id"])
        merged = await h.ok(
            """mutation($input: PartyMergeInput!) {
                 partyMerge(input: $input) { party { id } errors { code } } }""",
            {"input": {"sourceId": pair[1], "targetId": pair[0]}},
        )
        assert merged["partyMerge"] == {"party": {"id": pair[0]}, "errors": []}
        assert any(t.startswith("merged:") for t in hook_recorder.TRACES)


def test_every_hook_is_called_by_the_platform(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook_recorder.reset()
    # "Installed": discovery finds the recorder as it would find an entry point.
    discover = plugins.discover
    monkeypatch.setattr(
        plugins, "discover", lambda explicit=(): discover([*explicit, hook_recorder])
    )
    url = asyncio.run(prepare_database(backend, ["recorder"], [hook_recorder], tmp_path))
    try:
        config = tmp_path / "recorder.toml"
        config.write_text(f'database_url = "{url}"\n\n[modules.recorder]\n')
        # the command line: a plugin's command (on a started runtime) and the demo loader
        assert cli.main(["--config", str(config), "recorder-ping"]) == 0
        assert "command-ran:True" in hook_recorder.TRACES
        assert cli.main(["--config", str(config), "demo", "load"]) == 0
        assert "demo-ran" in hook_recorder.TRACES
    finally:
        asyncio.run(drop_database(url))
    # the server: start, requests, stop
    asyncio.run(_through_the_api(backend, tmp_path))

    missing = set(_specs()) - set(hook_recorder.CALLS)
    assert not missing, f"hooks never called by the platform: {sorted(missing)}"
