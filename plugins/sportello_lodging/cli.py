"""The ``lodging-registry-purge`` command (declared by the office in ``plugin.py``)."""

from __future__ import annotations

import argparse
from typing import Any

from sportello import api
from sportello_lodging import services


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


COMMANDS = [
    api.Command(
        "lodging-registry-purge",
        "Anonymise the guest registry entries of stays that ended more than the retention "
        "period ago ([modules.lodging] guest_registry_retention_days)",
        _run_purge,
        _configure_purge,
    )
]
