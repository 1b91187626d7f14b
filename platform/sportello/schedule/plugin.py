"""The core scheduler, a core service written as a plugin: one-shot timers offices set through
``sportello.api`` (``schedule_at``, ``cancel_timer``) and the periodic jobs they declare
(``Office(jobs=[...])``, hook ``sportello_jobs``), swept in every server process."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from sportello import __version__, hookimpl
from sportello.contract import Command, ModelSet, PluginInfo
from sportello.errors import PluginError
from sportello.hookcall import call_each
from sportello.schedule.contract import Job
from sportello.schedule.services import fire_due, purge, run_due_jobs
from sportello.sweeping import SweepLoop


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="schedule", title="Scheduler", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("schedule", ("sportello.schedule.models",), "sportello.schedule.migrations")


@hookimpl
def sportello_jobs() -> list[Job]:
    return [purge.JOB]


def collect_jobs(runtime: Any) -> list[Job]:
    """Every enabled plugin's jobs; two with one name are a startup error naming both."""
    found: dict[str, tuple[str, Job]] = {}
    for plugin, jobs in call_each(runtime.pm, "sportello_jobs"):
        for job in jobs:
            if job.name in found:
                raise PluginError(
                    f"job '{job.name}' is declared by '{found[job.name][0]}' and '{plugin}'"
                )
            found[job.name] = (plugin, job)
    return [job for _, job in found.values()]


class Scheduler:
    """What one process sweeps: due timers, then due periods of the jobs."""

    def __init__(self, jobs: Sequence[Job], *, timers: bool = True, run_jobs: bool = True):
        self.jobs = list(jobs)
        self.timers = timers
        self.run_jobs = run_jobs

    async def sweep(self) -> None:
        if self.timers:
            await fire_due()
        if self.run_jobs and self.jobs:
            await run_due_jobs(self.jobs)


@hookimpl
async def sportello_startup(runtime: Any) -> None:
    config = runtime.settings.schedule
    scheduler = Scheduler(collect_jobs(runtime), timers=config.timers, run_jobs=config.jobs)
    runtime.state["schedule.jobs"] = scheduler.jobs
    if config.timers or config.jobs:
        loop = SweepLoop("schedule", scheduler.sweep, config.sweep_seconds)
        runtime.state["schedule"] = loop
        loop.start()


@hookimpl
async def sportello_shutdown(runtime: Any) -> None:
    loop = runtime.state.pop("schedule", None)
    if loop is not None:
        await loop.stop()


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=("run", "jobs"),
        help="run: fire the due timers and run the due jobs once (from cron); jobs: list them",
    )


async def _command(args: argparse.Namespace, runtime: Any) -> int:
    jobs = collect_jobs(runtime)
    if args.action == "jobs":
        for job in jobs:
            where = "per site" if job.per_site else f"in {job.zone_name()}"
            print(f"{job.name}: {job.every} at {job.at:%H:%M} {where}. {job.description}")
        return 0
    fired = await fire_due()
    ran = await run_due_jobs(jobs)
    print(f"schedule: {fired} timer(s) fired, {len(ran)} job run(s)")
    for line in ran:
        print(f"  {line}")
    return 0


@hookimpl
def sportello_cli_commands() -> list[Command]:
    return [
        Command(
            "schedule",
            "Fire due timers and run due periodic jobs once (cron), or list the jobs",
            _command,
            _configure,
        )
    ]
