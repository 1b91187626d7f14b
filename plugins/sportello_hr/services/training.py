"""Training: courses (fire safety, GDPR, first aid) with how long a completion counts, the
records of who completed which course, and whether an employee is qualified on given days.

Rules
    A record's expiry is the completion date plus the course's validity in months (the day
    before the same day of that month; the month's last day when it has fewer days), unless
    given explicitly. An employee is qualified for a course from ``first`` to ``last`` when
    a record completed on or before ``first`` expires on or after ``last`` (or never).
    The latest record of an employee and course carries the expiry reminder (30 days ahead,
    to the employee and their manager); a newer record replaces it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import expiry
from sportello_hr.services._common import not_found, visible_employee

MAX_VALIDITY_MONTHS = 240


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_of(course: m.Course, completed_on: dt.date) -> dt.date | None:
    if course.validity_months is None:
        return None
    return add_months(completed_on, course.validity_months) - dt.timedelta(days=1)


def _names(names: Mapping[str, str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang, text in (names or {}).items():
        if lang not in api.LANGUAGES:
            raise api.ServiceError("INVALID", "hr.invalid_language", "names")
        if text.strip():
            out[lang] = text.strip()[:120]
    return out


def _validity(months: int | None) -> None:
    if months is not None and not 1 <= months <= MAX_VALIDITY_MONTHS:
        raise api.ServiceError("INVALID", "hr.invalid_validity", "validityMonths")


async def create_course(
    actor: api.Actor,
    code: str,
    name: str,
    validity_months: int | None = None,
    names: Mapping[str, str] | None = None,
) -> m.Course:
    code, name = code.strip().upper(), name.strip()
    if not code:
        raise api.ServiceError("REQUIRED", "core.required", "code")
    if not name:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    if len(code) > 64 or len(name) > 120:
        raise api.ServiceError("INVALID", "hr.too_long", "name" if code else "code")
    _validity(validity_months)
    translated = _names(names)
    try:
        async with api.atomic():
            course = await m.Course.create(
                code=code, name=name, validity_months=validity_months, names=translated
            )
            await api.record(
                actor,
                "courseCreate",
                course,
                after={"code": code, "name": name, "validity_months": validity_months},
            )
    except IntegrityError:
        raise api.ServiceError("CONFLICT", "hr.code_taken", "code") from None
    return course


async def update_course(
    actor: api.Actor,
    course_id: int,
    *,
    name: str | None = None,
    validity_months: int | None = None,
    clear_validity: bool = False,
    names: Mapping[str, str] | None = None,
    active: bool | None = None,
) -> m.Course:
    """Change what is given; a new validity applies to records completed from now on."""
    changes: dict[str, object] = {}
    if name is not None:
        if not name.strip():
            raise api.ServiceError("REQUIRED", "core.required", "name")
        changes["name"] = name.strip()[:120]
    if clear_validity:
        changes["validity_months"] = None
    elif validity_months is not None:
        _validity(validity_months)
        changes["validity_months"] = validity_months
    if names is not None:
        changes["names"] = _names(names)
    if active is not None:
        changes["active"] = active
    async with api.atomic():
        course = await m.Course.filter(id=course_id).select_for_update().first()
        if course is None:
            raise not_found("id")
        before = {k: getattr(course, k) for k in changes}
        if changes:
            await m.Course.filter(id=course.id).update(**changes)
            course = await m.Course.get(id=course.id)
        await api.record(actor, "courseUpdate", course, before=before, after=changes)
    return course


async def record(
    actor: api.Actor,
    employee_id: int,
    course_id: int,
    completed_on: dt.date,
    *,
    expires_on: dt.date | None = None,
    certificate_ref: str = "",
) -> m.TrainingRecord:
    """An employee completed a course (a renewal is a new record)."""
    if len(certificate_ref) > 120:
        raise api.ServiceError("INVALID", "hr.too_long", "certificateRef")
    if expires_on is not None and expires_on < completed_on:
        raise api.ServiceError("END_BEFORE_START", "hr.end_before_start", "expiresOn")
    async with api.atomic():
        employee = await visible_employee(actor, employee_id, lock=True)
        course = await m.Course.filter(id=course_id).first()
        if course is None:
            raise not_found("courseId")
        until = expires_on or expiry_of(course, completed_on)
        try:
            async with api.atomic():
                training = await m.TrainingRecord.create(
                    employee_id=employee.id,
                    course_id=course.id,
                    completed_on=completed_on,
                    expires_on=until,
                    certificate_ref=certificate_ref.strip(),
                )
        except IntegrityError:
            raise api.ServiceError("CONFLICT", "hr.training_duplicate", "completedOn") from None
        await _remind(employee, course)
        await api.record(
            actor,
            "trainingRecordCreate",
            training,
            after={
                "employee_id": employee.id,
                "course": course.code,
                "completed_on": completed_on,
                "expires_on": until,
                "certificate_ref": training.certificate_ref,
            },
            site_id=employee.site_id,
        )
    return training


async def remove(actor: api.Actor, record_id: int) -> int:
    """Delete a record entered by mistake; the reminder follows the latest one left."""
    async with api.atomic():
        found = await m.TrainingRecord.filter(id=record_id).first()
        if found is None:
            raise not_found("id")
        employee = await visible_employee(actor, found.employee_id, "id", lock=True)
        deleted = await m.TrainingRecord.filter(id=record_id).delete()
        if not deleted:
            raise not_found("id")
        course = await m.Course.get(id=found.course_id)
        await _remind(employee, course)
        await api.record(
            actor,
            "trainingRecordRemove",
            object_type="TrainingRecord",
            object_id=record_id,
            before={"employee_id": employee.id, "course": course.code},
            site_id=employee.site_id,
        )
    return record_id


async def _remind(employee: m.Employee, course: m.Course) -> None:
    latest = (
        await m.TrainingRecord.filter(employee_id=employee.id, course_id=course.id)
        .order_by("-completed_on", "-id")
        .first()
    )
    await expiry.schedule(
        f"hr-training:{employee.id}:{course.id}",
        employee,
        course.name,
        None if latest is None else latest.expires_on,
        with_manager=True,
    )


async def qualification(
    employee_id: int, course_id: int, first: dt.date, last: dt.date
) -> str | None:
    """None when qualified from ``first`` to ``last``; else TRAINING_MISSING (never completed
    by ``first``) or TRAINING_EXPIRED (completed, but not valid until ``last``)."""
    done = m.TrainingRecord.filter(
        employee_id=employee_id, course_id=course_id, completed_on__lte=first
    )
    if not await done.exists():
        return "TRAINING_MISSING"
    if await done.filter(Q(expires_on=None) | Q(expires_on__gte=last)).exists():
        return None
    return "TRAINING_EXPIRED"
