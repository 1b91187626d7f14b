"""A test office with a timed event (and its handler) and periodic jobs, one of the
installation and one per site, whose runs publish an event in the job's transaction."""

from __future__ import annotations

import asyncio
import datetime as dt

from pydantic import BaseModel

from sportello import api

RANG = "schedtest.rang"
JOB_RAN = "schedtest.job_ran"
#: payloads the handler of ``schedtest.rang`` received
HEARD: list[dict[str, object]] = []
#: runs of the jobs, as (job, site, day), in this process
RUNS: list[tuple[str, int | None, dt.date]] = []
#: how many runs of the daily job fail before it works
FAILS: list[int] = [0]


class Rang(BaseModel):
    what: str


def reset() -> None:
    HEARD.clear()
    RUNS.clear()
    FAILS[0] = 0


async def _heard(event: api.Event) -> None:
    HEARD.append(dict(event.payload))


async def _daily(run: api.JobRun) -> None:
    await asyncio.sleep(0.05)  # long enough for racing runners to overlap
    await api.publish(JOB_RAN, {"job": run.job, "day": run.day.isoformat()}, aggregate="schedtest")
    if FAILS[0] > 0:
        FAILS[0] -= 1
        raise RuntimeError("the job's first try fails")
    RUNS.append((run.job, run.site_id, run.day))


async def _per_site(run: api.JobRun) -> None:
    RUNS.append((run.job, run.site_id, run.day))


office = api.Office(
    name="schedtest",
    title="Scheduler test office",
    event_types=[api.EventType(RANG, payload=Rang), api.EventType(JOB_RAN)],
    event_handlers=[api.EventHandler(RANG, "schedtest.heard", _heard)],
    jobs=[
        api.Job("schedtest.daily", _daily, at=dt.time(7, 0), zone="Europe/Rome"),
        api.Job("schedtest.sites", _per_site, at=dt.time(2, 0), per_site=True),
        api.Job("schedtest.hourly", _per_site, every="hourly", at=dt.time(0, 0)),
    ],
)
