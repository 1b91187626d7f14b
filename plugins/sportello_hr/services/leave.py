"""Leave: requests in days or half days, the balance they draw on, approval by the manager,
rejection and cancellation.

Correctness under concurrency
    Every request, decision and cancellation of an employee runs under a lock on the
    employee's row (taken first), then on the allocation's row (the balance). Within that,
    the balance check and the overlap check read committed values, so twenty requests racing
    against a balance of three days get three through at most, and two requests of one
    employee never hold the same half day. On PostgreSQL an exclusion constraint on the
    half-day slots of pending and approved requests (migration 0002) backs the overlap rule
    in the database itself; on SQLite the single connection serialises the transactions.

Across New Year
    A request from December into January holds each year's working days on that year's
    allocation (``allocation``: the first year's, ``next_allocation`` and ``next_days``: the
    next year's), each balance checked on its own; both are locked in year order inside the
    one transaction, so a refusal in either year leaves nothing held in the other.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import events as ev
from sportello_hr.services import workdays
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
    name="hr.leave_requested",
    title="Leave request to decide",
    audience="staff",
    channels=("email", "in_app"),
    params=("employee", "leave_type", "start", "end", "days"),
    description="Sent to the employee's manager when a leave request waits for a decision.",
)
APPROVED = api.NotificationKind(
    name="hr.leave_approved",
    title="Leave request approved",
    audience="staff",
    channels=("email", "in_app"),
    params=("leave_type", "start", "end", "days"),
    description="Sent to the employee when their leave request is approved.",
)
REJECTED = api.NotificationKind(
    name="hr.leave_rejected",
    title="Leave request rejected",
    audience="staff",
    channels=("email", "in_app"),
    params=("leave_type", "start", "end", "days"),
    description="Sent to the employee when their leave request is rejected.",
)
#: The PostgreSQL exclusion constraint of migration 0002.
NO_OVERLAP = "hr_leave_request_no_overlap"
#: The longest request, in calendar days.
MAX_SPAN_DAYS = 366


def accrued(allocation: m.LeaveAllocation, on: dt.date) -> Decimal:
    """Days available by ``on``: all of them for a yearly allocation, a twelfth per month
    begun for a monthly one (rounded down to half days)."""
    days = Decimal(allocation.days)
    if allocation.accrual != m.MONTHLY or on.year > allocation.year:
        return days
    if on.year < allocation.year:
        return Decimal(0)
    halves = int(days * 2 * on.month / 12)
    return Decimal(halves) / 2


def available(allocation: m.LeaveAllocation, on: dt.date) -> Decimal:
    return accrued(allocation, on) - Decimal(allocation.used) - Decimal(allocation.pending)


async def _decider_ids(employee: m.Employee) -> list[int]:
    return sorted(await manager_user_ids(employee))


async def _publish(name: str, request: m.LeaveRequest, type_code: str, site_id: int) -> None:
    await api.publish(
        name,
        ev.LeaveEvent(
            leave_request_id=request.id,
            employee_id=request.employee_id,
            leave_type=type_code,
            start=request.start,
            end=request.end,
            days=float(request.days),
            status=request.status,
        ),
        aggregate=f"employee:{request.employee_id}",
        site_id=site_id,
    )


def _params(request: m.LeaveRequest, leave_type: m.LeaveType) -> dict[str, str]:
    return {
        "leave_type": leave_type.name,
        "start": request.start.isoformat(),
        "end": request.end.isoformat(),
        "days": f"{Decimal(request.days).normalize():f}",
    }


async def _requester(actor: api.Actor, employee_id: int) -> m.Employee:
    """Employees ask for themselves; HR (hr.manage) for anyone at its sites."""
    if actor.has(MANAGE):
        return await visible_employee(actor, employee_id, lock=True)
    own = await own_employee(actor)
    if own is None or own.id != employee_id:
        raise api.ServiceError("FORBIDDEN", "hr.own_leave_only", "employeeId")
    return await visible_employee(actor, employee_id, lock=True)


async def request(
    actor: api.Actor,
    employee_id: int,
    leave_type_id: int,
    start: dt.date,
    end: dt.date,
    *,
    half_day_start: bool = False,
    half_day_end: bool = False,
    note: str = "",
) -> m.LeaveRequest:
    """A pending request holding its days on the balance, the manager notified."""
    if end < start:
        raise api.ServiceError("END_BEFORE_START", "hr.end_before_start", "end")
    if (end - start).days >= MAX_SPAN_DAYS:
        raise api.ServiceError("INVALID", "hr.leave_too_long", "end")
    if start == end and half_day_start and half_day_end:
        raise api.ServiceError("INVALID", "hr.half_day_both", "halfDayEnd")
    async with api.atomic():
        employee = await _requester(actor, employee_id)
        if employee.end_date is not None and end > employee.end_date:
            raise api.ServiceError("INVALID", "hr.after_employment", "end")
        if start < employee.start_date:
            raise api.ServiceError("INVALID", "hr.before_employment", "start")
        leave_type = await m.LeaveType.filter(id=leave_type_id, active=True).first()
        if leave_type is None:
            raise not_found("leaveTypeId")
        works = await workdays.working_days(employee, start, end)
        days = workdays.count(works, start, end, half_day_start, half_day_end)
        if days <= 0:
            raise api.ServiceError("NO_WORKING_DAYS", "hr.no_working_days", "start")
        first, last = workdays.slots(start, end, half_day_start, half_day_end)
        if await m.LeaveRequest.filter(
            employee_id=employee.id,
            status__in=m.HOLDING,
            start_slot__lt=last,
            end_slot__gt=first,
        ).exists():
            raise api.ServiceError("OVERLAPPING_LEAVE", "hr.leave_overlap", "start")
        charges: list[tuple[m.LeaveAllocation, Decimal]] = []
        if leave_type.uses_allocation:
            charges = await _charge(
                employee, leave_type, works, start, end, hs=half_day_start, he=half_day_end
            )
        allocation = charges[0][0] if charges else None
        following = charges[1] if len(charges) > 1 else None
        try:
            async with api.atomic():
                leave = await m.LeaveRequest.create(
                    employee_id=employee.id,
                    leave_type_id=leave_type.id,
                    allocation_id=allocation.id if allocation else None,
                    next_allocation_id=following[0].id if following else None,
                    next_days=following[1] if following else Decimal(0),
                    start=start,
                    end=end,
                    half_day_start=half_day_start,
                    half_day_end=half_day_end,
                    days=days,
                    start_slot=first,
                    end_slot=last,
                    note=note.strip(),
                )
        except IntegrityError as exc:
            if NO_OVERLAP in str(exc):
                raise api.ServiceError("OVERLAPPING_LEAVE", "hr.leave_overlap", "start") from None
            raise
        await api.record(
            actor,
            "leaveRequestCreate",
            leave,
            after={
                "employee_id": employee.id,
                "leave_type": leave_type.code,
                "start": start,
                "end": end,
                "half_day_start": half_day_start,
                "half_day_end": half_day_end,
                "days": days,
            },
            site_id=employee.site_id,
        )
        await _publish(ev.LEAVE_REQUESTED, leave, leave_type.code, employee.site_id)
        deciders = await _decider_ids(employee)
        if deciders:
            party = await api.PartyModel.get(id=employee.party_id)
            await api.notify(
                REQUESTED.name,
                user_ids=deciders,
                site_id=employee.site_id,
                params={"employee": party.display_name, **_params(leave, leave_type)},
                key=f"hr-leave:{leave.id}:requested",
            )
    return leave


async def _charge(
    employee: m.Employee,
    leave_type: m.LeaveType,
    works: dict[dt.date, bool],
    start: dt.date,
    end: dt.date,
    *,
    hs: bool,
    he: bool,
) -> list[tuple[m.LeaveAllocation, Decimal]]:
    """Hold each year's days of the request on that year's allocation (locked, earlier year
    first), checking each balance; the whole request fails if one year's does."""
    out: list[tuple[m.LeaveAllocation, Decimal]] = []
    for year in range(start.year, end.year + 1):
        share = workdays.count(
            {d: w for d, w in works.items() if d.year == year}, start, end, hs, he
        )
        if share <= 0:
            continue  # nothing to take that year (holidays only): no allocation needed
        allocation = (
            await m.LeaveAllocation.filter(
                employee_id=employee.id, leave_type_id=leave_type.id, year=year
            )
            .select_for_update()
            .first()
        )
        if allocation is None:
            raise api.ServiceError("NO_ALLOCATION", "hr.no_allocation", "leaveTypeId")
        on = max(start, dt.date(year, 1, 1))
        if not leave_type.allow_negative and available(allocation, on) < share:
            raise api.ServiceError(
                "INSUFFICIENT_BALANCE",
                "hr.insufficient_balance",
                "end",
                available=f"{available(allocation, on).normalize():f}",
            )
        allocation.pending = Decimal(allocation.pending) + share
        await allocation.save(update_fields=["pending"])
        out.append((allocation, share))
    return out


