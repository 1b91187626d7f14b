"""Shift swaps: an employee hands a shift to a colleague (or exchanges it for one of the
colleague's), the manager approves; the checks run again for both people on approval."""

from __future__ import annotations

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import events as ev
from sportello_hr.services import shifts
from sportello_hr.services._common import (
    MANAGE,
    manager_user_ids,
    may_decide,
    not_found,
    now,
    own_employee,
    visible_employee,
)

REQUESTED = api.NotificationKind(
    name="hr.shift_swap_requested",
    title="Shift swap to decide",
    audience="staff",
    channels=("email", "in_app"),
    params=("employee", "start", "station", "other"),
    description="Sent to the employee's manager when a shift swap waits for a decision.",
)


async def request(
    actor: api.Actor, shift_id: int, colleague_id: int, other_shift_id: int | None = None
) -> m.ShiftSwap:
    async with api.atomic():
        shift = await m.Shift.filter(id=shift_id).first()
        if shift is None or not actor.may_see_site(shift.site_id):
            raise not_found("shiftId")
        if not actor.has(MANAGE):
            own = await own_employee(actor)
            if own is None or own.id != shift.employee_id:
                raise api.ServiceError("FORBIDDEN", "hr.own_shifts_only", "shiftId")
        if shift.start <= now():
            raise api.ServiceError("INVALID_TRANSITION", "hr.shift_begun", "shiftId")
        holder = await visible_employee(actor, shift.employee_id, "shiftId")
        colleague = await visible_employee(actor, colleague_id, "colleagueId")
        if colleague.id == holder.id:
            raise api.ServiceError("INVALID", "hr.swap_with_self", "colleagueId")
        if other_shift_id is not None:
            other = await m.Shift.filter(id=other_shift_id, employee_id=colleague.id).first()
            if other is None:
                raise not_found("otherShiftId")
        if await m.ShiftSwap.exists(shift_id=shift.id, status=m.PENDING):
            raise api.ServiceError("CONFLICT", "hr.swap_pending", "shiftId")
        swap = await m.ShiftSwap.create(
            shift_id=shift.id,
            colleague_id=colleague.id,
            other_shift_id=other_shift_id,
            requester_id=holder.id,
            site_id=shift.site_id,
        )
        await api.record(
            actor,
            "shiftSwapRequest",
            swap,
            after={"shift_id": shift.id, "colleague_id": colleague.id, "other": other_shift_id},
        )
        deciders = sorted(await manager_user_ids(holder))
        if deciders:
            station = await m.Station.get(id=shift.station_id)
            names = dict(
                await api.PartyModel.filter(
                    id__in=[holder.party_id, colleague.party_id]
                ).values_list("id", "display_name")
            )
            await api.notify(
                REQUESTED.name,
                user_ids=deciders,
                site_id=shift.site_id,
                params={
                    "employee": names.get(holder.party_id, ""),
                    "start": shift.start.isoformat(timespec="minutes"),
                    "station": station.name,
                    "other": names.get(colleague.party_id, ""),
                },
                key=f"hr-swap:{swap.id}",
            )
    return swap


async def decide(actor: api.Actor, swap_id: int, *, approve: bool) -> m.ShiftSwap:
    operation = "shiftSwapApprove" if approve else "shiftSwapReject"
    async with api.atomic():
        found = await m.ShiftSwap.filter(id=swap_id).first()
        if found is None or not actor.may_see_site(found.site_id):
            raise not_found("id")
        # Both people locked, in id order (as every roster and leave write).
        first, second = sorted((found.requester_id, found.colleague_id))
        locked = {
            e.id: e
            for e in [
                await visible_employee(actor, first, "id", lock=True),
                await visible_employee(actor, second, "id", lock=True),
            ]
        }
        swap = await m.ShiftSwap.filter(id=swap_id).select_for_update().first()
        if swap is None:
            raise not_found("id")
        holder, colleague = locked[swap.requester_id], locked[swap.colleague_id]
        if not await may_decide(actor, holder):
            raise api.ServiceError("FORBIDDEN", "hr.not_the_manager", "id")
        if swap.status != m.PENDING:
            raise api.ServiceError("INVALID_TRANSITION", "hr.invalid_transition", "id")
        if approve:
            await _apply(swap, holder, colleague)
        swap.status = m.APPROVED if approve else m.REJECTED
        swap.decided_by_user_id = actor.user_id
        swap.decided_at = now()
        await swap.save(update_fields=["status", "decided_by_user_id", "decided_at"])
        await api.record(actor, operation, swap, after={"status": swap.status})
        await api.notify_cancel(f"hr-swap:{swap.id}")
    return swap


async def _apply(swap: m.ShiftSwap, holder: m.Employee, colleague: m.Employee) -> None:
    shift = await m.Shift.filter(id=swap.shift_id).first()
    if shift is None or shift.employee_id != holder.id:
        raise api.ServiceError("INVALID_TRANSITION", "hr.invalid_transition", "id")
    other = None
    if swap.other_shift_id is not None:
        other = await m.Shift.filter(id=swap.other_shift_id).first()
        if other is None or other.employee_id != colleague.id:
            raise api.ServiceError("INVALID_TRANSITION", "hr.invalid_transition", "id")
    moving = (shift.id,) + ((other.id,) if other else ())
    problems = await shifts.recheck(colleague, shift, ignore=moving)
    if other is not None:
        problems += await shifts.recheck(holder, other, ignore=moving)
    if problems:
        code, key = problems[0]
        raise api.ServiceError(code, key, "id")
    await m.Shift.filter(id=shift.id).update(employee_id=colleague.id)
    if other is not None:
        await m.Shift.filter(id=other.id).update(employee_id=holder.id)
    for moved in await m.Shift.filter(id__in=list(moving)):
        await shifts.publish(ev.SHIFT_ASSIGNED, moved)
