"""What offices ask when they route work to a unit (exported by ``sportello.api``).

Each function runs in the caller's transaction when there is one, in a fixed number of
queries (``nested`` walks one query per level)."""

from __future__ import annotations

from tortoise.expressions import Q

from sportello.org.models import Department, Member
from sportello.org.services._common import MAX_DEPTH, column


async def department_exists(department_id: int, site_id: int | None = None) -> bool:
    """True for an active unit that can take work at ``site_id``: one of that site or an
    organisation-wide one (any active unit when ``site_id`` is None)."""
    qs = Department.filter(id=department_id, active=True)
    if site_id is not None:
        qs = qs.filter(Q(site_id__isnull=True) | Q(site_id=site_id))
    return bool(await qs.exists())


async def department_member_ids(department_id: int, *, nested: bool = False) -> list[int]:
    """Ids of the active users who work in the unit: its members and its manager; with
    ``nested``, those of the active units under it as well. Sorted, without repeats."""
    units = [department_id]
    if nested:
        units = await _with_descendants(department_id)
    members = await column(Member.filter(department_id__in=units, user__is_active=True), "user_id")
    managers = await column(
        Department.filter(id__in=units, manager_id__isnull=False, manager__is_active=True),
        "manager_id",
    )
    return sorted({int(i) for i in [*members, *managers] if i is not None})


async def department_manager_ids(department_id: int) -> list[int]:
    """The unit's manager; when it has none (or the account is inactive), the nearest
    manager above it. Empty when no unit on the way has one."""
    current: int | None = department_id
    seen: set[int] = set()
    while current is not None and current not in seen and len(seen) <= MAX_DEPTH:
        seen.add(current)
        rows = await Department.filter(id=current).values(
            "parent_id", "manager_id", "manager__is_active"
        )
        if not rows:
            break
        row = rows[0]
        if row["manager_id"] is not None and row["manager__is_active"]:
            return [int(row["manager_id"])]
        current = row["parent_id"]
    return []


async def user_department_ids(user_id: int) -> list[int]:
    """The active units a user works in, as a member or as their manager."""
    ids = await column(
        Department.filter(Q(members__user_id=user_id) | Q(manager_id=user_id), active=True), "id"
    )
    return sorted({int(i) for i in ids})


async def _with_descendants(department_id: int) -> list[int]:
    found = [department_id]
    level = [department_id]
    for _ in range(MAX_DEPTH):
        level = [
            int(i)
            for i in await column(Department.filter(parent_id__in=level, active=True), "id")
            if i not in found
        ]
        if not level:
            break
        found.extend(level)
    return found
