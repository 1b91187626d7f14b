"""Password hashing with argon2id; hashes are upgraded on login when parameters change.

An argon2 hash or verification takes ~100 ms of CPU and 64 MiB: the ``*_async`` helpers run
it in a worker thread (argon2-cffi releases the GIL) behind a small per-loop semaphore, so
logins neither block the event loop nor pile up unbounded memory under a burst.
"""

from __future__ import annotations

import asyncio
import functools
import os
import weakref

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
#: Verified against when the email is unknown, so both paths cost one argon2 verification: a
#: hash made once with the hasher's parameters (hashing here at import cost every start ~0.1 s
#: of CPU); should the parameters change, ``_dummy`` makes one with the new ones instead.
_DUMMY = (
    "$argon2id$v=19$m=65536,t=3,p=4$dGoddW/+1z24iCY1hSL4/A$"
    "/BoZ9gf50NerPCblSXdw9C3VPmsFJX2AX+UnUyZ7AEQ"
)
#: Argon2 computations running at once per event loop.
SLOTS = max(2, min(4, os.cpu_count() or 2))
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """True only for a real stored hash that matches; an unknown user or an account without a
    password (``""``) costs the same one verification and is always refused."""
    try:
        matched = _hasher.verify(stored or _dummy(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return matched and bool(stored)


@functools.cache
def _dummy() -> str:
    return _hasher.hash("sportello-timing-equaliser") if needs_rehash(_DUMMY) else _DUMMY


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def _semaphore() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    sem = _slots.get(loop)
    if sem is None:
        sem = _slots[loop] = asyncio.Semaphore(SLOTS)
    return sem


async def verify_password_async(stored: str | None, password: str) -> bool:
    """``verify_password`` off the event loop (same cost for unknown users)."""
    async with _semaphore():
        return await asyncio.to_thread(verify_password, stored, password)


async def hash_password_async(password: str) -> str:
    async with _semaphore():
        return await asyncio.to_thread(hash_password, password)
