"""Creating, changing, archiving and deleting units: the tree keeps no cycle, and a child
works at its parent's site (or under an organisation-wide parent)."""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError

from sportello.identity.audit import record
from sportello.org.models import KINDS, Department, Member
from sportello.org.services._common import (
    CODE_MAX,
    MAX_DEPTH,
    NAME_MAX,
    column,
    lock_tree,
    locked_unit,
    may_write,
    staff_at,
    visible,
    works_at,
)
from sportello.org.services.events import CREATED, DELETED, UPDATED, unit_event
from sportello.parties.models import Site
from sportello.services import Actor, Problem, ServiceError, atomic

UNIT_FIELDS = ("name", "code", "kind", "parent_id", "site_id", "manager_id", "active")
#: Marks "not given" in update_department (None means "clear it").
KEEP: Any = object()


def _clean(values: dict[str, Any], problems: list[Problem]) -> None:
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            problems.append(Problem("REQUIRED", "core.required", "name"))
        elif len(values["name"]) > NAME_MAX:
            problems.append(Problem("INVALID", "org.too_long", "name", {"max": NAME_MAX}))
    if "code" in values:
        code = (values["code"] or "").strip().upper() or None
        values["code"] = code
        if code is not None and len(code) > CODE_MAX:
            problems.append(Problem("INVALID", "org.too_long", "code", {"max": CODE_MAX}))
    if "kind" in values and values["kind"] not in KINDS:
        problems.append(Problem("INVALID", "org.invalid_kind", "kind"))


