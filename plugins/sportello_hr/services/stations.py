"""Stations at a site (front desks, counters, housekeeping), shift templates, and the skills
and trainings employees hold."""

from __future__ import annotations

import datetime as dt

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import expiry
from sportello_hr.services._common import not_found, visible_employee

KINDS = (m.FRONT_DESK, m.COUNTER, m.HOUSEKEEPING, m.OTHER)
MINUTES_A_DAY = 24 * 60


def _site(actor: api.Actor, site_id: int) -> None:
    if not actor.may_see_site(site_id):
        raise not_found("siteId")


async def create_station(
    actor: api.Actor,
    site_id: int,
    name: str,
    kind: str,
    required_skill: str = "",
    required_course_id: int | None = None,
) -> m.Station:
    _site(actor, site_id)
    name = name.strip()
    if not name:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    if kind not in KINDS:
        raise api.ServiceError("INVALID", "hr.invalid_kind", "kind")
    async with api.atomic():
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        if required_course_id is not None and not await m.Course.exists(
            id=required_course_id, active=True
        ):
            raise not_found("requiredCourseId")
        try:
            async with api.atomic():
                station = await m.Station.create(
                    site_id=site_id,
                    name=name,
                    kind=kind,
                    required_skill=required_skill.strip().upper(),
                    required_course_id=required_course_id,
                )
        except IntegrityError:
            raise api.ServiceError("CONFLICT", "hr.name_taken", "name") from None
        await api.record(
            actor,
            "stationCreate",
            station,
            after={
                "name": name,
                "kind": kind,
                "required_skill": station.required_skill,
                "required_course_id": required_course_id,
            },
        )
    return station


async def create_template(
    actor: api.Actor,
    site_id: int,
    name: str,
    start_minute: int,
    end_minute: int,
    station_id: int | None = None,
) -> m.ShiftTemplate:
    _site(actor, site_id)
    name = name.strip()
    if not name:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    for value, field in ((start_minute, "start"), (end_minute, "end")):
        if not 0 <= value < MINUTES_A_DAY:
            raise api.ServiceError("INVALID", "hr.invalid_time", field)
    if start_minute == end_minute:
        raise api.ServiceError("INVALID", "hr.invalid_time", "end")
    async with api.atomic():
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        if station_id is not None and not await m.Station.exists(id=station_id, site_id=site_id):
            raise not_found("stationId")
        template = await m.ShiftTemplate.create(
            site_id=site_id,
            name=name,
            start_minute=start_minute,
            end_minute=end_minute,
            station_id=station_id,
        )
        await api.record(
            actor,
            "shiftTemplateCreate",
            template,
            after={"name": name, "start": start_minute, "end": end_minute},
        )
    return template


async def set_skill(
    actor: api.Actor,
    employee_id: int,
    code: str,
    acquired_on: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> m.EmployeeSkill:
    """Record (or renew) a skill or training of an employee."""
    code = code.strip().upper()
    if not code:
        raise api.ServiceError("REQUIRED", "core.required", "code")
    if acquired_on and valid_until and valid_until < acquired_on:
        raise api.ServiceError("END_BEFORE_START", "hr.end_before_start", "validUntil")
    async with api.atomic():
        employee = await visible_employee(actor, employee_id, lock=True)
        skill = await m.EmployeeSkill.filter(employee_id=employee.id, code=code).first()
        if skill is None:
            skill = await m.EmployeeSkill.create(
                employee_id=employee.id, code=code, acquired_on=acquired_on, valid_until=valid_until
            )
        else:
            skill.acquired_on = acquired_on
            skill.valid_until = valid_until
            await skill.save(update_fields=["acquired_on", "valid_until"])
        # A reminder 30 days before it expires (a renewal replaces the one queued before).
        await expiry.schedule(f"hr-skill:{skill.id}", employee, code, valid_until)
        await api.record(
            actor,
            "employeeSkillSet",
            skill,
            after={"employee_id": employee.id, "code": code, "valid_until": valid_until},
            site_id=employee.site_id,
        )
    return skill
