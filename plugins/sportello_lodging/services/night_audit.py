"""The night audit: per site and business day, post each in-house stay's room night, mark the
day's arrivals that did not come as no-shows, and close the day.

The close is one conditional UPDATE of the day's row (``closed_at IS NULL``): two runs at once,
or a run repeated, close it once and post nothing twice; the loser finds it closed and returns
it. Locks are taken in the order every posting takes them (the reservations, then the day's
row, see ``business_days``), so a desk posting in flight finishes first and one that comes
after is dated on the next day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from tortoise.expressions import Q

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import business_days, clock, config
from sportello_lodging.services.nights import apply_plan, plan_nights
from sportello_lodging.services.reservations import no_show
from sportello_lodging.services.settlement import DepositHandling

#: The audit entry's operation (the mutation's name; the scheduled run records it too).
AUDIT = "nightAuditRun"


async def _site(actor: api.Actor, site_id: int) -> api.SiteModel:
    site = await api.SiteModel.get_or_none(id=site_id)
    if site is None or not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    return site


async def _post_nights(stays: list[m.Reservation], day: dt.date) -> int:
    """Every night up to ``day`` of the stays not posted yet (one query for their lines, one
    insert), dated on ``day``; the number of room nights posted."""
    if not stays:
        return 0
    ids = [res.id for res in stays]
    lines: dict[int, list[m.FolioLine]] = defaultdict(list)
    for line in await m.FolioLine.filter(reservation_id__in=ids, kind__in=(m.ROOM, m.CITY_TAX)):
        lines[line.reservation_id].append(line)
    births: dict[int, list[dt.date | None]] = defaultdict(list)
    settings = config.settings()
    if settings.city_tax_per_person_night > 0 and settings.city_tax_exempt_under_age > 0:
        rows = await m.GuestRegistration.filter(reservation_id__in=ids).values_list(
            "reservation_id", "birth_date"
        )
        for rid, birth in rows:
            births[rid].append(birth)
    stale: list[int] = []
    new: list[m.FolioLine] = []
    for res in stays:
        drop, add = plan_nights(res, lines[res.id], births[res.id], day + dt.timedelta(days=1))
        stale += drop
        new += add
    # Days close in order: the ones before ``day`` are closed, ``day`` itself is being closed.
    every = [line for rows in lines.values() for line in rows]
    await apply_plan(every, stale, new, day, day - dt.timedelta(days=1))
    return sum(1 for line in new if line.kind == m.ROOM)


async def run(actor: api.Actor, site_id: int, day: dt.date) -> m.BusinessDay:
    """Audit and close ``day`` at the site; the closed day (already closed: as it was).

    Refused: a day after today at the site (FUTURE_DAY; today may be closed late in the
    evening, its arrivals not due yet are then left to the desk), a day after an open one once the site has closed days
    (PREVIOUS_DAY_OPEN: days close in order), a day before the first closed one (DAY_CLOSED).
    """
    site = await _site(actor, site_id)
    today = clock.today(site.timezone)
    if day > today:
        raise api.ServiceError("FUTURE_DAY", "lodging.audit_future_day", "day")
    last = await business_days.last_closed(site_id)
    if last is not None and day <= last:
        row = await m.BusinessDay.get_or_none(site_id=site_id, day=day)
        if row is None:
            raise api.ServiceError("DAY_CLOSED", "lodging.audit_day_closed", "day")
        return await _already_closed(actor, row)
    if last is not None and day > last + dt.timedelta(days=1):
        raise api.ServiceError(
            "PREVIOUS_DAY_OPEN",
            "lodging.audit_previous_open",
            "day",
            day=(last + dt.timedelta(days=1)).isoformat(),
        )
    await m.BusinessDay.bulk_create(
        [m.BusinessDay(site_id=site_id, day=day)], ignore_conflicts=True
    )
    async with api.atomic():
        # The stays the audit changes, locked before the day's row (the order postings use).
        rows = (
            await m.Reservation.filter(
                Q(status=m.CHECKED_IN, arrival__lte=day, departure__gt=day)
                | Q(status=m.CONFIRMED, arrival__lte=day),
                site_id=site_id,
            )
            .select_for_update()
            .order_by("id")
        )
        closed = await m.BusinessDay.filter(site_id=site_id, day=day, closed_at=None).update(
            closed_at=clock.now(), closed_by_id=actor.user_id
        )
        if closed != 1:  # another run closed it meanwhile
            return await _already_closed(actor, await m.BusinessDay.get(site_id=site_id, day=day))
        no_shows = 0
        with business_days.audit_posting(day):
            if config.settings().night_audit_no_shows:
                handling = DepositHandling(config.settings().night_audit_no_show_deposit)
                for res in rows:
                    if res.status != m.CONFIRMED:
                        continue
                    try:
                        await no_show(actor, res.id, handling)
                    except api.ServiceError:
                        continue  # not due yet (before the check-in hour): the desk decides
                    no_shows += 1
            stays = [res for res in rows if res.status == m.CHECKED_IN]
            posted = await _post_nights(stays, day)
        await m.BusinessDay.filter(site_id=site_id, day=day).update(
            nights_posted=posted, no_shows=no_shows
        )
        row = await m.BusinessDay.get(site_id=site_id, day=day)
        await api.record(
            actor,
            AUDIT,
            row,
            after={
                "day": day.isoformat(),
                "nights_posted": posted,
                "no_shows": no_shows,
                "scheduled": actor.user_id is None,
            },
            site_id=site_id,
        )
    return row


async def _already_closed(actor: api.Actor, row: m.BusinessDay) -> m.BusinessDay:
    """A run finding its day closed: nothing done, but the run was asked for (audited)."""
    after = {"day": row.day.isoformat(), "already_closed": True}
    await api.record(actor, AUDIT, row, after=after, site_id=row.site_id)
    return row


def due_day(now: dt.datetime, timezone: str | None, hour: int) -> dt.date:
    """The last business day whose audit is due at ``now``: yesterday at the site once the
    audit hour has come, else the day before."""
    local = now.astimezone(api.zone(timezone))
    return local.date() - dt.timedelta(days=1 if local.hour >= hour else 2)


async def run_due(actor: api.Actor = api.SYSTEM) -> list[m.BusinessDay]:
    """Every site's audits due now, each open day in order (a site never audited starts with
    its due day); what was closed. Safe to run as often as wanted and from two hosts."""
    settings = config.settings()
    done: list[m.BusinessDay] = []
    for site in await api.SiteModel.filter(lodging_rooms__id__isnull=False).distinct():
        hour = settings.night_audit_hours.get(site.code, settings.night_audit_hour)
        target = due_day(clock.now(), site.timezone, hour)
        last = await business_days.last_closed(site.id)
        day = last + dt.timedelta(days=1) if last is not None else target
        while day <= target:
            row = await run(actor, site.id, day)
            done.append(row)
            day += dt.timedelta(days=1)
    return done


async def _job(run: api.JobRun) -> None:
    await run_due()


#: The night audit as a periodic job of the core scheduler: every hour, on the hour, the audits
#: due then (each site's audit hour is its own); ``lodging-night-audit`` does the same from cron.
JOB = api.Job(
    "lodging.night_audit",
    _job,
    every="hourly",
    description="Close the business days whose night audit hour has come, at every site",
)
