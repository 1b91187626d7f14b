"""The ``lodging-registry-purge`` and ``lodging-night-audit`` commands (declared by the office in
``plugin.py``)."""

from __future__ import annotations

import argparse
from typing import Any

from sportello import api
from sportello_lodging import services
from sportello_lodging.services import night_audit


def _configure_purge(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days",
        type=int,
        default=None,
        help="retention in days (default: [modules.lodging] guest_registry_retention_days)",
    )


async def _run_purge(args: argparse.Namespace, runtime: Any) -> int:
    if args.days is not None and args.days < 0:
        print("--days must be 0 or more")
        return 2
    services.configure(runtime.plugin_settings("lodging"))
    erased = await services.purge_registry(retention_days=args.days)
    print(f"guest registry: {erased} entr{'y' if erased == 1 else 'ies'} anonymised")
    return 0


async def _run_audit(args: argparse.Namespace, runtime: Any) -> int:
    services.configure(runtime.plugin_settings("lodging"))
    for row in await night_audit.run_due():
        print(f"site {row.site_id}: business day {row.day.isoformat()} closed")
    return 0


COMMANDS = [
    api.Command(
        "lodging-registry-purge",
        "Anonymise the guest registry entries of stays that ended more than the retention "
        "period ago ([modules.lodging] guest_registry_retention_days)",
        _run_purge,
        _configure_purge,
    ),
    api.Command(
        "lodging-night-audit",
        "Run the night audits that are due: every open business day of each site whose audit "
        "hour ([modules.lodging] night_audit_hour) has come is closed, in order. Run it every "
        "few minutes from the system scheduler (cron, a systemd timer); repeated runs are safe",
        _run_audit,
    ),
]
