"""Reminders that something an employee holds is about to expire (a skill, a training).

One scheduled notification per thing held, keyed so that a renewal replaces the reminder
queued before: the core's notification sweeper sends it when due, in whichever process
runs first, once (a delivery row is claimed before it goes out).
"""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_hr import models as m
from sportello_hr.services._common import manager_user_ids, now

#: How long before a training expires its holder (and their manager) is reminded.
REMIND_BEFORE = dt.timedelta(days=30)
TRAINING_EXPIRING = api.NotificationKind(
    name="hr.training_expiring",
    title="Training about to expire",
    audience="staff",
    channels=("email", "in_app"),
    params=("skill", "valid_until"),
    description="Sent to an employee 30 days before a skill or training of theirs expires.",
)
TEAM_TRAINING_EXPIRING = api.NotificationKind(
    name="hr.team_training_expiring",
    title="A team member's training about to expire",
    audience="staff",
    channels=("email", "in_app"),
    params=("employee", "skill", "valid_until"),
    description="Sent to an employee's manager 30 days before a training course of theirs expires.",
)


async def schedule(
    key: str,
    employee: m.Employee,
    label: str,
    valid_until: dt.date | None,
    *,
    with_manager: bool = False,
) -> None:
    """Replace the reminder queued under ``key`` by one for ``valid_until`` (none when it
    does not expire); call it inside the change's transaction."""
    await api.notify_cancel(key)
    if valid_until is None:
        return
    due = dt.datetime.combine(valid_until - REMIND_BEFORE, dt.time(8), dt.UTC)
    # The core writes in-app notifications at once (``not_before`` schedules only what is
    # sent): a reminder for later goes by email alone, one already due on every channel.
    channels = ("email",) if due > now() else None
    params = {"skill": label, "valid_until": valid_until.isoformat()}
    if employee.user_id is not None:
        await api.notify(
            TRAINING_EXPIRING.name,
            user_ids=[employee.user_id],
            site_id=employee.site_id,
            params=params,
            channels=channels,
            not_before=due,
            key=key,
        )
    managers = (await manager_user_ids(employee) if with_manager else set()) - {employee.user_id}
    if managers:
        party = await api.PartyModel.get(id=employee.party_id)
        await api.notify(
            TEAM_TRAINING_EXPIRING.name,
            user_ids=sorted(managers),
            site_id=employee.site_id,
            params={"employee": party.display_name, **params},
            channels=channels,
            not_before=due,
            key=key,
        )
