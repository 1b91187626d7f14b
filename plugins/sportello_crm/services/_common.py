"""What the CRM services share: the clock, the settings, events, lookups of cases."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from sportello import api
from sportello_crm import models as m
from sportello_crm.settings import CrmSettings

OFFICE = "crm"
#: The SLA engine's item type for cases.
CASE_ITEM = "case"

VIEW = "crm.view"
DESK = "crm.desk"
WORK = "crm.work"
SALES = "crm.sales"
MANAGE = "crm.manage"

INTERACTION_LOGGED = "crm.interaction.logged"
CASE_CREATED = "crm.case.created"
CASE_TRANSFERRED = "crm.case.transferred"
CASE_RESOLVED = "crm.case.resolved"
CASE_REOPENED = "crm.case.reopened"

_settings = CrmSettings()


def configure(settings: CrmSettings | None) -> None:
    """Called at startup with the validated ``[modules.crm]`` table."""
    global _settings
    _settings = settings or CrmSettings()


def settings() -> CrmSettings:
    return _settings


def now() -> dt.datetime:
    """Current time (UTC); tests may monkeypatch it."""
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def clean(value: str | None) -> str:
    return (value or "").strip()


class InteractionLogged(BaseModel):
    """Payload of ``crm.interaction.logged``."""

    interaction_id: int = Field(description="The interaction's id")
    party_id: int | None = Field(description="The party's id (null: not known yet)")
    channel: str = Field(description="phone, email, counter, web, chat, letter or social")
    direction: str = Field(description="in (from the party) or out (to the party)")
    case_id: int | None = Field(description="The case it belongs to, if any")


class CaseChanged(BaseModel):
    """Payload of the ``crm.case.*`` events."""

    case_id: int = Field(description="The case's id")
    party_id: int | None = Field(description="The requester's party id (null: anonymous)")
    status: str = Field(description="open, transferred, waiting or resolved")
    department_id: int | None = Field(description="The department working on it, if any")
    kind: str = Field(description="complaint, information or request")
    category: str = Field(description="The category the desk gave it")
    priority: str = Field(description="low, normal, high or urgent")


async def publish_case(name: str, case: m.Case) -> None:
    payload = CaseChanged(
        case_id=case.id,
        party_id=case.party_id,
        status=case.status,
        department_id=case.department_id,
        kind=case.kind,
        category=case.category,
        priority=case.priority,
    )
    await api.publish(name, payload, aggregate=f"case:{case.id}", site_id=case.site_id)


async def visible_case(actor: api.Actor, case_id: int, field: str = "id") -> m.Case:
    """The case, or NOT_FOUND for one the actor may not see."""
    case = await m.Case.filter(id=case_id).first()
    if case is None or not actor.may_see_site(case.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", field)
    return case


async def entry(
    actor: api.Actor,
    case: m.Case,
    action: str,
    *,
    from_status: str | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> m.CaseEntry:
    return await m.CaseEntry.create(
        case_id=case.id,
        action=action,
        from_status=from_status,
        to_status=case.status,
        department_id=case.department_id,
        note=note,
        user_id=actor.user_id,
        at=at or now(),
    )


async def default_site(actor: api.Actor, field: str = "siteId") -> int:
    """The site a record goes to when none is named: the caller's only site, else the
    configured ``inbound_site``, else the first site the caller works at."""
    if actor.site_ids is not None and len(actor.site_ids) == 1:
        return next(iter(actor.site_ids))
    qs = api.SiteModel.all().order_by("id")
    if actor.site_ids is not None:
        qs = qs.filter(id__in=sorted(actor.site_ids))
    code = settings().inbound_site
    if code:
        found = await qs.filter(code=code).first()
        if found is not None:
            return found.id
    first = await qs.first()
    if first is None:
        raise api.ServiceError("REQUIRED", "core.required", field)
    return first.id
