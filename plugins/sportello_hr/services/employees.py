"""Employees: hire (a party, optionally a login), change, end an employment, personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import events as ev
from sportello_hr.services._common import (
    MANAGE,
    employee_site_ids,
    not_found,
    visible_employee,
)

#: Personal-data fields and their columns (all optional on input).
PERSONAL_FIELDS = (
    "home_address",
    "birth_date",
    "id_document_kind",
    "id_document_number",
    "id_document_expiry",
    "emergency_contact_name",
    "emergency_contact_phone",
)
_UNSET: Any = object()


def _clean(value: str | None) -> str:
    return (value or "").strip()


async def _check_sites(actor: api.Actor, site_ids: list[int]) -> None:
    for site_id in site_ids:
        if not actor.may_see_site(site_id) or not await api.SiteModel.exists(id=site_id):
            raise not_found("siteIds")


async def _check_department(department_id: int, site_id: int) -> None:
    if not await api.department_exists(department_id, site_id):
        raise not_found("departmentId")


async def _check_manager(actor: api.Actor, manager_id: int | None, employee_id: int | None) -> None:
    if manager_id is None:
        return
    if manager_id == employee_id:
        raise api.ServiceError("INVALID", "hr.own_manager", "managerId")
    await visible_employee(actor, manager_id, "managerId")


async def create(
    actor: api.Actor,
    *,
    department_id: int,
    site_ids: list[int],
    party_id: int | None = None,
    full_name: str | None = None,
    user_id: int | None = None,
    manager_id: int | None = None,
    job_title: str = "",
    work_email: str = "",
    work_phone: str = "",
    start_date: dt.date | None = None,
) -> m.Employee:
    """Hire a person: an existing party, the party of a login account, or a new person."""
    sites = list(dict.fromkeys(site_ids))
    if not sites:
        if actor.site_ids is not None and len(actor.site_ids) == 1:
            sites = sorted(actor.site_ids)
        else:
            raise api.ServiceError("REQUIRED", "core.required", "siteIds")
    name = _clean(full_name)
    if party_id is None and user_id is None and not name:
        raise api.ServiceError("REQUIRED", "core.required", "fullName")
    async with api.atomic():
        await _check_sites(actor, sites)
        await _check_department(department_id, sites[0])
        await _check_manager(actor, manager_id, None)
        if user_id is not None:
            owners = await api.user_party_ids([user_id])
            if user_id not in owners:
                raise not_found("userId")
            if party_id is not None and party_id != owners[user_id]:
                raise api.ServiceError("INVALID", "hr.user_not_party", "userId")
            party_id = owners[user_id]
            if await m.Employee.exists(user_id=user_id):
                raise api.ServiceError("CONFLICT", "hr.already_employed", "userId")
        if party_id is not None:
            await api.require_party(actor, party_id, "partyId")
            await api.lock_live_party(party_id, "partyId")
            if await m.Employee.filter(party_id=party_id, end_date=None).exists():
                raise api.ServiceError("CONFLICT", "hr.already_employed", "partyId")
        else:
            given, _, family = name.partition(" ")
            party = await api.PartyModel.create(
                display_name=name, given_name=given, family_name=family
            )
            party_id = party.id
        await api.link_party_to_site(party_id, sites)
        try:
            employee = await m.Employee.create(
                party_id=party_id,
                user_id=user_id,
                site_id=sites[0],
                department_id=department_id,
                manager_id=manager_id,
                job_title=_clean(job_title),
                work_email=_clean(work_email),
                work_phone=_clean(work_phone),
                start_date=start_date or dt.date.today(),
            )
        except IntegrityError:
            raise api.ServiceError("CONFLICT", "hr.already_employed", "userId") from None
        for site_id in sites:
            await m.EmployeeSite.create(employee_id=employee.id, site_id=site_id)
        await api.record(
            actor,
            "employeeCreate",
            employee,
            after={
                "party_id": party_id,
                "user_id": user_id,
                "department_id": department_id,
                "site_ids": sites,
                "job_title": employee.job_title,
                "start_date": employee.start_date,
            },
            site_ids=sites,
        )
        await api.publish(
            ev.EMPLOYEE_HIRED,
            ev.EmployeeHired(
                employee_id=employee.id,
                party_id=party_id,
                user_id=user_id,
                department_id=department_id,
                start_date=employee.start_date,
            ),
            aggregate=f"employee:{employee.id}",
            site_id=employee.site_id,
        )
    return employee


async def update(
    actor: api.Actor,
    employee_id: int,
    *,
    department_id: int | None = None,
    site_ids: list[int] | None = None,
    manager_id: int | None = _UNSET,
    job_title: str | None = None,
    work_email: str | None = None,
    work_phone: str | None = None,
    start_date: dt.date | None = None,
) -> m.Employee:
    """Change what is given; ``manager_id=None`` clears the manager."""
    async with api.atomic():
        employee = await visible_employee(actor, employee_id, "id", lock=True)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}

        def put(name: str, value: Any) -> None:
            before[name] = getattr(employee, name)
            after[name] = value
            setattr(employee, name, value)

        if site_ids is not None:
            sites = list(dict.fromkeys(site_ids))
            if not sites:
                raise api.ServiceError("REQUIRED", "core.required", "siteIds")
            await _check_sites(actor, sites)
            await m.EmployeeSite.filter(employee_id=employee.id).exclude(site_id__in=sites).delete()
            have = await employee_site_ids(employee.id)
            for site_id in sites:
                if site_id not in have:
                    await m.EmployeeSite.create(employee_id=employee.id, site_id=site_id)
            await api.link_party_to_site(employee.party_id, sites)
            put("site_id", sites[0])
            after["site_ids"] = sites
        if department_id is not None:
            await _check_department(department_id, employee.site_id)
            put("department_id", department_id)
        if manager_id is not _UNSET:
            await _check_manager(actor, manager_id, employee.id)
            put("manager_id", manager_id)
        for name, value in (
            ("job_title", job_title),
            ("work_email", work_email),
            ("work_phone", work_phone),
        ):
            if value is not None:
                put(name, _clean(value))
        if start_date is not None:
            if employee.end_date is not None and start_date > employee.end_date:
                raise api.ServiceError("INVALID", "hr.end_before_start", "startDate")
            put("start_date", start_date)
        await employee.save()
        await api.record(actor, "employeeUpdate", employee, before=before, after=after)
    return employee


async def end(actor: api.Actor, employee_id: int, end_date: dt.date) -> m.Employee:
    """The employment ends: its last working day is set, ``hr.employee.left`` is published."""
    async with api.atomic():
        employee = await visible_employee(actor, employee_id, "id", lock=True)
        if end_date < employee.start_date:
            raise api.ServiceError("INVALID", "hr.end_before_start", "endDate")
        if employee.end_date is not None:
            raise api.ServiceError("CONFLICT", "hr.already_ended", "id")
        employee.end_date = end_date
        await employee.save(update_fields=["end_date"])
        await api.record(actor, "employeeEnd", employee, after={"end_date": end_date})
        await api.publish(
            ev.EMPLOYEE_LEFT,
            ev.EmployeeLeft(
                employee_id=employee.id,
                party_id=employee.party_id,
                user_id=employee.user_id,
                end_date=end_date,
            ),
            aggregate=f"employee:{employee.id}",
            site_id=employee.site_id,
        )
    return employee


async def set_personal_data(
    actor: api.Actor, employee_id: int, values: dict[str, Any]
) -> m.Employee:
    """Replace the given personal fields (HR only); an erased person's data stays erased."""
    if not actor.has(MANAGE):
        raise api.ServiceError("FORBIDDEN", "hr.forbidden", "employeeId")
    unknown = set(values) - set(PERSONAL_FIELDS)
    if unknown:  # a bug in the caller, not the client's mistake
        raise ValueError(f"unknown personal fields {sorted(unknown)}")
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    async with api.atomic():
        employee = await visible_employee(actor, employee_id)
        await api.lock_live_party(employee.party_id, "employeeId")
        data, _ = await m.PersonalData.get_or_create(employee_id=employee.id)
        data.update_from_dict(cleaned)
        await data.save()
        # Audited by field name only: the values are private.
        await api.record(
            actor,
            "employeePersonalDataSet",
            employee,
            after={"changed": sorted(cleaned)},
        )
    return employee


async def visible(actor: api.Actor, employee_id: int) -> m.Employee:
    return await visible_employee(actor, employee_id)