async def create_department(
    actor: Actor,
    name: str,
    *,
    site_id: int | None = None,
    parent_id: int | None = None,
    kind: str = "department",
    code: str | None = None,
    manager_id: int | None = None,
) -> Department:
    """A new unit; under ``parent_id`` it must work at the parent's site or the parent must be
    organisation-wide."""
    values: dict[str, Any] = {"name": name, "code": code, "kind": kind}
    problems: list[Problem] = []
    _clean(values, problems)
    if problems:
        raise ServiceError("INVALID", problems=problems)
    may_write(actor, site_id)
    async with atomic() as conn:
        await lock_tree(conn)
        if site_id is not None and not await Site.filter(id=site_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
        if parent_id is not None:
            parent = await _parent(actor, parent_id)
            _check_site(parent, site_id)
            await _check_depth(parent)
        await _check_code(values["code"], parent_id, None)
        if manager_id is not None:
            await staff_at(manager_id, site_id, "managerId")
        unit = await Department.create(
            **values, site_id=site_id, parent_id=parent_id, manager_id=manager_id
        )
        await record(
            actor,
            "departmentCreate",
            unit,
            after={f: getattr(unit, f) for f in UNIT_FIELDS},
            site_id=site_id,
        )
        await unit_event(CREATED, unit)
    return unit


async def update_department(
    actor: Actor,
    department_id: int,
    *,
    name: str | None = None,
    code: Any = KEEP,
    kind: str | None = None,
    site_id: Any = KEEP,
    parent_id: Any = KEEP,
    manager_id: Any = KEEP,
    active: bool | None = None,
) -> Department:
    """Change a unit. ``KEEP`` (the default) leaves a nullable field as it is; ``None`` clears
    it (no parent: a top unit; no site: organisation-wide; no manager). ``active=False``
    archives the unit (refused while it has active units under it)."""
    changes: dict[str, Any] = {
        k: v
        for k, v in {
            "name": name,
            "kind": kind,
            "active": active,
        }.items()
        if v is not None
    }
    for key, value in (
        ("code", code),
        ("site_id", site_id),
        ("parent_id", parent_id),
        ("manager_id", manager_id),
    ):
        if value is not KEEP:
            changes[key] = value
    problems: list[Problem] = []
    _clean(changes, problems)
    if problems:
        raise ServiceError("INVALID", problems=problems)
    async with atomic() as conn:
        await lock_tree(conn)
        unit = await locked_unit(actor, department_id)
        may_write(actor, unit.site_id, "id")
        before = {f: getattr(unit, f) for f in UNIT_FIELDS}
        after = {**before, **changes}
        if after["site_id"] != before["site_id"]:
            may_write(actor, after["site_id"])
            if after["site_id"] is not None and not await Site.filter(id=after["site_id"]).exists():
                raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
            await _check_children_sites(unit.id, after["site_id"])
            await _check_members_sites(unit.id, after["site_id"])
        if after["parent_id"] is not None and (
            after["parent_id"] != before["parent_id"] or after["site_id"] != before["site_id"]
        ):
            parent = await _parent(actor, after["parent_id"])
            await _check_not_below(unit.id, parent)
            _check_site(parent, after["site_id"])
            if after["parent_id"] != before["parent_id"]:
                await _check_depth(parent, await _height(unit.id))
        if (after["code"], after["parent_id"]) != (before["code"], before["parent_id"]):
            await _check_code(after["code"], after["parent_id"], unit.id)
        if after["manager_id"] is not None and (
            after["manager_id"] != before["manager_id"] or after["site_id"] != before["site_id"]
        ):
            await staff_at(after["manager_id"], after["site_id"], "managerId")
        if after["active"] != before["active"]:
            await _check_archive(unit, bool(after["active"]))
        changed = [f for f in UNIT_FIELDS if before[f] != after[f]]
        if changed:
            for f in changed:
                setattr(unit, f, after[f])
            await unit.save(update_fields=changed)
            await record(
                actor,
                "departmentUpdate",
                unit,
                before={f: before[f] for f in changed},
                after={f: after[f] for f in changed},
                site_id=unit.site_id,
            )
            await unit_event(UPDATED, unit, changed)
    return unit


async def delete_department(actor: Actor, department_id: int) -> int:
    """Delete a unit that has no units under it and no members; archive it otherwise."""
    async with atomic() as conn:
        await lock_tree(conn)
        unit = await locked_unit(actor, department_id)
        may_write(actor, unit.site_id, "id")
        if await Department.filter(parent_id=unit.id).exists():
            raise ServiceError("HAS_CHILDREN", "org.has_children", "id")
        if await Member.filter(department_id=unit.id).exists():
            raise ServiceError("HAS_MEMBERS", "org.has_members", "id")
        snapshot = {f: getattr(unit, f) for f in UNIT_FIELDS}
        try:
            async with atomic():
                await unit.delete()
        except IntegrityError:
            # an office's record (a ticket, a clock, a calendar) still points at the unit
            raise ServiceError("IN_USE", "org.in_use", "id") from None
        await record(
            actor,
            "departmentDelete",
            object_type="Department",
            object_id=department_id,
            before=snapshot,
            site_id=snapshot["site_id"],
        )
        await unit_event(DELETED, unit)
    return department_id


async def _parent(actor: Actor, parent_id: int) -> Department:
    parent: Department | None = await visible(Department.filter(id=parent_id), actor).first()
    if parent is None:
        raise ServiceError("NOT_FOUND", "core.not_found", "parentId")
    if not parent.active:
        raise ServiceError("PARENT_ARCHIVED", "org.parent_archived", "parentId")
    return parent


def _check_site(parent: Department, site_id: int | None) -> None:
    if parent.site_id is not None and parent.site_id != site_id:
        raise ServiceError("SITE_MISMATCH", "org.site_mismatch", "siteId")


async def _ancestors(parent: Department) -> list[int]:
    """Ids from ``parent`` up to its top unit (bounded: a cycle left by hand stops it)."""
    chain = [parent.id]
    current = parent.parent_id
    while current is not None and len(chain) <= MAX_DEPTH + 1 and current not in chain:
        chain.append(current)
        rows = await column(Department.filter(id=current), "parent_id")
        current = rows[0] if rows else None
    return chain


async def _check_not_below(unit_id: int, parent: Department) -> None:
    if unit_id in await _ancestors(parent):
        raise ServiceError("CYCLE", "org.cycle", "parentId")


async def _height(unit_id: int) -> int:
    """Levels below the unit (0 for a unit without children)."""
    level, height = [unit_id], 0
    while height <= MAX_DEPTH:
        level = await column(Department.filter(parent_id__in=level), "id")
        if not level:
            break
        height += 1
    return height


async def _check_depth(parent: Department, below: int = 0) -> None:
    if len(await _ancestors(parent)) + 1 + below > MAX_DEPTH:
        raise ServiceError("TOO_DEEP", "org.too_deep", "parentId", max=MAX_DEPTH)


async def _check_code(code: str | None, parent_id: int | None, unit_id: int | None) -> None:
    if code is None:
        return
    qs = Department.filter(code=code, parent_id=parent_id)
    if unit_id is not None:
        qs = qs.exclude(id=unit_id)
    if await qs.exists():
        raise ServiceError("CONFLICT", "org.code_taken", "code")


async def _check_children_sites(unit_id: int, site_id: int | None) -> None:
    if site_id is None:
        return
    if await Department.filter(parent_id=unit_id).exclude(site_id=site_id).exists():
        raise ServiceError("SITE_MISMATCH", "org.children_elsewhere", "siteId")
    if await Department.filter(parent_id=unit_id, site_id__isnull=True).exists():
        raise ServiceError("SITE_MISMATCH", "org.children_elsewhere", "siteId")


async def _check_members_sites(unit_id: int, site_id: int | None) -> None:
    if site_id is None:
        return
    members = await Member.filter(department_id=unit_id).prefetch_related("user")
    if any(not works_at(m.user, site_id) for m in members):
        raise ServiceError("USER_NOT_AT_SITE", "org.members_elsewhere", "siteId")


async def _check_archive(unit: Department, active: bool) -> None:
    if not active:
        if await Department.filter(parent_id=unit.id, active=True).exists():
            raise ServiceError("HAS_CHILDREN", "org.has_active_children", "active")
    elif unit.parent_id is not None:
        if not await Department.filter(id=unit.parent_id, active=True).exists():
            raise ServiceError("PARENT_ARCHIVED", "org.parent_archived", "active")
