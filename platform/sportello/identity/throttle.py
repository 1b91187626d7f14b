"""Login throttling per client IP and per IP plus account, with growing delays.

After ``login_free_attempts`` failures for one account from one IP, each further failure blocks
that pair for twice as long as the previous one (1 s, 2 s, 4 s, ...); at ``login_max_attempts``
failures the pair is locked for ``login_lockout_seconds``. A blocked attempt is refused without
checking the password, so the right password from the same IP waits too, while the same account
from another IP is not affected. One IP gets ``IP_FACTOR`` times the allowance across all accounts
(password spraying). A successful login clears its IP plus account counter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from sportello.identity.models import LoginThrottle
from sportello.identity.tokens import now
from sportello.services import ServiceError, atomic
from sportello.settings import AuthSettings

IP_FACTOR = 10


def keys(ip: str, email: str) -> tuple[str, str]:
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"ip:{ip}"[:128], f"acct:{ip}:{account}"[:128]


def delay_after(failures: int, free: int, maximum: int, lockout: int) -> int:
    """Seconds to block after ``failures`` consecutive failures (0: not blocked)."""
    if failures >= maximum:
        return lockout
    if failures < free:
        return 0
    return min(lockout, 2 ** (failures - free))


async def check(ip: str, email: str) -> None:
    """Refuse (code THROTTLED, with ``retryAfter`` seconds) while the IP or the pair is blocked."""
    current = now()
    rows = await LoginThrottle.filter(key__in=keys(ip, email), blocked_until__gt=current)
    if rows:
        until = max(r.blocked_until for r in rows if r.blocked_until is not None)
        wait = max(1, math.ceil((until - current).total_seconds()))
        raise ServiceError("THROTTLED", "identity.throttled", "email", retry_after=wait)


async def _bump(key: str, free: int, maximum: int, lockout: int) -> None:
    current = now()
    async with atomic():
        updated = await LoginThrottle.filter(key=key).update(
            failures=F("failures") + 1, last_failure_at=current
        )
        if not updated:
            try:
                async with atomic():
                    await LoginThrottle.create(key=key, failures=1, last_failure_at=current)
            except IntegrityError:  # created concurrently: count on the existing row
                await LoginThrottle.filter(key=key).update(failures=F("failures") + 1)
        row = await LoginThrottle.get(key=key)
        wait = delay_after(row.failures, free, maximum, lockout)
        if wait:
            row.blocked_until = current + dt.timedelta(seconds=wait)
            await row.save(update_fields=["blocked_until"])


async def failed(ip: str, email: str, auth: AuthSettings) -> None:
    ip_key, account_key = keys(ip, email)
    lockout = auth.login_lockout_seconds
    await _bump(account_key, auth.login_free_attempts, auth.login_max_attempts, lockout)
    await _bump(
        ip_key, auth.login_free_attempts * IP_FACTOR, auth.login_max_attempts * IP_FACTOR, lockout
    )


async def succeeded(ip: str, email: str) -> None:
    await LoginThrottle.filter(key=keys(ip, email)[1]).delete()
