"""Services and counters are what every other aggregate looks up (with the site check), and
who works at a counter is decided here once, for calls and transitions alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_counter import models as m
from sportello_counter.services._common import _require_site
from sportello_counter.services.hours import normalise_hours

#: The permission that lets an actor work at any counter of its sites.
MANAGE = "counter.manage"


#: Marks an argument of ``update_counter`` or ``update_service`` as not given (None clears it).
KEEP: Any = object()


def _check_quotas(walk_ins: int | None, appointments: int | None) -> None:
    if walk_ins is not None and walk_ins < 0:
        raise api.ServiceError("INVALID", "counter.invalid_quota", "dailyWalkInQuota")
    if appointments is not None and appointments < 0:
        raise api.ServiceError("INVALID", "counter.invalid_quota", "dailyAppointmentQuota")


def _check_minutes(service_minutes: int | None, target_wait_minutes: int | None) -> None:
    if service_minutes is not None and service_minutes < 1:
        raise api.ServiceError("INVALID", "counter.invalid_minutes", "serviceMinutes")
    if target_wait_minutes is not None and target_wait_minutes < 0:
        raise api.ServiceError("INVALID", "counter.invalid_minutes", "targetWaitMinutes")


async def create_service(
    actor: api.Actor,
    site_id: int,
    name: str,
    prefix: str,
    *,
    opening_hours: object = None,
    closed_days: Iterable[dt.date] = (),
    service_minutes: int = 10,
    target_wait_minutes: int = 15,
    public_booking: bool = False,
    daily_walk_in_quota: int | None = None,
    daily_appointment_quota: int | None = None,
) -> m.CounterService:
    _require_site(actor, site_id)
    _check_quotas(daily_walk_in_quota, daily_appointment_quota)
    prefix = prefix.strip().upper()
    name = _name(name, 200)
    if not prefix or not prefix.isalpha() or len(prefix) > 3:
        raise api.ServiceError("INVALID", "counter.invalid_prefix", "prefix")
    _check_minutes(service_minutes, target_wait_minutes)
    hours = normalise_hours(opening_hours)
    async with api.atomic():
        if not await api.SiteModel.filter(id=site_id).exists():
            raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
        if await m.CounterService.filter(site_id=site_id, prefix=prefix).exists():
            raise api.ServiceError("CONFLICT", "counter.prefix_taken", "prefix")
        service = await m.CounterService.create(
            site_id=site_id,
            name=name.strip(),
            prefix=prefix,
            opening_hours=hours,
            closed_days=sorted({d.isoformat() for d in closed_days}),
            service_minutes=service_minutes,
            target_wait_minutes=target_wait_minutes,
            public_booking=public_booking,
            daily_walk_in_quota=daily_walk_in_quota,
            daily_appointment_quota=daily_appointment_quota,
        )
        await api.record(
            actor, "counterServiceCreate", service, after={"name": name, "prefix": prefix}
        )
    return service


SERVICE_FIELDS = (
    "name",
    "opening_hours",
    "closed_days",
    "service_minutes",
    "target_wait_minutes",
    "active",
    "public_booking",
    "daily_walk_in_quota",
    "daily_appointment_quota",
)


async def update_service(
    actor: api.Actor,
    service_id: int,
    *,
    name: str | None = None,
    opening_hours: object = None,
    closed_days: Iterable[dt.date] | None = None,
    service_minutes: int | None = None,
    target_wait_minutes: int | None = None,
    active: bool | None = None,
    public_booking: bool | None = None,
    daily_walk_in_quota: int | None = KEEP,
    daily_appointment_quota: int | None = KEEP,
) -> m.CounterService:
    """Change what is given (None = keep; a quota: KEEP keeps it, None removes it). The prefix
    never changes: it is in printed numbers."""
    service = await _service(actor, service_id, "id")
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _name(name, 200)
    _check_minutes(service_minutes, target_wait_minutes)
    if opening_hours is not None:
        changes["opening_hours"] = normalise_hours(opening_hours)
    if closed_days is not None:
        changes["closed_days"] = sorted({d.isoformat() for d in closed_days})
    if service_minutes is not None:
        changes["service_minutes"] = service_minutes
    if target_wait_minutes is not None:
        changes["target_wait_minutes"] = target_wait_minutes
    if active is not None:
        changes["active"] = active
    if public_booking is not None:
        changes["public_booking"] = public_booking
    for quota_field, quota in (
        ("daily_walk_in_quota", daily_walk_in_quota),
        ("daily_appointment_quota", daily_appointment_quota),
    ):
        if quota is not KEEP:
            _check_quotas(quota, None)
            changes[quota_field] = quota
    async with api.atomic():
        before = {k: getattr(service, k) for k in changes}
        if changes:
            await m.CounterService.filter(id=service.id).update(**changes)
        service = await m.CounterService.get(id=service.id)
        await api.record(actor, "counterServiceUpdate", service, before=before, after=changes)
    return service


async def _check_staff_party(actor: api.Actor, staff_party_id: int | None, site_id: int) -> None:
    """The staff member is a party the caller may see; from now on known at the site."""
    if staff_party_id is None:
        return
    staff = api.PartyModel.filter(id=staff_party_id, anonymised_at=None)
    if not await api.visible_parties(staff, actor).exists():
        raise api.ServiceError("NOT_FOUND", "core.not_found", "staffId")
    await api.link_party_to_site(staff_party_id, site_id)


async def _check_services(site_id: int, service_ids: Sequence[int]) -> list[int]:
    ids = sorted(set(service_ids))
    found = await m.CounterService.filter(id__in=ids, site_id=site_id).count()
    if found != len(ids):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "serviceIds")
    return ids


async def create_counter(
    actor: api.Actor,
    site_id: int,
    name: str,
    service_ids: Sequence[int],
    staff_party_id: int | None = None,
    staff_user_id: int | None = None,
) -> m.Counter:
    _require_site(actor, site_id)
    name = _name(name, 100)
    try:
        async with api.atomic():
            if not await api.SiteModel.filter(id=site_id).exists():
                raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
            ids = await _check_services(site_id, service_ids)
            await _check_staff_party(actor, staff_party_id, site_id)
            await _check_staff_user(staff_user_id)
            if await m.Counter.filter(site_id=site_id, name=name).exists():
                raise api.ServiceError("CONFLICT", "counter.name_taken", "name")
            counter = await m.Counter.create(
                site_id=site_id,
                name=name,
                service_ids=ids,
                staff_id=staff_party_id,
                staff_user_id=staff_user_id,
            )
            await api.record(
                actor, "counterCreate", counter, after={"name": name, "service_ids": ids}
            )
    except IntegrityError:  # the only unique key: (site, name), taken by a concurrent request
        raise api.ServiceError("CONFLICT", "counter.name_taken", "name") from None
    return counter


def _name(name: str, limit: int) -> str:
    name = name.strip()
    if not name:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    if len(name) > limit:
        raise api.ServiceError("INVALID", "parties.too_long", "name", max=limit)
    return name


async def _check_staff_user(user_id: int | None) -> None:
    if user_id is not None and not await api.user_exists(user_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "staffUserId")


async def update_counter(
    actor: api.Actor,
    counter_id: int,
    *,
    name: str | None = None,
    service_ids: Sequence[int] | None = None,
    staff_party_id: int | None = KEEP,
    staff_user_id: int | None = KEEP,
    active: bool | None = None,
) -> m.Counter:
    """Change what is given; ``staff_party_id``/``staff_user_id`` None unassigns the staff."""
    counter = await _counter(actor, counter_id, "id")
    site_id = counter.site_id
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _name(name, 100)
    try:
        async with api.atomic():
            if "name" in changes:
                taken = m.Counter.filter(site_id=site_id, name=changes["name"])
                if await taken.exclude(id=counter.id).exists():
                    raise api.ServiceError("CONFLICT", "counter.name_taken", "name")
            if service_ids is not None:
                changes["service_ids"] = await _check_services(site_id, service_ids)
            if staff_party_id is not KEEP:
                await _check_staff_party(actor, staff_party_id, site_id)
                changes["staff_id"] = staff_party_id
            if staff_user_id is not KEEP:
                await _check_staff_user(staff_user_id)
                changes["staff_user_id"] = staff_user_id
            if active is not None:
                changes["active"] = active
            before = {k: getattr(counter, k) for k in changes}
            if changes:
                await m.Counter.filter(id=counter.id).update(**changes)
            counter = await m.Counter.get(id=counter.id)
            await api.record(actor, "counterUpdate", counter, before=before, after=changes)
    except IntegrityError:  # the only unique key: (site, name), taken by a concurrent request
        raise api.ServiceError("CONFLICT", "counter.name_taken", "name") from None
    return counter


async def _service(
    actor: api.Actor, service_id: int, field_name: str = "serviceId"
) -> m.CounterService:
    service = await m.CounterService.filter(id=service_id).first()
    if service is None or not actor.may_see_site(service.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", field_name)
    return service


async def _counter(actor: api.Actor, counter_id: int, field_name: str = "counterId") -> m.Counter:
    counter = await m.Counter.filter(id=counter_id).first()
    if counter is None or not actor.may_see_site(counter.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", field_name)
    return counter


def works_at(actor: api.Actor, counter: m.Counter) -> bool:
    """The counter's staff (party or user) and managers (``counter.manage``) work at it."""
    if actor.has(MANAGE):
        return True
    if counter.staff_user_id is not None and actor.user_id == counter.staff_user_id:
        return True
    staff = counter.staff_id
    return staff is not None and actor.party_id == staff


def _require_staff(actor: api.Actor, counter: m.Counter, field_name: str) -> None:
    if not works_at(actor, counter):
        raise api.ServiceError("FORBIDDEN", "counter.not_your_counter", field_name)
