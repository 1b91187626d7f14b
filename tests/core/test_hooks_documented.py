"""Every hook is documented in docs/plugins.md and exercised by the platform."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import everything_plugin
import pluggy

from sportello import hookspecs
from sportello.cli import build_parser
from sportello.plugins import call_each

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


async def test_every_hook_is_exercised(sportello_app) -> None:
    everything_plugin.CALLS.clear()
    async with sportello_app(["everything"], plugins=[everything_plugin]) as h:
        runtime = h.runtime
        assert (await h.ok("{ everything }"))["everything"] == "yes"
        assert (await h.client.get("/everything")).text == "everything"
        assert runtime.catalog.gettext("everything.hello", "it") == "Ciao"
        assert "everything.do" in runtime.roles["everyone"]
        commands = [c for _, cs in call_each(runtime.pm, "sportello_cli_commands") for c in cs]
        args = build_parser(commands).parse_args(["everything"])
        assert args.command == "everything"
        assert await commands[0].run(args, runtime) == 0
        from sportello.demo import load_demo

        await load_demo(runtime)
        party = await h.ok(
            'mutation { partyCreate(input: {displayName: "P"}) { party { id everythingFlag } } }'
        )
        assert party["partyCreate"]["party"]["everythingFlag"] is True
        await runtime.call_async("sportello_party_data", party_id=1)
        await runtime.call_async("sportello_party_erase", party_id=1)
        call_each(runtime.pm, "sportello_event_types")
        call_each(runtime.pm, "sportello_event_handlers")
    hooks = set(_specs())
    missing = hooks - set(everything_plugin.CALLS)
    assert not missing, f"hooks never called by the platform: {sorted(missing)}"
    assert isinstance(pluggy.PluginManager, type)
