"""Opening a counter: a clerk sits at it (the counter's staff becomes them, it turns active).

With a roster kept for the site (hr on), the clerk must be on duty now (``api.staff_on_duty``):
otherwise OFF_DUTY, unless the caller holds ``counter.roster_override`` and says
``override: true`` (a manager opening it for a clerk the roster missed); the override is
written to the audit trail and holds for that clerk at that counter for the rest of the
site's day (calling tickets checks the roster too). Without a roster for the site the check
does not apply. Opening a counter for someone else, or one staffed by someone else, takes
``counter.manage``.
"""

from __future__ import annotations

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common
from sportello_counter.services.catalogue import MANAGE, _counter

ROSTER_OVERRIDE = "counter.roster_override"


async def open_counter(
    actor: api.Actor, counter_id: int, *, clerk_user_id: int | None = None, override: bool = False
) -> m.Counter:
    counter = await _counter(actor, counter_id, "id")
    clerk = clerk_user_id if clerk_user_id is not None else actor.user_id
    if clerk is None:
        raise api.ServiceError("FORBIDDEN", "counter.not_your_counter", "id")
    if clerk != actor.user_id and not actor.has(MANAGE):
        raise api.ServiceError("FORBIDDEN", "counter.not_your_counter", "staffUserId")
    if clerk_user_id is not None and not await api.user_exists(clerk):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "staffUserId")
    day = _common.now().astimezone(await _common.site_zone(counter.site_id)).date()
    parties = await api.user_party_ids([clerk])
    async with api.atomic():
        locked = await m.Counter.filter(id=counter.id).select_for_update().first()
        if locked is None:
            raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
        # The roster is read under the counter's lock, in the transaction that opens it: what
        # is recorded (on duty, overridden) is what held when the counter changed hands.
        on_duty = await api.staff_on_duty(clerk, counter.site_id, _common.now())
        if on_duty is False:
            if not override:
                raise api.ServiceError("OFF_DUTY", "counter.clerk_off_duty", "id")
            if not actor.has(ROSTER_OVERRIDE):
                raise api.ServiceError("FORBIDDEN", "counter.override_forbidden", "override")
        roster = {True: "on_duty", False: "overridden", None: "no_roster"}[on_duty]
        taken = locked.staff_user_id is not None and locked.staff_user_id != clerk
        if taken and not actor.has(MANAGE):
            raise api.ServiceError("FORBIDDEN", "counter.not_your_counter", "id")
        changes = {
            "staff_user_id": clerk,
            "staff_id": parties.get(clerk),
            "active": True,
            "roster_override_user_id": clerk if on_duty is False else None,
            "roster_override_day": day if on_duty is False else None,
        }
        before = {k: getattr(locked, k) for k in changes}
        await m.Counter.filter(id=locked.id).update(**changes)
        counter = await m.Counter.get(id=locked.id)
        await api.record(
            actor, "counterOpen", counter, before=before, after={**changes, "roster": roster}
        )
    return counter
