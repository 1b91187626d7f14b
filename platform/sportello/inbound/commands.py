"""``sportello inbound-imap-poll``: the IMAP poller from the command line (cron runs it with
``--once``; without it, it polls every ``[inbound.imap] interval`` until stopped)."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from sportello.contract import Command
from sportello.errors import SportelloError
from sportello.inbound import imap


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="one round, then exit")


async def _run(args: argparse.Namespace, runtime: Any) -> int:
    inbound = runtime.settings.inbound
    if not inbound.imap.enabled:
        raise SportelloError("[inbound.imap] host is not set: nothing to poll")
    handlers = runtime.state.get("inbound_handlers", [])
    failed = False
    while True:
        try:
            report = await imap.poll_once(inbound, handlers)
        except imap.ImapError as exc:
            if args.once:
                raise SportelloError(f"inbound imap: {exc}") from None
            print(f"inbound imap: {exc}", flush=True)
        else:
            print(report.summary(), flush=True)
            failed = bool(report.failed)
        if args.once:
            return 1 if failed else 0
        await asyncio.sleep(inbound.imap.interval)


POLL = Command(
    name="inbound-imap-poll",
    help="fetch new email from the [inbound.imap] mailbox and hand it to the offices",
    run=_run,
    configure=_configure,
)
