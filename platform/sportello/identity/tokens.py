"""Opaque bearer tokens: random strings handed out once, stored only as digests."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sportello.identity.models import Token, User

PREFIX = {"access": "spa_", "refresh": "spr_", "api": "spk_"}


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def issue(
    user: User,
    kind: str,
    lifetime: dt.timedelta | None,
    *,
    family: str = "",
    name: str = "",
    scopes: list[str] | None = None,
) -> tuple[str, Token]:
    raw = PREFIX[kind] + secrets.token_urlsafe(32)
    token = await Token.create(
        user=user,
        kind=kind,
        digest=digest(raw),
        family=family,
        name=name,
        scopes=scopes or [],
        expires_at=now() + lifetime if lifetime else None,
    )
    return raw, token


async def find_valid(raw: str, kinds: tuple[str, ...]) -> Token | None:
    if not raw or raw[:4] not in {PREFIX[k] for k in kinds}:
        return None
    token = (
        await Token.filter(digest=digest(raw), kind__in=kinds, revoked_at=None)
        .select_related("user")
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now()):
        return None
    if not token.user.is_active:
        return None
    return token
