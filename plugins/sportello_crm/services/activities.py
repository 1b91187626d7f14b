"""Activities and follow-ups: what someone must do about an opportunity or a party, by when.

A follow-up with a due time and ``remind_minutes`` reminds its owner through notifications
(``crm.follow_up_due``, in the app and by email) that many minutes before it is due; marking
it done, or moving it, withdraws the reminder that has not gone out.
"""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c
from sportello_crm.services.notices import FOLLOW_UP_DUE


def _key(activity_id: int) -> str:
    return f"crm:activity:{activity_id}"


async def _remind(activity: m.Activity) -> None:
    if activity.due_at is None or activity.remind_minutes is None or activity.owner_id is None:
        return
    due = c.aware(activity.due_at)
    at = due - dt.timedelta(minutes=activity.remind_minutes)
    # An in-app notification is shown as soon as it is queued: only for a reminder due now.
    channels = ("in_app", "email") if at <= c.now() else ("email",)
    await api.notify(
        FOLLOW_UP_DUE.name,
        user_ids=[activity.owner_id],
        site_id=activity.site_id,
        params={"title": activity.title, "due": due.strftime("%Y-%m-%d %H:%M UTC")},
        not_before=at,
        key=_key(activity.id),
        channels=channels,
    )


async def create(
    actor: api.Actor,
    title: str,
    *,
    site_id: int | None = None,
    opportunity_id: int | None = None,
    party_id: int | None = None,
    kind: str = "follow_up",
    note: str = "",
    due_at: dt.datetime | None = None,
    remind_minutes: int | None = None,
    owner_id: int | None = None,
    source_event: str | None = None,
) -> m.Activity:
    """An activity of an opportunity (its site) or of a party (at ``site_id``)."""
    if not c.clean(title):
        raise api.ServiceError("REQUIRED", "core.required", "title")
    if kind not in m.ACTIVITY_KINDS:
        raise api.ServiceError("INVALID", "crm.activity_kind_invalid", "kind")
    if remind_minutes is not None and not 0 <= remind_minutes <= 60 * 24 * 30:
        raise api.ServiceError("OUT_OF_RANGE", "crm.remind_range", "remindMinutes")
    if remind_minutes is not None and due_at is None:
        raise api.ServiceError("REQUIRED", "crm.remind_needs_due", "dueAt")
    async with api.atomic():
        if opportunity_id is not None:
            opp = await m.Opportunity.filter(id=opportunity_id).first()
            if opp is None or not actor.may_see_site(opp.site_id):
                raise api.ServiceError("NOT_FOUND", "core.not_found", "opportunityId")
            site_id = opp.site_id
            party_id = party_id if party_id is not None else opp.party_id
        if site_id is None:
            raise api.ServiceError("REQUIRED", "core.required", "siteId")
        if not actor.may_see_site(site_id):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        if party_id is not None and (opportunity_id is None or actor.site_ids is not None):
            await api.require_party(actor, party_id, "partyId", lock=True, link_to=site_id)
        owner = actor.user_id if owner_id is None else owner_id
        if owner is not None and owner != actor.user_id and not await api.user_exists(owner):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "ownerId")
        activity = await m.Activity.create(
            site_id=site_id,
            opportunity_id=opportunity_id,
            party_id=party_id,
            kind=kind,
            title=c.clean(title),
            note=note.strip(),
            due_at=c.aware(due_at) if due_at else None,
            remind_minutes=remind_minutes,
            owner_id=owner,
            source_event=source_event,
        )
        await _remind(activity)
        await api.record(
            actor,
            "activityCreate",
            activity,
            after={"title": activity.title, "kind": kind, "due_at": due_at},
        )
    return activity


async def done(actor: api.Actor, activity_id: int) -> m.Activity:
    """Done: once (a conditional UPDATE), its reminder withdrawn."""
    async with api.atomic():
        activity = await m.Activity.filter(id=activity_id).first()
        if activity is None or not actor.may_see_site(activity.site_id):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
        changed = await m.Activity.filter(id=activity.id, done_at=None).update(done_at=c.now())
        if changed != 1:
            raise api.ServiceError("INVALID_TRANSITION", "crm.activity_done", "id")
        await api.notify_cancel(_key(activity.id))
        activity = await m.Activity.get(id=activity.id)
        await api.record(actor, "activityDone", activity, after={"done": True})
    return activity


async def reschedule(
    actor: api.Actor, activity_id: int, due_at: dt.datetime, remind_minutes: int | None = None
) -> m.Activity:
    async with api.atomic():
        activity = await m.Activity.filter(id=activity_id).first()
        if activity is None or not actor.may_see_site(activity.site_id):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
        minutes = activity.remind_minutes if remind_minutes is None else remind_minutes
        if minutes is not None and not 0 <= minutes <= 60 * 24 * 30:
            raise api.ServiceError("OUT_OF_RANGE", "crm.remind_range", "remindMinutes")
        changed = await m.Activity.filter(id=activity.id, done_at=None).update(
            due_at=c.aware(due_at), remind_minutes=minutes
        )
        if changed != 1:
            raise api.ServiceError("INVALID_TRANSITION", "crm.activity_done", "id")
        await api.notify_cancel(_key(activity.id))
        activity = await m.Activity.get(id=activity.id)
        await _remind(activity)
        await api.record(actor, "activityReschedule", activity, after={"due_at": due_at})
    return activity
