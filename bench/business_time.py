"""Due times on business calendars: 10,000 open items across a handful of calendars.

    .venv/bin/python -m bench.business_time                  # SQLite, 10,000 items, 5 rounds
    .venv/bin/python -m bench.business_time --db postgres --items 10000 --rounds 5

What the SLA engine does for a page of clocks or a sweep: resolve the calendar of every item's
site in one bulk call (``api.business_times``: a fixed number of queries), then add each item's
target (minutes to weeks of business time, some legal deadlines in calendar or business days)
to its start. Each round starts cold (the process cache of built calendars emptied) and is
timed from the bulk call to the last due time; the budget is 1 s for 10,000 items. The very
first run of a process also imports the holidays library's country tables: reported apart.
The sites, calendars and items are built here; ``items()`` and ``due_times()`` are reusable.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUDGET_S = 1.0
#: site code, zone, country, subdivision, hours (weekday, start, end), or None: no calendar of
#: its own (the organisation's default applies)
SITES: list[tuple[str, str, str | None, str | None, list[tuple[int, str, str]] | None]] = [
    (
        "TOWNHALL",
        "Europe/Rome",
        "IT",
        "RM",
        [(d, "08:30", "12:30") for d in range(5)] + [(d, "14:30", "17:00") for d in (1, 3)],
    ),
    ("HOTEL", "Europe/Rome", None, None, [(d, "00:00", "24:00") for d in range(7)]),
    (
        "HQ",
        "Europe/Rome",
        "IT",
        "BO",
        [(d, "09:00", "13:00") for d in range(5)] + [(d, "14:00", "18:00") for d in range(5)],
    ),
    ("ATHENS", "Europe/Athens", "GR", None, [(d, "08:00", "15:00") for d in range(5)]),
    ("MADRID", "Europe/Madrid", "ES", "MD", [(d, "09:00", "14:00") for d in range(6)]),
    ("BRANCH", "Europe/Rome", None, None, None),
]
#: The organisation's default calendar (sites without one of their own).
DEFAULT = ("Europe/Rome", "IT", None, [(d, "09:00", "17:00") for d in range(5)])
#: Targets in business minutes: 15 min to four working weeks.
TARGETS = (15, 30, 60, 240, 480, 960, 2400, 4800, 9600)


@dataclass(frozen=True)
class Item:
    site_id: int
    started_at: dt.datetime
    #: business minutes, or None for a deadline in days
    minutes: int | None
    days: int = 0
    business_days: bool = False


def items(site_ids: list[int], n: int, seed: int = 13) -> list[Item]:
    """``n`` open items over a year, one in ten with a legal deadline of 30 days."""
    rng = random.Random(seed)
    origin = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    out = []
    for i in range(n):
        start = origin + dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        site = rng.choice(site_ids)
        if i % 10 == 9:
            out.append(Item(site, start, None, 30, business_days=i % 20 == 19))
        else:
            out.append(Item(site, start, rng.choice(TARGETS)))
    return out


async def due_times(work: list[Item]) -> list[dt.datetime]:
    """The due time of every item: one bulk resolution, then pure arithmetic."""
    from sportello import api

    times = await api.business_times({(item.site_id, None) for item in work})
    out = []
    for item in work:
        bt = times[(item.site_id, None)]
        if item.minutes is None:
            out.append(bt.add_days(item.started_at, item.days, business=item.business_days))
        else:
            out.append(bt.add(item.started_at, item.minutes))
    return out


async def setup() -> list[int]:
    from sportello.calendars import services
    from sportello.parties.services import create_site
    from sportello.services import SYSTEM

    ids = []
    for code, zone, country, sub, hours in SITES:
        site = await create_site(SYSTEM, code, code.title(), timezone=zone)
        ids.append(site.id)
        if hours is not None:
            cal = await services.create_calendar(
                SYSTEM,
                code,
                [{"weekday": w, "start": s, "end": e} for w, s, e in hours],
                site_id=site.id,
                country=country,
                subdivision=sub,
            )
            await services.add_closed_day(SYSTEM, cal.id, dt.date(2027, 8, 16), "Local closure")
    zone, country, _, hours = DEFAULT
    await services.create_calendar(
        SYSTEM,
        "Default",
        [{"weekday": w, "start": s, "end": e} for w, s, e in hours],
        timezone=zone,
        country=country,
    )
    return ids


async def measure(backend: str, n: int, rounds: int) -> dict[str, Any]:
    from sportello.calendars.services import clear_cache
    from sportello.testing import running_app

    with tempfile.TemporaryDirectory(prefix="sportello-bench-") as tmp:
        async with running_app(backend, workdir=Path(tmp)):
            work = items(await setup(), n)
            # The first computation of the process also imports the holidays library's
            # country modules: reported apart, not a cost of computing due times.
            begin = time.perf_counter()
            await due_times(work)
            first = time.perf_counter() - begin
            timings = []
            for _ in range(rounds):
                clear_cache()
                begin = time.perf_counter()
                due = await due_times(work)
                timings.append(time.perf_counter() - begin)
                assert len(due) == n
            begin = time.perf_counter()
            await due_times(work)
            warm = time.perf_counter() - begin
    return {
        "backend": backend,
        "items": n,
        "rounds": rounds,
        "median_s": statistics.median(timings),
        "max_s": max(timings),
        "warm_s": warm,
        "first_s": first,
        "budget_s": BUDGET_S,
    }


def render(result: dict[str, Any]) -> str:
    ok = "within" if result["median_s"] < result["budget_s"] else "OVER"
    return (
        f"business time, {result['backend']}: {result['items']} due times in "
        f"{result['median_s'] * 1000:.0f} ms (median of {result['rounds']} cold rounds, max "
        f"{result['max_s'] * 1000:.0f} ms; calendars cached {result['warm_s'] * 1000:.0f} ms; first"
        f" run of the process, importing the holiday tables, {result['first_s'] * 1000:.0f} ms): "
        f"{ok} the {result['budget_s']:.0f} s budget"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.db == "postgres":
        import os

        os.environ.setdefault(
            "SPORTELLO_TEST_POSTGRES_URL",
            os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        )
    result = asyncio.run(measure(args.db, args.items, args.rounds))
    print(render(result))
    return 0 if result["median_s"] < result["budget_s"] else 1


if __name__ == "__main__":
    sys.exit(main())
