"""Demo data: the demo users, then every enabled plugin's demo hook in dependency order;
running it twice changes nothing."""

from __future__ import annotations

import inspect
from typing import Any

from sportello.hookcall import call_each
from sportello.identity.demo import demo_password, ensure_demo_users, ensure_site_demo_users


async def load_demo(runtime: Any) -> list[str]:
    # Users first: demo data of an office may staff its units with them.
    password = demo_password(runtime)  # one for every demo user of this load
    lines = await ensure_demo_users(runtime, password)
    for owner, result in call_each(runtime.pm, "sportello_demo_data", runtime=runtime):
        if inspect.isawaitable(result):
            await result
        lines.append(f"demo data loaded: {owner}")
    # Users bound to a site, once the demo data made the sites.
    lines.extend(await ensure_site_demo_users(runtime, password))
    return lines
