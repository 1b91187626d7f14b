"""Login throttling: atomic reservation (parallel guesses), growing delays, decay, timing."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading

import pytest
from identity_helpers import client_from

from sportello.identity import passwords, services, throttle
from sportello.identity.models import LoginThrottle
from sportello.identity.throttle import delay_after
from sportello.services import SYSTEM

LOGIN = """
mutation($input: TokenCreateInput!) {
  tokenCreate(input: $input) { accessToken retryAfter errors { field code message } }
}
"""
PASSWORD = "correct horse battery"


class Clock:
    """The throttle's time, moved by the test (no wall-clock windows)."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(throttle, "clock", fake)
    return fake


async def _login(h, email, password, client=None):
    data = await h.ok(
        LOGIN, {"input": {"email": email, "password": password}}, as_=None, client=client
    )
    return data["tokenCreate"]


def _code(result: dict) -> str:
    return result["errors"][0]["code"] if result["errors"] else "OK"


def test_delays_grow_then_lock() -> None:
    delays = [delay_after(n, 5, 10, 900) for n in range(1, 12)]
    assert delays[:4] == [0, 0, 0, 0]
    assert delays[4:9] == [1, 2, 4, 8, 16]
    assert delays[9:] == [900, 900]


async def test_eleventh_wrong_password_is_refused_but_other_ip_logs_in(sportello_app, clock):
    async with sportello_app() as h:
        await services.create_user(SYSTEM, "eve@example.org", PASSWORD)
        async with client_from(h, "10.0.0.7") as attacker, client_from(h, "10.0.0.8") as owner:
            results = [
                await _login(h, "eve@example.org", f"guess-{i:06d}", attacker) for i in range(11)
            ]
            codes = [_code(r) for r in results]
            # Time stands still: after the 5 free attempts the pair is blocked for 1 s.
            assert codes == ["INVALID_CREDENTIALS"] * 5 + ["THROTTLED"] * 6
            assert results[10]["retryAfter"] == 1
            # The right password from the blocked IP waits too...
            blocked = await _login(h, "eve@example.org", PASSWORD, attacker)
            assert _code(blocked) == "THROTTLED" and blocked["accessToken"] is None
            # ...while the owner, from another IP, logs in.
            ok = await _login(h, "eve@example.org", PASSWORD, owner)
            assert ok["errors"] == [] and ok["accessToken"]
            # Each further failure doubles the wait; a refused attempt does not count.
            for wait in (1, 2, 4, 8, 16):
                clock.advance(wait - 1)
                assert _code(await _login(h, "eve@example.org", "x" * 12, attacker)) == "THROTTLED"
                clock.advance(1)
                assert _code(await _login(h, "eve@example.org", "x" * 12, attacker)) == (
                    "INVALID_CREDENTIALS"
                )
            # The 10th failure locks the pair for login_lockout_seconds.
            locked = await _login(h, "eve@example.org", PASSWORD, attacker)
            assert _code(locked) == "THROTTLED" and locked["retryAfter"] == 900
            clock.advance(900)
            assert (await _login(h, "eve@example.org", PASSWORD, attacker))["errors"] == []
            # Success cleared the pair: five free attempts again.
            again = [await _login(h, "eve@example.org", "y" * 12, attacker) for _ in range(6)]
            assert [_code(r) for r in again] == ["INVALID_CREDENTIALS"] * 5 + ["THROTTLED"]


async def test_failures_decay_after_the_window(sportello_app, clock) -> None:
    """A shared office IP is not locked for good: old failures stop counting."""
    async with sportello_app() as h:
        await services.create_user(SYSTEM, "desk@example.org", PASSWORD)
        window = throttle.window_seconds(h.runtime.settings.auth)
        async with client_from(h, "10.0.0.9") as office:
            # 50 wrong passwords on 50 accounts: the IP's whole allowance.
            for i in range(50):
                clock.advance(20)  # never blocked per account, only the IP total grows
                r = await _login(h, f"typo{i}@example.org", "wrong password", office)
                assert _code(r) == "INVALID_CREDENTIALS", i
            refused = await _login(h, "desk@example.org", PASSWORD, office)
            assert _code(refused) == "THROTTLED"
            clock.advance(window)  # an hour with no failure from this IP
            ok = await _login(h, "desk@example.org", PASSWORD, office)
            assert ok["errors"] == [] and ok["accessToken"]
            row = await LoginThrottle.get(key=throttle.keys("10.0.0.9", "x")[0])
            assert row.failures == 0 and row.blocked_until is None


async def test_parallel_wrong_passwords_are_throttled(sportello_app, clock) -> None:
    """40 guesses raced over real HTTP: only the free attempts are checked, the rest refused."""
    async with sportello_app(live=True) as h:
        await services.create_user(SYSTEM, "race@example.org", PASSWORD)
        results = await asyncio.gather(
            *(_login(h, "race@example.org", f"guess-{i:06d}") for i in range(40))
        )
        codes = sorted(_code(r) for r in results)
        free = h.runtime.settings.auth.login_free_attempts
        assert codes.count("INVALID_CREDENTIALS") == free, codes
        assert codes.count("THROTTLED") == 40 - free, codes
        assert _code(await _login(h, "race@example.org", PASSWORD)) == "THROTTLED"
        async with client_from(h, "10.1.1.1") as elsewhere:
            assert (await _login(h, "race@example.org", PASSWORD, elsewhere))["errors"] == []


async def test_parallel_spraying_is_throttled_per_ip(sportello_app, clock) -> None:
    """60 accounts guessed at once from one IP: the IP's allowance holds under the race."""
    async with sportello_app(live=True) as h:
        results = await asyncio.gather(
            *(_login(h, f"spray{i}@example.org", "wrong password") for i in range(60))
        )
        codes = [_code(r) for r in results]
        allowance = h.runtime.settings.auth.login_free_attempts * throttle.IP_FACTOR
        assert codes.count("INVALID_CREDENTIALS") == allowance, codes
        assert codes.count("THROTTLED") == 60 - allowance, codes


async def test_verification_runs_off_the_event_loop_and_unknown_email_costs_one(
    sportello_app, clock, monkeypatch
) -> None:
    calls: list[tuple[str | None, int]] = []
    real = passwords.verify_password

    def spy(stored: str | None, password: str) -> bool:
        calls.append((stored, threading.get_ident()))
        return real(stored, password)

    monkeypatch.setattr(passwords, "verify_password", spy)
    async with sportello_app() as h:
        await services.create_user(SYSTEM, "bob@example.org", PASSWORD)
        wrong = await _login(h, "bob@example.org", "nope-nope-nope")
        unknown = await _login(h, "nobody@example.org", "nope-nope-nope")
        assert wrong["errors"] == unknown["errors"]
        assert _code(wrong) == "INVALID_CREDENTIALS"
        # One argon2 verification each (a dummy hash for the unknown email), in a worker thread.
        assert len(calls) == 2 and calls[0][0] and calls[1][0] is None
        loop_thread = threading.get_ident()
        assert all(thread != loop_thread for _, thread in calls)
