"""hr's answers to the core's staff questions (``api.staff_member``, ``api.staff_on_duty``),
which other offices ask without importing hr: the visitor desk (is the host an employee?)
and the counter (is the clerk on duty?)."""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import Q

from sportello import api
from sportello_hr import models as m
from sportello_hr.services._common import today

#: A site keeps a roster when it has a shift within this distance of the moment asked about.
ROSTER_HORIZON = dt.timedelta(days=7)


def _current() -> Q:
    return Q(end_date=None) | Q(end_date__gte=today())


async def staff_member(party_id: int, site_id: int | None) -> bool:
    """A current employment of the person (at the site when given)."""
    qs = m.Employee.filter(_current(), party_id=party_id)
    if site_id is not None:
        qs = qs.filter(work_sites__site_id=site_id)
    return await qs.exists()


async def staff_on_duty(user_id: int, site_id: int, at: dt.datetime) -> bool | None:
    """A shift of the login's person at the site around ``at``; None for a site whose roster
    hr does not keep (no shift within a week of ``at``)."""
    if not await m.Shift.filter(
        site_id=site_id, start__lt=at + ROSTER_HORIZON, end__gt=at - ROSTER_HORIZON
    ).exists():
        return None
    parties = await api.user_party_ids([user_id])
    who = Q(user_id=user_id)
    if user_id in parties:
        who |= Q(party_id=parties[user_id])
    ids = await m.Employee.filter(who).values_list("id", flat=True)
    return await m.Shift.filter(
        employee_id__in=list(ids), site_id=site_id, start__lte=at, end__gt=at
    ).exists()
