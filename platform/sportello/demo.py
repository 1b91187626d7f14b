"""Demo data: every enabled plugin's demo hook, in dependency order; running it twice changes nothing."""

from __future__ import annotations

import inspect
from typing import Any

from sportello.hookcall import call_each
from sportello.identity.demo import ensure_demo_users


async def load_demo(runtime: Any) -> list[str]:
    # Users first: demo data of an office may staff its units with them.
    lines = await ensure_demo_users(runtime)
    for owner, result in call_each(runtime.pm, "sportello_demo_data", runtime=runtime):
        if inspect.isawaitable(result):
            await result
        lines.append(f"demo data loaded: {owner}")
    return lines
