"""The scheduler's own daily job: forget fired timers and job runs past their keeping time."""

from __future__ import annotations

import datetime as dt

from sportello.schedule.contract import Job, JobRun
from sportello.schedule.models import JobRun as JobRunRow
from sportello.schedule.models import Timer

#: Fired timers and job runs are kept this long (a fired key is not fired again meanwhile).
KEEP_DAYS = 90


async def purge(run: JobRun) -> None:
    before = run.due_at - dt.timedelta(days=KEEP_DAYS)
    await Timer.filter(fired_at__lt=before).delete()
    await JobRunRow.filter(ran_at__lt=before).delete()


JOB = Job(
    name="schedule.purge",
    run=purge,
    at=dt.time(3, 0),
    description=f"Forget fired timers and job runs older than {KEEP_DAYS} days",
)