async def _locked_request(
    actor: api.Actor, request_id: int
) -> tuple[m.LeaveRequest, m.Employee, m.LeaveType]:
    """The request with its employee locked (employee first, as every leave write)."""
    found = await m.LeaveRequest.filter(id=request_id).first()
    if found is None:
        raise not_found("id")
    employee = await visible_employee(actor, found.employee_id, "id", lock=True)
    leave = await m.LeaveRequest.filter(id=request_id).select_for_update().first()
    if leave is None:
        raise not_found("id")
    leave_type = await m.LeaveType.get(id=leave.leave_type_id)
    return leave, employee, leave_type


async def _move_balance(leave: m.LeaveRequest, *, used: int, pending: int) -> None:
    """Move the request's days on its allocations: ``used`` and ``pending`` are -1, 0 or +1
    times each allocation's share (the next year's share on the next year's allocation)."""
    following = Decimal(leave.next_days)
    shares = [(leave.allocation_id, Decimal(leave.days) - following)]
    if leave.next_allocation_id is not None:
        shares.append((leave.next_allocation_id, following))
    for allocation_id, share in shares:
        if allocation_id is None:
            continue
        allocation = await m.LeaveAllocation.filter(id=allocation_id).select_for_update().first()
        if allocation is None:  # restricted foreign key: cannot happen
            raise not_found("id")
        allocation.used = Decimal(allocation.used) + used * share
        allocation.pending = Decimal(allocation.pending) + pending * share
        await allocation.save(update_fields=["used", "pending"])


