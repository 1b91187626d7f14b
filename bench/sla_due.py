"""Due times for 10,000 open items: ``python -m bench.sla_due [--items N] [--rounds R]``.

The SLA engine's arithmetic, as a policy reassessment or a bulk start runs it, on the business
calendars of ``bench.business_time`` (six sites: Italian, Greek and Spanish holidays, breaks, a
round-the-clock one; built afresh every round): for every item the business time of its site
comes from one bulk call,
then the policy's targets (a legal deadline in business days for a third of the items, business
minutes for the others) and the due and warning times are computed. Prints the best and median
round; the target is well under 1 s for 10,000 items.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sportello.sla import engine
from sportello.sla import models as m
from sportello.sla.timing import business_times

START = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)


def _policies() -> list[m.SlaPolicy]:
    return [
        m.SlaPolicy(
            id=1,
            name="Urgent",
            first_response_minutes=30,
            resolution_minutes=240,
            warn_before_percent=20,
        ),
        m.SlaPolicy(
            id=2,
            name="Standard",
            first_response_minutes=480,
            resolution_minutes=2400,
            warn_before_minutes=60,
        ),
        m.SlaPolicy(
            id=3,
            name="Procedure",
            deadline_days=30,
            deadline_kind=m.BUSINESS,
            warn_before_percent=10,
        ),
    ]


def _items(n: int, site_ids: list[int]) -> list[dict[str, Any]]:
    items = []
    for i in range(n):
        items.append(
            {
                "key": (site_ids[i % len(site_ids)], None),
                "policy": i % 3,
                "started_at": START + dt.timedelta(minutes=7 * i % 5000),
                "used": (i * 13) % 200,
            }
        )
    return items


async def run(n: int, site_ids: list[int]) -> float:
    from sportello.calendars.services import clear_cache

    clear_cache()
    policies = _policies()
    items = _items(n, site_ids)
    began = time.perf_counter()
    clocks = await business_times({item["key"] for item in items})
    for item in items:
        bt = clocks[item["key"]]
        targets = engine.policy_targets(policies[item["policy"]], item["started_at"], bt)
        values: dict[str, Any] = {
            "state": m.RUNNING,
            "counted_from": item["started_at"] + dt.timedelta(minutes=30),
            "used_business_minutes": item["used"],
            "used_seconds": item["used"] * 60,
            "responded_at": None,
            "resolved_at": None,
            "response_breached_at": None,
            "resolution_breached_at": None,
            "response_warned_at": None,
            "resolution_warned_at": None,
            **targets.columns(),
        }
        engine.schedule(values, bt)
    return time.perf_counter() - began


async def _measure(n: int, rounds: int) -> list[float]:
    from bench.business_time import setup
    from sportello.testing import running_app

    with tempfile.TemporaryDirectory(prefix="sportello-bench-") as tmp:
        async with running_app("sqlite", workdir=Path(tmp)):
            site_ids = await setup()
            await run(n, site_ids)  # the first imports the holidays library's countries
            return [await run(n, site_ids) for _ in range(rounds)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    times = asyncio.run(_measure(args.items, args.rounds))
    print(
        f"sla due times: {args.items} open items, best {min(times):.3f} s, "
        f"median {statistics.median(times):.3f} s over {args.rounds} rounds"
    )


if __name__ == "__main__":
    main()
