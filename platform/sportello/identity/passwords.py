"""Password hashing with argon2id; hashes are upgraded on login when parameters change."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
#: Verified against when the email is unknown, so both paths cost one argon2 verification.
_DUMMY = _hasher.hash("sportello-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """True only for a real stored hash that matches; an unknown user or an account without a
    password (``""``) costs the same one verification and is always refused."""
    try:
        matched = _hasher.verify(stored or _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return matched and bool(stored)


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)
