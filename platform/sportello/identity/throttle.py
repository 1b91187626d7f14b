"""Login throttling per client IP and per IP plus account, with growing delays.

Every login attempt first *reserves* itself as a failure, atomically, on two counters: one for
the IP plus account, one for the IP across all accounts. The reservation and the check happen
in one transaction holding the counters' rows (``SELECT ... FOR UPDATE`` on PostgreSQL, the
single-connection lock on SQLite), so parallel attempts cannot all slip past the check before
any of them is counted. Only then is the password verified; a success clears the account
counter and gives the IP its reserved attempt back.

After ``login_free_attempts`` attempts for one account from one IP, the pair is blocked for 1 s,
then 2 s, 4 s, ... after each further one; at ``login_max_attempts`` it is locked for
``login_lockout_seconds``. A blocked attempt is refused (code THROTTLED, ``retryAfter``) without
checking the password and without being counted, so the right password from the same IP waits
too, while the same account from another IP is not affected. One IP gets ``IP_FACTOR`` times the
allowance across all accounts (password spraying).

Failures decay: a counter whose last failure is older than the window (``login_window_seconds``
when the settings have it, else ``DEFAULT_WINDOW_SECONDS``) starts again from zero, so a shared
office IP is never locked for good. Time comes from ``clock()`` (tests replace it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from sportello.identity.models import LoginThrottle
from sportello.identity.tokens import now
from sportello.services import ServiceError, atomic
from sportello.settings import AuthSettings

IP_FACTOR = 10
#: Failures older than this (seconds since the counter's last failure) no longer count.
DEFAULT_WINDOW_SECONDS = 3600


def clock() -> dt.datetime:
    """The current time (UTC); tests monkeypatch this to control the throttle's time."""
    return now()


def keys(ip: str, email: str) -> tuple[str, str]:
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"ip:{ip}"[:128], f"acct:{ip}:{account}"[:128]


def window_seconds(auth: AuthSettings) -> int:
    return int(getattr(auth, "login_window_seconds", None) or DEFAULT_WINDOW_SECONDS)


def delay_after(failures: int, free: int, maximum: int, lockout: int) -> int:
    """Seconds to block after ``failures`` consecutive failures (0: not blocked)."""
    if failures >= maximum:
        return lockout
    if failures < free:
        return 0
    return min(lockout, int(2 ** (failures - free)))


@dataclass(frozen=True)
class Reservation:
    """An attempt counted in advance; ``release`` it when the password turns out right."""

    ip: str
    email: str
    auth: AuthSettings

    async def release(self) -> None:
        await succeeded(self.ip, self.email, self.auth)


def _limits(auth: AuthSettings, ip_key: str) -> tuple[int, int]:
    free, maximum = auth.login_free_attempts, auth.login_max_attempts
    if ip_key.startswith("ip:"):
        return free * IP_FACTOR, maximum * IP_FACTOR
    return free, maximum


async def reserve(ip: str, email: str, auth: AuthSettings) -> Reservation:
    """Count this attempt as a failure before the password is checked, or refuse it.

    Raises THROTTLED (``retry_after`` seconds) while the IP or the IP plus account is blocked;
    a refused attempt changes nothing.
    """
    current = clock()
    window = dt.timedelta(seconds=window_seconds(auth))
    wanted = sorted(keys(ip, email))  # one lock order for every transaction: no deadlock
    async with atomic():
        # Insert-if-missing, then lock both rows: concurrent attempts queue here.
        await LoginThrottle.bulk_create(
            [LoginThrottle(key=k, failures=0) for k in wanted], ignore_conflicts=True
        )
        rows = await LoginThrottle.filter(key__in=wanted).select_for_update().order_by("key")
        blocked = [r.blocked_until for r in rows if r.blocked_until and r.blocked_until > current]
        if blocked:
            wait = max(1, math.ceil((max(blocked) - current).total_seconds()))
            raise ServiceError("THROTTLED", "identity.throttled", "email", retry_after=wait)
        for row in rows:
            recent = row.last_failure_at is not None and current - row.last_failure_at < window
            failures = (row.failures if recent else 0) + 1
            free, maximum = _limits(auth, row.key)
            wait = delay_after(failures, free, maximum, auth.login_lockout_seconds)
            await LoginThrottle.filter(id=row.id).update(
                failures=failures,
                last_failure_at=current,
                blocked_until=current + dt.timedelta(seconds=wait) if wait else None,
            )
    return Reservation(ip, email, auth)


async def succeeded(ip: str, email: str, auth: AuthSettings | None = None) -> None:
    """The password was right: clear the IP plus account counter, give the IP its attempt back."""
    auth = auth or AuthSettings()
    ip_key, account_key = keys(ip, email)
    free_ip, _ = _limits(auth, ip_key)
    async with atomic():
        await LoginThrottle.filter(key=account_key).delete()
        row = await LoginThrottle.filter(key=ip_key).select_for_update().first()
        if row is not None and row.failures > 0:
            failures = row.failures - 1
            values: dict[str, object] = {"failures": failures}
            if failures < free_ip:
                values["blocked_until"] = None
            await LoginThrottle.filter(id=row.id).update(**values)
