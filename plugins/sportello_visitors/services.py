"""Visitor desk rules: plan, check in (badge, host notified), check out, cancel, who is in, purge.

Every write is transactional and audited; ``visitors.visitor.arrived`` is published inside the
check-in transaction so the host is notified exactly when the arrival commits.

Who plans
    The desk (``visitors.manage``) plans a visit for any host. An employee with
    ``visitors.plan`` only plans (and cancels) visits hosted by their own party.

Badges
    A badge is worn by one visitor in the building at a time per site: a partial UNIQUE index
    on (site_id, badge_number) WHERE status = 'checked_in' (migration 0002) enforces it on
    SQLite and PostgreSQL; the check-in maps its violation to BADGE_IN_USE. Badge numbers are
    normalised before they are stored or compared (``normalise_badge``: upper case, no spaces),
    so " v-01 " is the badge "V-01".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field, field_serializer
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello import api
from sportello_visitors import models as m
from sportello_visitors.settings import VisitorsSettings

VISITOR_ARRIVED = "visitors.visitor.arrived"
#: What the host receives when their visitor checks in.
HOST_NOTIFICATION = api.NotificationKind(
    name="visitors.visitor_arrived",
    title="Your visitor has arrived",
    audience="staff",
    channels=("email", "in_app"),
    params=("visitor", "company", "badge", "site"),
    description="Sent to the host when the desk checks their visitor in.",
)
VISITOR_LEFT = "visitors.visitor.left"
#: The partial unique index of migration 0002 (one checked-in visitor per badge and site).
BADGE_INDEX = "visitors_visit_badge_in_use"
MANAGE = "visitors.manage"

#: Visits that ended without the visitor coming in (the purge counts from the expected time).
NEVER_ARRIVED = (m.PLANNED, m.CANCELLED)
#: How a visit reads in reception's lists (``Arrival.arrivalStatus``); others read as they are.
ARRIVAL_STATUS = {m.PLANNED: "expected", m.CHECKED_IN: "arrived", m.CHECKED_OUT: "left"}


def arrival_status(status: str) -> str:
    """A visit's status in reception's words: expected, arrived, left, cancelled."""
    return ARRIVAL_STATUS.get(status, status)


class VisitorArrived(BaseModel):
    """Payload of ``visitors.visitor.arrived``: a visitor checked in, notify the host."""

    visit_id: int = Field(description="The visit's id")
    host_party_id: int = Field(description="The host's Party id")
    visitor_name: str = Field(description="The visitor's name, as planned")
    company: str = Field(description="The visitor's company (may be empty)")
    badge_number: str = Field(description="The badge handed out")
    arrived_at: dt.datetime = Field(
        description="Check-in time, ISO 8601", json_schema_extra={"format": "date-time"}
    )

    @field_serializer("arrived_at", when_used="json")
    def _iso(self, value: dt.datetime) -> str:
        # As published before payloads were typed: isoformat ("+00:00", not "Z").
        return value.isoformat()


class VisitorLeft(BaseModel):
    """Payload of ``visitors.visitor.left``: a visitor checked out."""

    visit_id: int = Field(description="The visit's id")
    host_party_id: int = Field(description="The host's Party id")
    badge_number: str | None = Field(description="The badge given back")


_settings = VisitorsSettings()


def configure(settings: VisitorsSettings | None) -> None:
    """Called at startup with the validated ``[modules.visitors]`` table."""
    global _settings
    _settings = settings or VisitorsSettings()


def settings() -> VisitorsSettings:
    return _settings


def now() -> dt.datetime:
    """Current time (UTC); tests may monkeypatch it."""
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


async def _visit(actor: api.Actor, visit_id: int) -> m.Visit:
    visit: m.Visit = await api.get_or_error(m.Visit, visit_id, "id")
    if not actor.may_see_site(visit.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    return visit


def _host_of(actor: api.Actor, host_id: int | None) -> int:
    """The desk plans for any host; an employee (``visitors.plan``) for their own party only."""
    if actor.has(MANAGE):
        if host_id is not None:
            return host_id
        if actor.party_id is None:
            raise api.ServiceError("REQUIRED", "core.required", "hostId")
        return actor.party_id
    if actor.party_id is None:
        raise api.ServiceError("FORBIDDEN", "visitors.own_visits_only", "hostId")
    if host_id is not None and host_id != actor.party_id:
        raise api.ServiceError("FORBIDDEN", "visitors.own_visits_only", "hostId")
    return actor.party_id


async def plan(
    actor: api.Actor,
    site_id: int,
    host_id: int | None,
    visitor_name: str,
    expected_at: dt.datetime,
    *,
    company: str = "",
    purpose: str = "",
    visitor_id: int | None = None,
) -> m.Visit:
    """A host employee (or the desk for a host) pre-registers a visitor."""
    if not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    host_id = _host_of(actor, host_id)
    if not visitor_name.strip():
        raise api.ServiceError("REQUIRED", "core.required", "visitorName")
    async with api.atomic():
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        host = api.PartyModel.filter(id=host_id, anonymised_at=None)
        if host_id != actor.party_id:  # the desk plans for hosts known at its sites
            host = api.visible_parties(host, actor)
        if not await host.exists():
            raise api.ServiceError("NOT_FOUND", "core.not_found", "hostId")
        # With an office keeping the staff (hr), a host is an employee working at the site.
        if await api.staff_member(host_id, site_id) is False:
            raise api.ServiceError("HOST_NOT_EMPLOYEE", "visitors.host_not_employee", "hostId")
        if visitor_id is not None:
            if not await api.may_see_party(actor, visitor_id):
                raise api.ServiceError("NOT_FOUND", "core.not_found", "visitorId")
            # Under the visitor's party lock: an erasure running meanwhile either finishes
            # first (NOT_FOUND) or sees this visit's name, company and purpose and erases them.
            await api.lock_live_party(visitor_id, "visitorId")
        await api.link_party_to_site(host_id, site_id)
        if visitor_id is not None:
            await api.link_party_to_site(visitor_id, site_id)
        visit = await m.Visit.create(
            site_id=site_id,
            host_id=host_id,
            visitor_id=visitor_id,
            visitor_name=visitor_name.strip(),
            company=company.strip(),
            purpose=purpose.strip(),
            expected_at=_aware(expected_at),
        )
        await api.record(
            actor,
            "visitPlan",
            visit,
            after={
                "visitor_name": visit.visitor_name,
                "host_id": host_id,
                "expected_at": expected_at,
            },
        )
    return visit


def normalise_badge(badge_number: str) -> str:
    """The badge as printed on it: upper case, without spaces (" v 01 " is "V01")."""
    return "".join(badge_number.split()).upper()


def _badge_clash(exc: IntegrityError) -> bool:
    text = f"{exc} {getattr(exc, '__cause__', '') or ''}"
    return BADGE_INDEX in text or "visitors_visit.badge_number" in text


async def check_in(actor: api.Actor, visit_id: int, badge_number: str) -> m.Visit:
    """The visitor is at the desk: badge handed out, host notified by an event."""
    badge = normalise_badge(badge_number)
    if not badge:
        raise api.ServiceError("REQUIRED", "core.required", "badgeNumber")
    visit = await _visit(actor, visit_id)
    try:
        return await _check_in(actor, visit, badge)
    except IntegrityError as exc:
        # Another desk handed out the same badge concurrently: the unique index refused it.
        if _badge_clash(exc):
            raise api.ServiceError("BADGE_IN_USE", "visitors.badge_in_use", "badgeNumber") from None
        raise


async def badge_taken(site_id: int, badge: str, visit_id: int) -> bool:
    """The friendly early answer; the unique index is what enforces it under concurrency."""
    taken = m.Visit.filter(site_id=site_id, status=m.CHECKED_IN, badge_number=badge)
    return await taken.exclude(id=visit_id).exists()


async def _check_in(actor: api.Actor, visit: m.Visit, badge: str) -> m.Visit:
    async with api.atomic():
        if await badge_taken(visit.site_id, badge, visit.id):
            raise api.ServiceError("BADGE_IN_USE", "visitors.badge_in_use", "badgeNumber")
        at = now()
        done = await m.Visit.filter(id=visit.id, status=m.PLANNED).update(
            status=m.CHECKED_IN, badge_number=badge, checked_in_at=at
        )
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "visitors.invalid_transition", "id")
        visit = await m.Visit.get(id=visit.id)
        await api.record(
            actor, "visitCheckIn", visit, before={"status": m.PLANNED}, after={"badge": badge}
        )
        await _tell_host(visit)
        arrived = VisitorArrived(
            visit_id=visit.id,
            host_party_id=visit.host_id,
            visitor_name=visit.visitor_name,
            company=visit.company,
            badge_number=badge,
            arrived_at=at,
        )
        await api.publish(
            VISITOR_ARRIVED, arrived, aggregate=f"visit:{visit.id}", site_id=visit.site_id
        )
    return visit


async def _tell_host(visit: m.Visit) -> None:
    """The host hears of the arrival by email and in the app, in their language; queued in the
    check-in's transaction, sent after commit (a kind switched off at the site sends nothing)."""
    site = await api.SiteModel.get(id=visit.site_id)
    await api.notify(
        HOST_NOTIFICATION.name,
        party_ids=[visit.host_id],
        site_id=visit.site_id,
        params={
            "visitor": visit.visitor_name,
            "company": f" ({visit.company})" if visit.company else "",
            "badge": visit.badge_number or "",
            "site": site.name,
        },
        key=f"visit:{visit.id}:arrived",
    )


