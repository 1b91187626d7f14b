"""Sending due deliveries: claim one with an atomic conditional UPDATE, send it outside any
transaction, then record the attempt and the outcome (sent, retry later with backoff, failed).

Every server process sweeps; a claim moves ``next_attempt_at`` ahead (a lease) and bumps
``attempts`` where it still holds the value read, so two processes never send the same
attempt. A process that dies mid-send leaves the lease to expire: the delivery is retried
(at least once).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import TYPE_CHECKING

from sportello.notify import models
from sportello.notify.contract import EMAIL
from sportello.notify.services._common import now
from sportello.notify.transports import SendError
from sportello.services import atomic

if TYPE_CHECKING:
    from sportello.notify.core import NotifyCore

#: deliveries one sweep takes; more are taken at once by the next sweep
BATCH = 50
#: sends at once per process
PARALLEL = 4


def backoff(core: NotifyCore, attempt: int) -> float:
    """Seconds before attempt ``attempt + 1``: ``retry_seconds`` doubling, capped."""
    cfg = core.config
    return float(min(cfg.retry_max_seconds, cfg.retry_seconds * 2 ** max(0, attempt - 1)))


async def send_due(core: NotifyCore) -> int:
    """Send what is due now; how many deliveries were tried."""
    rows = await (
        models.Delivery.filter(status=models.QUEUED, next_attempt_at__lte=now())
        .order_by("next_attempt_at", "id")
        .limit(BATCH)
        .values("id")
    )
    ids = [int(r["id"]) for r in rows]
    if not ids:
        return 0
    gate = asyncio.Semaphore(PARALLEL)

    async def one(delivery_id: int) -> None:
        async with gate:
            await send_one(core, delivery_id)

    await asyncio.gather(*(one(i) for i in ids))
    if len(ids) == BATCH:
        core.wake()
    return len(ids)


async def send_one(core: NotifyCore, delivery_id: int) -> bool:
    """One attempt at one delivery, if it is still due and nobody claimed it; True if sent."""
    assert core.transports is not None
    started_at = now()
    row = await models.Delivery.filter(
        id=delivery_id, status=models.QUEUED, next_attempt_at__lte=started_at
    ).first()
    if row is None or row.address is None:
        return False
    number = row.attempts + 1
    lease = started_at + dt.timedelta(seconds=max(60.0, core.smtp.timeout * 4))
    claimed = await models.Delivery.filter(
        id=row.id, status=models.QUEUED, attempts=row.attempts
    ).update(attempts=number, next_attempt_at=lease)
    if not claimed:
        return False
    error: SendError | None = None
    clock = time.monotonic()
    try:
        if row.channel == EMAIL:
            await core.transports.send_email(row.address, row.subject, row.body, row.headers)
        else:
            await core.transports.send_sms(row.address, row.body)
    except SendError as exc:
        error = exc
    except Exception:
        error = SendError("error")
    latency = int((time.monotonic() - clock) * 1000)
    async with atomic():
        await models.DeliveryAttempt.create(
            delivery_id=row.id,
            number=number,
            at=started_at,
            ok=error is None,
            error_class=None if error is None else error.error_class,
            latency_ms=latency,
        )
        mine = models.Delivery.filter(id=row.id, attempts=number)
        if error is None:
            # Sent is a fact, even if a cancellation came in meanwhile.
            await mine.update(
                status=models.SENT, sent_at=now(), error_class=None, next_attempt_at=None
            )
        elif error.permanent or number >= core.config.max_attempts:
            await mine.filter(status=models.QUEUED).update(
                status=models.FAILED, error_class=error.error_class, next_attempt_at=None
            )
        else:
            retry_at = now() + dt.timedelta(seconds=backoff(core, number))
            await mine.filter(status=models.QUEUED).update(
                error_class=error.error_class, next_attempt_at=retry_at
            )
    return error is None
