"""Periodic jobs: each period (and site) run once, by whichever process claims it first.

A sweep works out, for every job (and every site of a job per site), the current period in the
job's local time and whether its moment has come; one query reads the runs already recorded for
those periods. Each period left is claimed by inserting its ``schedule_job_run`` row (UNIQUE job,
scope, period) in a transaction that then runs the job: a second process inserting the same row
fails (on PostgreSQL it waits for the first to commit, then fails) and skips it, and a job that
raises rolls its claim back with its work, to be tried again at the next sweep.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from sportello.parties.timezones import site_zones, zone
from sportello.schedule.contract import DAILY, Job, JobRun
from sportello.schedule.models import JobRun as JobRunRow
from sportello.schedule.services._common import aware, now
from sportello.services import atomic

log = logging.getLogger("sportello.schedule")

INSTALLATION = "*"


@dataclass(frozen=True)
class _Due:
    job: Job
    scope: str
    period: str
    run: JobRun


class _Taken(Exception):
    """Another process claimed the period first."""


def _period(job: Job, local: dt.datetime) -> tuple[str, dt.datetime]:
    """The period ``local`` falls in and the local moment its run is due."""
    if job.every == DAILY:
        due = dt.datetime.combine(local.date(), job.at, local.tzinfo)
        return local.date().isoformat(), due
    due = local.replace(minute=job.at.minute, second=0, microsecond=0)
    return local.strftime("%Y-%m-%dT%H"), due


def _due_runs(job: Job, at: dt.datetime, zones: dict[int, ZoneInfo]) -> list[_Due]:
    targets: list[tuple[str, int | None, ZoneInfo]]
    if job.per_site:
        targets = [(f"site:{sid}", sid, tz) for sid, tz in sorted(zones.items())]
    else:
        targets = [(INSTALLATION, None, zone(job.zone_name()))]
    found = []
    for scope, site_id, tz in targets:
        local = at.astimezone(tz)
        period, due = _period(job, local)
        if local >= due:
            run = JobRun(job=job.name, day=local.date(), due_at=due, site_id=site_id)
            found.append(_Due(job, scope, period, run))
    return found


async def run_due_jobs(jobs: Sequence[Job], at: dt.datetime | None = None) -> list[str]:
    """Run the periods of ``jobs`` due at ``at`` (default: now) that no process ran yet;
    returns ``job scope period`` of each run this call made."""
    at = aware(at or now())
    zones = await site_zones(None) if any(job.per_site for job in jobs) else {}
    due = [d for job in jobs for d in _due_runs(job, at, zones)]
    if not due:
        return []
    done = set(
        await JobRunRow.filter(
            job__in={d.job.name for d in due}, period__in={d.period for d in due}
        ).values_list("job", "scope", "period")
    )
    ran = []
    for item in due:
        if (item.job.name, item.scope, item.period) in done:
            continue
        try:
            await _claim_and_run(item)
        except _Taken:
            continue
        except Exception:  # its work rolled back with the claim: tried again next sweep
            log.exception("schedule: job %s (%s %s) failed", item.job.name, item.scope, item.period)
            continue
        ran.append(f"{item.job.name} {item.scope} {item.period}")
    return ran


async def _claim_and_run(item: _Due) -> None:
    async with atomic():
        try:
            await JobRunRow.create(
                job=item.job.name, scope=item.scope, period=item.period, site_id=item.run.site_id
            )
        except IntegrityError:
            raise _Taken from None
        await item.job.run(item.run)
