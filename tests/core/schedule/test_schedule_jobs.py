"""Periodic jobs declared by an office: each period (and site) runs once across racing runners,
in the local time of the job or of each site; a failed run leaves nothing and is tried again."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import schedplugin

from sportello.events.models import OutboxEvent
from sportello.schedule.models import JobRun
from sportello.schedule.plugin import collect_jobs
from sportello.schedule.services import run_due_jobs

MODULES = ["schedtest"]
PLUGINS = [schedplugin]
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
#: The tests run the jobs themselves at chosen instants: none in the background.
QUIET = {"schedule": {"jobs": False}}
DAY = dt.date(2030, 3, 6)  # Rome is UTC+1 in March


def utc(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), dt.UTC)


def _ours(runs: list[str]) -> list[str]:
    return sorted(r for r in runs if r.startswith("schedtest.daily"))


async def test_a_daily_job_runs_once_per_day_across_racing_runners(
    sportello_app: Callable[..., Any],
) -> None:
    schedplugin.reset()
    async with sportello_app(MODULES, PLUGINS, **QUIET) as h:
        jobs = collect_jobs(h.runtime)
        assert {"schedtest.daily", "schedtest.sites", "schedule.purge"} <= {j.name for j in jobs}
        daily = [j for j in jobs if j.name == "schedtest.daily"]
        # 05:59 UTC is 06:59 in Rome: not yet
        assert await run_due_jobs(daily, utc(5, 59)) == []
        ran = await asyncio.gather(*(run_due_jobs(daily, utc(6, 0)) for _ in range(3)))
        assert sorted(r for runs in ran for r in runs) == ["schedtest.daily * 2030-03-06"]
        assert await run_due_jobs(daily, utc(18)) == []  # the same day, later: done
        published = await OutboxEvent.filter(name=schedplugin.JOB_RAN).count()
        assert published == 1 and schedplugin.RUNS == [("schedtest.daily", None, DAY)]
        # the next day, once again
        tomorrow = DAY + dt.timedelta(days=1)
        ran = await asyncio.gather(*(run_due_jobs(daily, utc(6, 30, tomorrow)) for _ in range(3)))
        assert sum(len(r) for r in ran) == 1
        assert await JobRun.filter(job="schedtest.daily").count() == 2


async def test_a_failed_run_leaves_nothing_and_is_tried_again(
    sportello_app: Callable[..., Any],
) -> None:
    schedplugin.reset()
    async with sportello_app(MODULES, PLUGINS, **QUIET) as h:
        daily = [j for j in collect_jobs(h.runtime) if j.name == "schedtest.daily"]
        schedplugin.FAILS[0] = 1
        assert await run_due_jobs(daily, utc(8)) == []
        assert not await JobRun.filter(job="schedtest.daily").exists()
        assert await OutboxEvent.filter(name=schedplugin.JOB_RAN).count() == 0  # rolled back
        assert _ours(await run_due_jobs(daily, utc(8, 1))) == ["schedtest.daily * 2030-03-06"]
        assert await OutboxEvent.filter(name=schedplugin.JOB_RAN).count() == 1


async def test_a_job_per_site_runs_in_each_sites_local_time(
    sportello_app: Callable[..., Any],
) -> None:
    schedplugin.reset()
    async with sportello_app(MODULES, PLUGINS, **QUIET) as h:
        ids = {}
        for code, tz in (("ATH", "Europe/Athens"), ("LIS", "Europe/Lisbon")):
            made = await h.ok(SITE, {"i": {"code": code, "name": code, "timezone": tz}})
            ids[code] = made["siteCreate"]["site"]["id"]
        sites = [j for j in collect_jobs(h.runtime) if j.name == "schedtest.sites"]
        # 00:30 UTC: 02:30 in Athens (UTC+2), 00:30 in Lisbon (UTC+0)
        ran = await asyncio.gather(*(run_due_jobs(sites, utc(0, 30)) for _ in range(2)))
        assert [r.split()[1] for runs in ran for r in runs] == [
            f"site:{(await _site_pk(ids['ATH']))}"
        ]
        ran_later = await run_due_jobs(sites, utc(2, 0))
        assert [r.split()[1] for r in ran_later] == [f"site:{await _site_pk(ids['LIS'])}"]
        assert await run_due_jobs(sites, utc(23, 0)) == []  # Athens' next day is 22:00 UTC
        assert len(await run_due_jobs(sites, utc(0, 0, DAY + dt.timedelta(days=1)))) == 1


async def test_an_hourly_job_runs_once_an_hour(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, PLUGINS, **QUIET) as h:
        hourly = [j for j in collect_jobs(h.runtime) if j.name == "schedtest.hourly"]
        assert await run_due_jobs(hourly, utc(8, 59)) == ["schedtest.hourly * 2030-03-06T08"]
        assert await run_due_jobs(hourly, utc(9, 0)) == ["schedtest.hourly * 2030-03-06T09"]
        assert await run_due_jobs(hourly, utc(9, 59)) == []
        assert len(await run_due_jobs(hourly, utc(10, 45))) == 1


async def _site_pk(node_id: str) -> int:
    from sportello import api

    return int(api.decode_id(node_id, "Site", "id"))


async def test_jobs_run_in_the_server_process_unless_switched_off(
    sportello_app: Callable[..., Any],
) -> None:
    """The hourly job (at minute 0) is always due: the process's own scheduler runs it once;
    with ``[schedule] jobs = false`` (cron runs them) it does not."""
    fast = {"sweep_seconds": 0.1}
    async with sportello_app(MODULES, PLUGINS, schedule=fast):
        for _ in range(100):
            if await JobRun.filter(job="schedtest.hourly").exists():
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # more sweeps: still one run
        assert await JobRun.filter(job="schedtest.hourly").count() == 1
    async with sportello_app(MODULES, PLUGINS, schedule={**fast, "jobs": False}):
        await asyncio.sleep(0.5)
        assert not await JobRun.filter(job="schedtest.hourly").exists()
