"""Custom roles live both in the database and in the running registry: their writes update
the two together, and nothing else writes either."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sportello.contract import RoleSpec
from sportello.identity.audit import record
from sportello.identity.models import Role
from sportello.identity.services.grants import _check_permissions
from sportello.services import Actor, ServiceError, atomic

if TYPE_CHECKING:
    from sportello.runtime import Runtime

ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


async def create_role(
    actor: Actor, runtime: Runtime, name: str, permissions: list[str], description: str = ""
) -> Role:
    name = name.strip()
    if not ROLE_NAME.match(name):
        raise ServiceError("INVALID", "identity.invalid_role_name", "name")
    _check_permissions(actor, runtime, permissions)
    async with atomic():
        if name in runtime.roles or await Role.filter(name=name).exists():
            raise ServiceError("CONFLICT", "identity.role_taken", "name")
        role = await Role.create(
            name=name, permissions=sorted(set(permissions)), description=description
        )
        await record(
            actor, "roleCreate", role, after={"name": name, "permissions": role.permissions}
        )
    runtime.add_role(RoleSpec(role.name, tuple(role.permissions), role.description))
    runtime.state.setdefault("identity.custom_roles", (set(), 0.0))[0].add(role.name)
    return role


async def update_role(
    actor: Actor,
    runtime: Runtime,
    name: str,
    permissions: list[str] | None = None,
    description: str | None = None,
) -> Role:
    if permissions is not None:
        _check_permissions(actor, runtime, permissions)
    async with atomic():
        role = await Role.get_or_none(name=name)
        if role is None:
            code = "FORBIDDEN" if name in runtime.roles else "NOT_FOUND"
            key = "identity.builtin_role" if name in runtime.roles else "identity.not_found"
            raise ServiceError(code, key, "name")
        before = {"permissions": role.permissions, "description": role.description}
        if permissions is not None:
            role.permissions = sorted(set(permissions))
        if description is not None:
            role.description = description
        await role.save()
        after = {"permissions": role.permissions, "description": role.description}
        await record(actor, "roleUpdate", role, before=before, after=after)
    runtime.add_role(RoleSpec(role.name, tuple(role.permissions), role.description))
    return role


async def delete_role(actor: Actor, runtime: Runtime, name: str) -> None:
    async with atomic():
        role = await Role.get_or_none(name=name)
        if role is None:
            code = "FORBIDDEN" if name in runtime.roles else "NOT_FOUND"
            key = "identity.builtin_role" if name in runtime.roles else "identity.not_found"
            raise ServiceError(code, key, "name")
        await record(
            actor, "roleDelete", role, before={"name": name, "permissions": role.permissions}
        )
        await role.delete()
    runtime.roles.pop(name, None)
    runtime.state.get("identity.custom_roles", (set(), 0.0))[0].discard(name)
