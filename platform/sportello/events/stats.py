"""Figures of the event bus for the people who run it: ``/metrics`` and ``sportello events stats``.

``backlog`` is cheap enough for every scrape (two indexed queries: undispatched events, and
open deliveries by status); ``by_handler`` and ``webhook_outcomes`` group whole tables and are
for the command, run by a person now and then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import orjson
from tortoise.functions import Count, Min

from sportello.events.declared import WEBHOOK_PREFIX
from sportello.events.models import DeliveryAttempt, EventDelivery, OutboxEvent
from sportello.events.outbox import now

STATUSES = ("pending", "delivered", "parked")


@dataclass
class Backlog:
    #: committed events the dispatcher has not fanned out yet
    undispatched: int = 0
    #: deliveries still to run (retries waiting included), and given up
    pending: int = 0
    parked: int = 0
    #: when the oldest event not dispatched or with a pending delivery occurred
    oldest: dt.datetime | None = None

    def oldest_age(self, moment: dt.datetime | None = None) -> float:
        """Seconds since ``oldest``; 0 when nothing is pending."""
        if self.oldest is None:
            return 0.0
        return max(0.0, ((moment or now()) - self.oldest).total_seconds())


async def backlog() -> Backlog:
    out = Backlog()
    rows = (
        await OutboxEvent.filter(dispatched_at=None)
        .annotate(n=Count("id"), oldest=Min("occurred_at"))
        .values("n", "oldest")
    )
    oldest: list[dt.datetime] = []
    if rows:
        out.undispatched = int(rows[0]["n"] or 0)
        if rows[0]["oldest"] is not None:
            oldest.append(rows[0]["oldest"])
    open_rows = (
        await EventDelivery.filter(status__in=["pending", "parked"])
        .annotate(n=Count("id"), oldest=Min("event__occurred_at"))
        .group_by("status")
        .values("status", "n", "oldest")
    )
    for row in open_rows:
        if row["status"] == "pending":
            out.pending = int(row["n"])
            if row["oldest"] is not None:
                oldest.append(row["oldest"])
        else:
            out.parked = int(row["n"])
    out.oldest = min(oldest, default=None)
    return out


async def by_handler() -> dict[str, dict[str, int]]:
    """``{handler: {status: deliveries}}``; a webhook's handler is ``webhook:<id>``."""
    out: dict[str, dict[str, int]] = {}
    rows = (
        await EventDelivery.all()
        .annotate(n=Count("id"))
        .group_by("handler", "status")
        .values("handler", "status", "n")
    )
    for row in rows:
        out.setdefault(row["handler"], dict.fromkeys(STATUSES, 0))[row["status"]] = int(row["n"])
    return dict(sorted(out.items()))


async def webhook_outcomes() -> dict[str, int]:
    """Webhook attempts by outcome: ``delivered``, or the error class the log keeps."""
    out: dict[str, int] = {}
    rows = (
        await DeliveryAttempt.filter(delivery__handler__startswith=WEBHOOK_PREFIX)
        .annotate(n=Count("id"))
        .group_by("ok", "error")
        .values("ok", "error", "n")
    )
    for row in rows:
        outcome = "delivered" if row["ok"] else str(row["error"] or "FAILED")
        out[outcome] = out.get(outcome, 0) + int(row["n"])
    return dict(sorted(out.items(), key=lambda item: (-item[1], item[0])))


@dataclass
class Stats:
    backlog: Backlog
    handlers: dict[str, dict[str, int]] = field(default_factory=dict)
    webhooks: dict[str, int] = field(default_factory=dict)


async def gather() -> Stats:
    return Stats(await backlog(), await by_handler(), await webhook_outcomes())


def _age(seconds: float) -> str:
    whole = int(seconds)
    if whole < 120:
        return f"{whole}s"
    if whole < 7200:
        return f"{whole // 60}m {whole % 60}s"
    return f"{whole // 3600}h {whole % 3600 // 60}m"


def as_dict(stats: Stats, moment: dt.datetime | None = None) -> dict[str, Any]:
    b = stats.backlog
    return {
        "outbox": {
            "undispatched": b.undispatched,
            "pendingDeliveries": b.pending,
            "parkedDeliveries": b.parked,
            "oldestPendingAt": b.oldest.isoformat() if b.oldest else None,
            "oldestPendingAgeSeconds": round(b.oldest_age(moment), 3),
        },
        "deliveries": stats.handlers,
        "webhookAttempts": stats.webhooks,
    }


def render_text(stats: Stats, moment: dt.datetime | None = None) -> str:
    b = stats.backlog
    lines = ["outbox"]
    lines.append(f"  not dispatched yet     {b.undispatched}")
    lines.append(f"  pending deliveries     {b.pending}")
    lines.append(f"  parked deliveries      {b.parked}")
    oldest = (
        f"{_age(b.oldest_age(moment))} ago ({b.oldest.isoformat(timespec='seconds')})"
        if b.oldest
        else "none"
    )
    lines.append(f"  oldest pending event   {oldest}")
    lines.append("")
    lines.append("deliveries by handler")
    if stats.handlers:
        width = max(len("handler"), *(len(h) for h in stats.handlers))
        lines.append(f"  {'handler':<{width}}  " + "  ".join(f"{s:>9}" for s in STATUSES))
        for handler, counts in stats.handlers.items():
            cells = "  ".join(f"{counts.get(s, 0):>9}" for s in STATUSES)
            lines.append(f"  {handler:<{width}}  {cells}")
    else:
        lines.append("  none")
    lines.append("")
    lines.append("webhook attempts by outcome")
    if stats.webhooks:
        width = max(len(o) for o in stats.webhooks)
        lines += [f"  {o:<{width}}  {n:>9}" for o, n in stats.webhooks.items()]
    else:
        lines.append("  none")
    return "\n".join(lines) + "\n"


def render(stats: Stats, fmt: str) -> str:
    if fmt == "json":
        return orjson.dumps(as_dict(stats), option=orjson.OPT_INDENT_2).decode() + "\n"
    return render_text(stats)
