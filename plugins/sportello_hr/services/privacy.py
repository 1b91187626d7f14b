"""Export and erasure of an employee's data: one module to review against the models when a
column is added.

Retention
    Private data (home address, birth date, identity document, emergency contact) and the
    work contacts go at once. The employment record itself (dates, department, job title,
    contracts, leave and shifts) is kept until ``retention_years`` after the employment
    ended, as labour and social-security law require; after that (or for an employment that
    never began) the erasure deletes it. The purge command deletes the records of
    employments past their retention.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.expressions import Q

from sportello import api
from sportello_hr import models as m
from sportello_hr.services._common import settings, today

PERSONAL_COLUMNS = (
    "hr_personal_data.home_address",
    "hr_personal_data.birth_date",
    "hr_personal_data.id_document_kind",
    "hr_personal_data.id_document_number",
    "hr_personal_data.id_document_expiry",
    "hr_personal_data.emergency_contact_name",
    "hr_personal_data.emergency_contact_phone",
    "hr_employee.work_email",
    "hr_employee.work_phone",
    "hr_leave_request.note",
)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def retention_until(employee: m.Employee) -> dt.date | None:
    """The last day the employment's records must be kept (None: still employed)."""
    if employee.end_date is None:
        return None
    end = employee.end_date
    years = settings().retention_years
    try:
        return end.replace(year=end.year + years)
    except ValueError:  # 29 February
        return end.replace(year=end.year + years, day=28)


def expired(employee: m.Employee, on: dt.date) -> bool:
    until = retention_until(employee)
    return until is not None and until < on


async def party_data(party_id: int) -> dict[str, Any]:
    employees = await m.Employee.filter(party_id=party_id).order_by("id")
    ids = [e.id for e in employees]
    personal = {p.employee_id: p for p in await m.PersonalData.filter(employee_id__in=ids)}
    contracts = await m.Contract.filter(employee_id__in=ids).order_by("start", "id")
    leave = await m.LeaveRequest.filter(employee_id__in=ids).order_by("start", "id")
    allocations = await m.LeaveAllocation.filter(employee_id__in=ids).order_by("year", "id")
    types = {t.id: t.code for t in await m.LeaveType.all()}
    out: dict[str, Any] = {
        "employments": [
            {
                "id": e.id,
                "user_id": e.user_id,
                "site_id": e.site_id,
                "department_id": e.department_id,
                "manager_id": e.manager_id,
                "job_title": e.job_title,
                "work_email": e.work_email,
                "work_phone": e.work_phone,
                "start_date": _iso(e.start_date),
                "end_date": _iso(e.end_date),
                "retained_until": _iso(retention_until(e)),
                "personal_data": _personal(personal.get(e.id)),
            }
            for e in employees
        ],
        "contracts": [
            {
                "employee_id": c.employee_id,
                "kind": c.kind,
                "start": _iso(c.start),
                "end": _iso(c.end),
                "hours_per_week": str(c.hours_per_week) if c.hours_per_week else None,
                "work_days": c.work_days,
            }
            for c in contracts
        ],
        "leave_allocations": [
            {
                "leave_type": types.get(a.leave_type_id),
                "year": a.year,
                "days": str(a.days),
                "used": str(a.used),
                "pending": str(a.pending),
            }
            for a in allocations
        ],
        "leave_requests": [
            {
                "leave_type": types.get(r.leave_type_id),
                "start": _iso(r.start),
                "end": _iso(r.end),
                "half_day_start": r.half_day_start,
                "half_day_end": r.half_day_end,
                "days": str(r.days),
                "status": r.status,
                "note": r.note,
            }
            for r in leave
        ],
    }
    skills = await m.EmployeeSkill.filter(employee_id__in=ids).order_by("code")
    out["skills"] = [
        {"code": k.code, "acquired_on": _iso(k.acquired_on), "valid_until": _iso(k.valid_until)}
        for k in skills
    ]
    trainings = await m.TrainingRecord.filter(employee_id__in=ids).order_by("completed_on", "id")
    courses = {c.id: c.code for c in await m.Course.all()}
    out["trainings"] = [
        {
            "course": courses.get(t.course_id),
            "completed_on": _iso(t.completed_on),
            "expires_on": _iso(t.expires_on),
            "certificate_ref": t.certificate_ref,
        }
        for t in trainings
    ]
    shifts = await m.Shift.filter(employee_id__in=ids).order_by("start", "id")
    out["shifts"] = [
        {"station_id": x.station_id, "start": _iso(x.start), "end": _iso(x.end)} for x in shifts
    ]
    return out