async def decide(actor: api.Actor, request_id: int, *, approve: bool) -> m.LeaveRequest:
    """The manager (or HR) approves or rejects a pending request; the employee is told."""
    operation = "leaveRequestApprove" if approve else "leaveRequestReject"
    async with api.atomic():
        leave, employee, leave_type = await _locked_request(actor, request_id)
        if not await may_decide(actor, employee):
            raise api.ServiceError("FORBIDDEN", "hr.not_the_manager", "id")
        if leave.status != m.PENDING:
            raise api.ServiceError("INVALID_TRANSITION", "hr.invalid_transition", "id")
        await _move_balance(leave, used=1 if approve else 0, pending=-1)
        leave.status = m.APPROVED if approve else m.REJECTED
        leave.decided_by_user_id = actor.user_id
        leave.decided_at = now()
        await leave.save(update_fields=["status", "decided_by_user_id", "decided_at"])
        await api.record(
            actor, operation, leave, after={"status": leave.status}, site_id=employee.site_id
        )
        await _publish(
            ev.LEAVE_APPROVED if approve else ev.LEAVE_REJECTED,
            leave,
            leave_type.code,
            employee.site_id,
        )
        await api.notify_cancel(f"hr-leave:{leave.id}:requested")
        await _tell_employee(employee, leave, leave_type)
    return leave


async def _tell_employee(
    employee: m.Employee, leave: m.LeaveRequest, leave_type: m.LeaveType
) -> None:
    kind = APPROVED if leave.status == m.APPROVED else REJECTED
    if employee.user_id is not None:
        await api.notify(
            kind.name,
            user_ids=[employee.user_id],
            site_id=employee.site_id,
            params=_params(leave, leave_type),
        )


async def cancel(actor: api.Actor, request_id: int) -> m.LeaveRequest:
    """The employee withdraws a request (pending, or approved and not yet begun); HR may
    cancel any. The days go back to the balance."""
    async with api.atomic():
        leave, employee, leave_type = await _locked_request(actor, request_id)
        if not actor.has(MANAGE):
            own = await own_employee(actor)
            if own is None or own.id != employee.id:
                raise api.ServiceError("FORBIDDEN", "hr.own_leave_only", "id")
            if leave.status == m.APPROVED and leave.start <= now().date():
                raise api.ServiceError("INVALID_TRANSITION", "hr.already_begun", "id")
        if leave.status not in m.HOLDING:
            raise api.ServiceError("INVALID_TRANSITION", "hr.invalid_transition", "id")
        if leave.status == m.APPROVED:
            await _move_balance(leave, used=-1, pending=0)
        else:
            await _move_balance(leave, used=0, pending=-1)
        leave.status = m.CANCELLED
        await leave.save(update_fields=["status"])
        await api.record(
            actor,
            "leaveRequestCancel",
            leave,
            after={"status": leave.status},
            site_id=employee.site_id,
        )
        await _publish(ev.LEAVE_CANCELLED, leave, leave_type.code, employee.site_id)
        await api.notify_cancel(f"hr-leave:{leave.id}:requested")
    return leave


async def own_request(actor: api.Actor) -> m.Employee:
    employee = await own_employee(actor)
    if employee is None:
        raise api.ServiceError("NOT_FOUND", "hr.not_an_employee", None)
    return employee
