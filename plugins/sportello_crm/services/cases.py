"""Cases taken at the desk: create, triage, take. Routing and closing are in ``routing``.

Every change to a case is one conditional UPDATE naming the status (and the version the
caller saw, when it gives one) in its WHERE clause: of two clerks acting on the same case at
once, exactly one changes it and the other gets CONFLICT. The SLA clock of the case (office
``crm``, item ``case``) starts at creation and is reassessed when triage changes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c
from sportello_crm.services import notices
from sportello_crm.services.interactions import LinkTarget, add_links, visible_interaction


async def create(
    actor: api.Actor,
    site_id: int,
    subject: str,
    channel: str,
    *,
    kind: str = m.REQUEST,
    party_id: int | None = None,
    description: str = "",
    category: str = "",
    priority: str = m.NORMAL,
    links: Sequence[LinkTarget] = (),
    interaction_ids: Sequence[int] = (),
    message_id: str | None = None,
) -> m.Case:
    """A case taken at the desk (or from an email, a web form, a call): OPEN, clock started,
    the requester told its reference."""
    if not c.clean(subject):
        raise api.ServiceError("REQUIRED", "core.required", "subject")
    if channel not in m.CHANNELS:
        raise api.ServiceError("INVALID", "crm.channel_invalid", "channel")
    check_kind_priority(kind, priority)
    if not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    async with api.atomic():
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        if party_id is not None:
            await api.require_party(actor, party_id, "partyId", lock=True, link_to=site_id)
        interactions = [
            await visible_interaction(actor, i, "interactionIds") for i in interaction_ids
        ]
        if any(i.site_id != site_id for i in interactions):
            raise api.ServiceError("INVALID", "crm.case_other_site", "interactionIds")
        at = c.now()
        case = await m.Case.create(
            site_id=site_id,
            kind=kind,
            party_id=party_id,
            subject=c.clean(subject),
            description=description.strip(),
            channel=channel,
            category=c.clean(category),
            priority=priority,
            thread_key=message_id,
            created_by_id=actor.user_id,
            created_at=at,
        )
        if interactions:
            await m.Interaction.filter(id__in=[i.id for i in interactions]).update(case_id=case.id)
        await add_links(case_id=case.id, links=links)
        await c.entry(actor, case, m.CREATED, note=case.description, at=at)
        await api.sla_start(
            c.OFFICE,
            c.CASE_ITEM,
            case.id,
            site_id=site_id,
            category=case.category or None,
            priority=case.priority,
            party_id=party_id,
            channel=channel,
            at=at,
        )
        await api.record(
            actor,
            "caseCreate",
            case,
            after={"subject": case.subject, "kind": kind, "channel": channel, "party_id": party_id},
        )
        await notices.tell_party(notices.CASE_RECEIVED, case)
        await c.publish_case(c.CASE_CREATED, case)
    return case


def check_kind_priority(kind: str | None, priority: str | None) -> None:
    if kind is not None and kind not in m.KINDS:
        raise api.ServiceError("INVALID", "crm.kind_invalid", "kind")
    if priority is not None and priority not in m.PRIORITIES:
        raise api.ServiceError("INVALID", "crm.priority_invalid", "priority")


async def change(
    case: m.Case,
    version: int | None,
    statuses: Sequence[str],
    field: str = "id",
    **values: Any,
) -> m.Case:
    """One conditional UPDATE: the case still in one of ``statuses`` and at the version the
    caller saw (``version``, or the one just read). Zero rows: someone else changed it."""
    seen = case.version if version is None else version
    done = await m.Case.filter(id=case.id, version=seen, status__in=list(statuses)).update(
        version=seen + 1, updated_at=c.now(), **values
    )
    if done != 1:
        fresh = await m.Case.get(id=case.id)
        if fresh.version != seen:
            raise api.ServiceError("CONFLICT", "crm.case_changed", "version")
        raise api.ServiceError("INVALID_TRANSITION", "crm.invalid_transition", field)
    return await m.Case.get(id=case.id)


async def triage(
    actor: api.Actor,
    case_id: int,
    *,
    category: str | None = None,
    priority: str | None = None,
    kind: str | None = None,
    version: int | None = None,
) -> m.Case:
    """The desk sorts the case: category, priority, kind. The SLA clock follows."""
    check_kind_priority(kind, priority)
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        values: dict[str, Any] = {}
        if category is not None:
            values["category"] = c.clean(category)
        if priority is not None:
            values["priority"] = priority
        if kind is not None:
            values["kind"] = kind
        before = {k: getattr(case, k) for k in values}
        case = await change(case, version, m.ACTIVE, **values)
        note = ", ".join(f"{k}: {v}" for k, v in values.items())
        await c.entry(actor, case, m.TRIAGED, from_status=case.status, note=note)
        await api.sla_reassess(
            c.OFFICE,
            c.CASE_ITEM,
            case.id,
            category=case.category or None,
            priority=case.priority,
        )
        await api.record(actor, "caseTriage", case, before=before, after=values)
    return case


async def take(actor: api.Actor, case_id: int, version: int | None = None) -> m.Case:
    """A clerk takes a case nobody has taken (or that the version they saw says is theirs to
    take): of two clerks taking it at once, one gets it."""
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        seen = case.version if version is None else version
        done = await m.Case.filter(
            id=case.id, version=seen, assignee_id=None, status__in=list(m.ACTIVE)
        ).update(assignee_id=actor.user_id, version=seen + 1, updated_at=c.now())
        if done != 1:
            fresh = await m.Case.get(id=case.id)
            if fresh.status == m.RESOLVED:
                raise api.ServiceError("INVALID_TRANSITION", "crm.invalid_transition", "id")
            if fresh.assignee_id is not None and fresh.assignee_id != actor.user_id:
                raise api.ServiceError("ALREADY_TAKEN", "crm.already_taken", "id")
            raise api.ServiceError("CONFLICT", "crm.case_changed", "version")
        case = await m.Case.get(id=case.id)
        await c.entry(actor, case, m.TAKEN, from_status=case.status)
        await api.sla_respond(c.OFFICE, c.CASE_ITEM, case.id)
        await api.record(actor, "caseTake", case, after={"assignee_id": actor.user_id})
    return case


async def add_note(actor: api.Actor, case_id: int, note: str) -> m.Case:
    if not c.clean(note):
        raise api.ServiceError("REQUIRED", "core.required", "note")
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        await c.entry(actor, case, m.NOTE, from_status=case.status, note=note.strip())
        await api.record(actor, "caseNoteAdd", case, after={"note": True})
    return case