async def cancel(actor: api.Actor, visit_id: int) -> m.Visit:
    """A planned visit will not happen: PLANNED -> CANCELLED (the host's own, or by the desk)."""
    visit = await _visit(actor, visit_id)
    if not actor.has(MANAGE) and visit.host_id != actor.party_id:
        raise api.ServiceError("FORBIDDEN", "visitors.own_visits_only", "id")
    async with api.atomic():
        done = await m.Visit.filter(id=visit.id, status=m.PLANNED).update(status=m.CANCELLED)
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "visitors.invalid_transition", "id")
        visit = await m.Visit.get(id=visit.id)
        await api.record(
            actor,
            "visitCancel",
            visit,
            before={"status": m.PLANNED},
            after={"status": m.CANCELLED},
        )
    return visit


async def check_out(actor: api.Actor, visit_id: int) -> m.Visit:
    visit = await _visit(actor, visit_id)
    async with api.atomic():
        done = await m.Visit.filter(id=visit.id, status=m.CHECKED_IN).update(
            status=m.CHECKED_OUT, checked_out_at=now()
        )
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "visitors.invalid_transition", "id")
        visit = await m.Visit.get(id=visit.id)
        await api.record(
            actor,
            "visitCheckOut",
            visit,
            before={"status": m.CHECKED_IN},
            after={"status": m.CHECKED_OUT},
        )
        left = VisitorLeft(
            visit_id=visit.id, host_party_id=visit.host_id, badge_number=visit.badge_number
        )
        await api.publish(VISITOR_LEFT, left, aggregate=f"visit:{visit.id}", site_id=visit.site_id)
    return visit


