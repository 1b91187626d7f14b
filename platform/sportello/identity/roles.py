"""Roles defined through the API live in the database and join the composed role table.

Every worker re-reads them at most every ``REFRESH_SECONDS`` (on the next authenticated
request), so a role changed through one worker reaches the others soon after.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sportello.contract import RoleSpec
from sportello.identity.models import Role

if TYPE_CHECKING:
    from sportello.runtime import Runtime

BUILTIN = ("admin", "front_desk", "back_office", "manager", "auditor")
REFRESH_SECONDS = 10.0
_STATE = "identity.custom_roles"


async def load_custom_roles(runtime: Runtime) -> None:
    """(Re)load the API-defined roles; roles deleted elsewhere disappear from this worker too."""
    rows = await Role.all()
    previous: set[str] = runtime.state.get(_STATE, (set(), 0.0))[0]
    for name in previous - {r.name for r in rows}:
        runtime.roles.pop(name, None)
    for role in rows:
        runtime.add_role(RoleSpec(role.name, tuple(role.permissions), role.description))
    runtime.state[_STATE] = ({r.name for r in rows}, time.monotonic())


async def refresh_custom_roles(runtime: Runtime) -> None:
    _, loaded_at = runtime.state.get(_STATE, (set(), 0.0))
    if time.monotonic() - loaded_at >= REFRESH_SECONDS:
        await load_custom_roles(runtime)
