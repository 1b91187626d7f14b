"""Logging in, refreshing and revoking sessions: the throttled, rotating token paths that
anyone can reach unauthenticated, kept small and apart from administration."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sportello.identity import throttle, tokens
from sportello.identity.audit import record
from sportello.identity.models import Token, User
from sportello.identity.passwords import (
    hash_password_async,
    needs_rehash,
    verify_password_async,
)
from sportello.identity.services.grants import may_manage
from sportello.services import Actor, ServiceError, atomic
from sportello.settings import AuthSettings

if TYPE_CHECKING:
    from sportello.runtime import Runtime


@dataclass
class Session:
    user: User
    access_token: str
    refresh_token: str
    expires_at: dt.datetime


async def open_session(
    user: User, access_minutes: int, refresh_days: int, family: str | None = None
) -> Session:
    """An access and a refresh token; rotation keeps the ``family`` of the login."""
    family = family or secrets.token_hex(8)
    access_life = dt.timedelta(minutes=access_minutes)
    access, token = await tokens.issue(user, "access", access_life, family=family)
    refresh, _ = await tokens.issue(user, "refresh", dt.timedelta(days=refresh_days), family=family)
    assert token.expires_at is not None
    return Session(user, access, refresh, token.expires_at)


async def login(
    email: str,
    password: str,
    access_minutes: int,
    refresh_days: int,
    *,
    ip: str | None = None,
    auth: AuthSettings | None = None,
    request_id: str | None = None,
) -> Session:
    """Check the password (one argon2 verification whether or not the email exists).

    With ``ip``, the attempt is first reserved on the throttle's counters (per IP and per IP
    plus account, atomically), so parallel guesses cannot all get past the throttle; the
    verification runs in a worker thread; a success gives the reservation back.
    """
    email = email.strip().lower()
    auth = auth or AuthSettings()
    reservation = await throttle.reserve(ip, email, auth) if ip is not None else None
    user = await User.filter(email=email, is_active=True, is_service=False).first()
    ok = await verify_password_async(user.password_hash if user else None, password)
    if user is None or not ok:
        raise ServiceError("INVALID_CREDENTIALS", "identity.invalid_credentials", "password")
    if reservation is not None:
        await reservation.release()
    rehashed = await hash_password_async(password) if needs_rehash(user.password_hash) else None
    async with atomic():
        if rehashed is not None:
            user.password_hash = rehashed
        user.last_login_at = tokens.now()
        await user.save(update_fields=["password_hash", "last_login_at"])
        session = await open_session(user, access_minutes, refresh_days)
        await record(user_actor(user, request_id), "tokenCreate", user, after={"ip": ip or ""})
        return session


def user_actor(user: User, request_id: str | None = None) -> Actor:
    """A minimal actor naming ``user`` for audit entries written before a request has one."""
    return Actor(
        user_id=user.id,
        email=user.email,
        kind="service" if user.is_service else "user",
        request_id=request_id,
    )


async def refresh(
    raw: str, access_minutes: int, refresh_days: int, *, request_id: str | None = None
) -> Session:
    token = await tokens.find_valid(raw, ("refresh",))
    if token is None:
        await _revoke_family_on_reuse(raw)
        raise ServiceError("INVALID_TOKEN", "identity.invalid_token", "refreshToken")
    async with atomic():
        # Rotation: a refresh token works once; the single UPDATE makes a race lose cleanly.
        used = await Token.filter(id=token.id, revoked_at=None).update(revoked_at=tokens.now())
        if not used:
            raise ServiceError("INVALID_TOKEN", "identity.invalid_token", "refreshToken")
        session = await open_session(token.user, access_minutes, refresh_days, token.family)
        await record(user_actor(token.user, request_id), "tokenRefresh", token.user)
        return session


async def _revoke_family_on_reuse(raw: str) -> None:
    """A rotated refresh token presented again was stolen or replayed: end its whole session."""
    if not raw.startswith(tokens.PREFIX["refresh"]):
        return
    used = await Token.filter(digest=tokens.digest(raw), kind="refresh").first()
    if used is not None and used.revoked_at is not None and used.family:
        await Token.filter(family=used.family, revoked_at=None).update(revoked_at=tokens.now())
        tokens.forget()


async def revoke_all(actor: Actor, runtime: Runtime, user_id: int | None = None) -> int:
    """Revoke every token of ``user_id`` (yourself when None): others need
    ``identity.users.manage`` and must be manageable by you (``may_manage``)."""
    target_id = actor.user_id if user_id is None else user_id
    if target_id is None:
        raise ServiceError("NOT_FOUND", "identity.not_found", "userId")
    async with atomic():
        if target_id != actor.user_id:
            target = await User.get_or_none(id=target_id)
            allowed = actor.has("identity.users.manage")
            if target is None or not allowed or not may_manage(actor, runtime, target):
                raise ServiceError("NOT_FOUND", "identity.not_found", "userId")
        count = await Token.filter(user_id=target_id, revoked_at=None).update(
            revoked_at=tokens.now()
        )
        await record(
            actor,
            "tokenRevokeAll",
            object_type="User",
            object_id=target_id,
            after={"revoked": count},
        )
    tokens.forget()  # after the commit: a lookup meanwhile must not cache the old state
    return count