async def purge(actor: api.Actor = api.SYSTEM, *, retention_days: int | None = None) -> int:
    """Delete visits that ended more than ``retention_days`` ago (default: the setting).

    Ended: checked out (by check-out time), or planned/cancelled and never arrived (by the
    expected time). Visitors still checked in are never purged.
    """
    days = retention_days if retention_days is not None else _settings.retention_days
    cutoff = now() - dt.timedelta(days=days)
    async with api.atomic():
        out = m.Visit.filter(status=m.CHECKED_OUT, checked_out_at__lt=cutoff)
        never = m.Visit.filter(status__in=NEVER_ARRIVED, expected_at__lt=cutoff)
        ids = [*await out.values_list("id", flat=True), *await never.values_list("id", flat=True)]
        if ids:
            await m.Visit.filter(id__in=ids).delete()
        await api.record(
            actor,
            "visitorsPurge",
            object_type="Visit",
            object_id="*",
            after={"deleted": len(ids), "retention_days": days},
        )
    return len(ids)


def present_queryset(site_ids: frozenset[int] | None) -> QuerySet[m.Visit]:
    qs = m.Visit.filter(status=m.CHECKED_IN)
    if site_ids is not None:
        qs = qs.filter(site_id__in=list(site_ids))
    return qs


async def arrivals_for_hook(site_ids: frozenset[int] | None, day: dt.date) -> list[m.Visit]:
    """Visits expected on ``day``, a local date of each site (its time zone)."""
    windows = api.day_windows(await api.site_zones(site_ids), day)
    if not windows:
        return []
    on_day = Q(
        *(
            Q(site_id__in=sids, expected_at__gte=start, expected_at__lt=end)
            for sids, start, end in windows
        ),
        join_type="OR",
    )
    return list(await m.Visit.filter(on_day).exclude(status=m.CANCELLED))


async def present_for_hook(site_ids: frozenset[int] | None) -> list[m.Visit]:
    return list(await present_queryset(site_ids))


async def party_data(party_id: int) -> dict[str, Any]:
    visits = await m.Visit.filter(visitor_id=party_id).order_by("expected_at")
    return {
        "visits": [
            {
                "id": v.id,
                "visitor_name": v.visitor_name,
                "expected_at": v.expected_at.isoformat(),
                "company": v.company,
                "purpose": v.purpose,
                "status": v.status,
                "badge_number": v.badge_number,
                "checked_in_at": v.checked_in_at.isoformat() if v.checked_in_at else None,
                "checked_out_at": v.checked_out_at.isoformat() if v.checked_out_at else None,
            }
            for v in visits
        ]
    }


async def party_erase(party_id: int) -> api.ErasureReport:
    """Anonymise the party's visits as a visitor (the log row stays until the purge)."""
    erased: tuple[str, ...] = ()
    async with api.atomic():
        visits = await m.Visit.filter(visitor_id=party_id).values_list("id", flat=True)
        changed = await m.Visit.filter(visitor_id=party_id).update(
            visitor_name="[erased]", company="", purpose=""
        )
        # The host's message named the visitor.
        for visit_id in visits:
            await api.notify_erase(f"visit:{visit_id}:arrived")
        if changed:
            erased = (
                "visitors_visit.visitor_name",
                "visitors_visit.company",
                "visitors_visit.purpose",
            )
    return api.ErasureReport("visitors", erased=erased)
