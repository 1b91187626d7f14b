"""What an office declares to the scheduler: periodic jobs (``Office(jobs=[...])`` or the
``sportello_jobs`` hook)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

DAILY = "daily"
HOURLY = "hourly"
EVERY = (DAILY, HOURLY)


@dataclass(frozen=True)
class JobRun:
    """What a job's ``run`` is told: which period (and site) it runs for."""

    job: str
    #: The period's local day (the site's time zone for a job per site)
    day: dt.date
    #: The local time the period's run was due at, as an aware datetime
    due_at: dt.datetime
    #: The site of a job per site; None for a job of the installation
    site_id: int | None = None


@dataclass(frozen=True)
class Job:
    """Timed work of an office, run once per period by whichever server process gets there
    first, inside the transaction that claims the period: if ``run`` raises, nothing it wrote
    stays and the period is tried again at the next sweep.

    ``every`` is ``daily`` (at ``at`` local time) or ``hourly`` (at ``at.minute`` past each
    hour). Local time is the time zone of each site when ``per_site`` (one run per site and
    day), otherwise ``zone``: a zone name, or a function returning one (an office's setting).
    A period when no process ran is not run afterwards: a job catches up itself (sending
    everything overdue, auditing every night not yet audited).
    """

    name: str
    run: Callable[[JobRun], Awaitable[object]]
    every: str = DAILY
    at: dt.time = dt.time(0, 0)
    per_site: bool = False
    zone: str | Callable[[], str] = "UTC"
    description: str = ""

    def __post_init__(self) -> None:
        if self.every not in EVERY:
            raise ValueError(f"job {self.name}: every must be one of {', '.join(EVERY)}")

    def zone_name(self) -> str:
        return self.zone() if callable(self.zone) else self.zone
