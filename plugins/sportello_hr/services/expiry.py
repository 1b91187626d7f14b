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
    description=(
        "Sent to an employee, and for a course also to their manager, 30 days before a"
        " training of theirs expires."
    ),
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
    users = {employee.user_id} if employee.user_id is not None else set()
    if with_manager:
        users |= await manager_user_ids(employee)
    if not users:
        return
    due = dt.datetime.combine(valid_until - REMIND_BEFORE, dt.time(8), dt.UTC)
    # The core writes in-app notifications at once (``not_before`` schedules only what is
    # sent): a reminder for later goes by email alone, one already due on every channel.
    later = due > now()
    await api.notify(
        TRAINING_EXPIRING.name,
        user_ids=sorted(users),
        site_id=employee.site_id,
        params={"skill": label, "valid_until": valid_until.isoformat()},
        channels=("email",) if later else None,
        not_before=due,
        key=key,
    )
