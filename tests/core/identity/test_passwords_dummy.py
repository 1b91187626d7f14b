"""An unknown email is checked against a stored dummy hash: it must cost what a real user's
verification costs, so it carries the hasher's current parameters."""

from __future__ import annotations

from sportello.identity import passwords


def test_dummy_hash_has_the_hashers_parameters() -> None:
    # Fails when argon2's defaults change: regenerate _DUMMY with PasswordHasher().hash(...).
    assert not passwords.needs_rehash(passwords._DUMMY)
    assert passwords._dummy() == passwords._DUMMY
    assert passwords._hasher.verify(passwords._DUMMY, "sportello-timing-equaliser")


def test_unknown_user_and_empty_password_are_refused() -> None:
    assert passwords.verify_password(None, "sportello-timing-equaliser") is False
    assert passwords.verify_password("", "anything") is False
    stored = passwords.hash_password("right")
    assert passwords.verify_password(stored, "right") is True
    assert passwords.verify_password(stored, "wrong") is False