def _personal(data: m.PersonalData | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return {
        "home_address": data.home_address,
        "birth_date": _iso(data.birth_date),
        "id_document_kind": data.id_document_kind,
        "id_document_number": data.id_document_number,
        "id_document_expiry": _iso(data.id_document_expiry),
        "emergency_contact_name": data.emergency_contact_name,
        "emergency_contact_phone": data.emergency_contact_phone,
    }


async def delete_employments(ids: list[int]) -> None:
    """Delete employments and everything hanging on them (past retention)."""
    if not ids:
        return
    mine = Q(requester_id__in=ids) | Q(colleague_id__in=ids)
    shift_ids = await m.Shift.filter(employee_id__in=ids).values_list("id", flat=True)
    if shift_ids:
        mine |= Q(shift_id__in=list(shift_ids)) | Q(other_shift_id__in=list(shift_ids))
    await m.ShiftSwap.filter(mine).delete()
    await m.Shift.filter(employee_id__in=ids).delete()
    await m.EmployeeSkill.filter(employee_id__in=ids).delete()
    await m.TrainingRecord.filter(employee_id__in=ids).delete()
    contract_ids = await m.Contract.filter(employee_id__in=ids).values_list("id", flat=True)
    await m.ContractNotice.filter(contract_id__in=list(contract_ids)).delete()
    for contract_id in contract_ids:
        await api.notify_erase(f"hr-contract-end:{contract_id}")  # the messages name them
    await m.LeaveRequest.filter(employee_id__in=ids).delete()
    await m.LeaveAllocation.filter(employee_id__in=ids).delete()
    await m.Contract.filter(employee_id__in=ids).delete()
    await m.PersonalData.filter(employee_id__in=ids).delete()
    await m.EmployeeSite.filter(employee_id__in=ids).delete()
    await m.Employee.filter(manager_id__in=ids).update(manager_id=None)
    await m.Employee.filter(id__in=ids).delete()


async def party_erase(party_id: int) -> api.ErasureReport:
    """Anonymise in place what the law does not require to keep; delete what it no longer
    does (runs in the caller's transaction)."""
    erased: set[str] = set()
    day = today()
    async with api.atomic():
        employees = await m.Employee.filter(party_id=party_id)
        ids = [e.id for e in employees]
        if await m.PersonalData.filter(employee_id__in=ids).delete():
            erased.update(c for c in PERSONAL_COLUMNS if c.startswith("hr_personal_data."))
        if await m.Employee.filter(id__in=ids).update(work_email="", work_phone=""):
            erased.update(("hr_employee.work_email", "hr_employee.work_phone"))
        if await m.LeaveRequest.filter(employee_id__in=ids).exclude(note="").update(note=""):
            erased.add("hr_leave_request.note")
        gone = [e.id for e in employees if e.start_date > day or expired(e, day)]
        if gone:
            await delete_employments(gone)
            erased.add("hr_employee")
    kept = [e for e in employees if e.id not in gone]
    retained: dict[str, str] = {}
    if kept:
        years = settings().retention_years
        why = (
            f"Labour law: employment records kept {years} years after the employment ends"
            + "".join(
                f" (employment {e.id}: until {_iso(retention_until(e)) or 'it ends'})" for e in kept
            )
        )
        for column in (
            "hr_employee.start_date",
            "hr_employee.end_date",
            "hr_employee.job_title",
            "hr_contract",
            "hr_leave_request",
            "hr_leave_allocation",
            "hr_shift",
            "hr_training_record",
        ):
            retained[column] = why
    return api.ErasureReport("hr", erased=tuple(sorted(erased)), retained=retained)


async def purge(on: dt.date | None = None) -> int:
    """Delete the employments whose retention has run out; returns how many."""
    day = on or today()
    async with api.atomic():
        ended = await m.Employee.exclude(end_date=None).filter(end_date__lt=day)
        ids = [e.id for e in ended if expired(e, day)]
        await delete_employments(ids)
        if ids:
            await api.record(
                api.SYSTEM,
                "hrPurge",
                object_type="Employee",
                after={"deleted": len(ids)},
            )
    return len(ids)
