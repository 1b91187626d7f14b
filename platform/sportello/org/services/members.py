"""Who works in a unit: active users of the unit's site (any site for organisation-wide units)."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from sportello.identity.audit import record
from sportello.org.models import Department, Member
from sportello.org.services._common import locked_unit, may_write, staff_at
from sportello.org.services.events import MEMBER_ADDED, MEMBER_REMOVED, member_event
from sportello.services import Actor, ServiceError, atomic


async def add_member(actor: Actor, department_id: int, user_id: int) -> Department:
    async with atomic():
        unit = await locked_unit(actor, department_id, "departmentId")
        may_write(actor, unit.site_id, "departmentId")
        if not unit.active:
            raise ServiceError("ARCHIVED", "org.archived", "departmentId")
        await staff_at(user_id, unit.site_id, "userId")
        if await Member.filter(department_id=unit.id, user_id=user_id).exists():
            raise ServiceError("CONFLICT", "org.already_member", "userId")
        try:
            async with atomic():
                await Member.create(department_id=unit.id, user_id=user_id)
        except IntegrityError:  # added by a concurrent request meanwhile
            raise ServiceError("CONFLICT", "org.already_member", "userId") from None
        await record(
            actor, "departmentMemberAdd", unit, after={"user_id": user_id}, site_id=unit.site_id
        )
        await member_event(MEMBER_ADDED, unit, user_id)
    return unit


async def remove_member(actor: Actor, department_id: int, user_id: int) -> Department:
    async with atomic():
        unit = await locked_unit(actor, department_id, "departmentId")
        may_write(actor, unit.site_id, "departmentId")
        removed = await Member.filter(department_id=unit.id, user_id=user_id).delete()
        if not removed:
            raise ServiceError("NOT_FOUND", "org.not_a_member", "userId")
        await record(
            actor,
            "departmentMemberRemove",
            unit,
            before={"user_id": user_id},
            site_id=unit.site_id,
        )
        await member_event(MEMBER_REMOVED, unit, user_id)
    return unit
