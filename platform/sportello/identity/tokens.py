"""Opaque bearer tokens: random strings handed out once, stored only as digests."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class Bearer:
    """The user behind a valid access or API token, as authentication needs it."""

    id: int
    party_id: int
    email: str
    roles: list[str]
    site_ids: list[int]
    all_sites: bool
    is_superuser: bool
    is_service: bool
    kind: str
    scopes: list[str]


_BEARER_SQL = (
    "SELECT t.kind, t.scopes, t.expires_at, u.id, u.party_id, u.email, u.roles, u.site_ids,"
    " u.all_sites, u.is_superuser, u.is_service, u.is_active"
    " FROM identity_token t JOIN identity_user u ON u.id = t.user_id"
    " WHERE t.digest = {p} AND t.revoked_at IS NULL"
)


#: digest -> (valid until, bearer): a few seconds of memory save a query on every request.
_CACHE: dict[str, tuple[float, Bearer]] = {}
_CACHE_MAX = 10_000


def forget() -> None:
    """Drop every cached bearer: call it after committing a revocation, a deactivation or a
    change of roles or sites, so this process sees the change at once (other processes within
    ``auth.token_cache_seconds``)."""
    _CACHE.clear()


async def find_bearer(
    raw: str, kinds: tuple[str, ...], *, cache_seconds: float = 0.0
) -> Bearer | None:
    """One indexed query, no ORM query building: it runs on every authenticated request.

    With ``cache_seconds`` a valid bearer is remembered that long (never past its expiry).
    """
    if not raw or raw[:4] not in {PREFIX[k] for k in kinds}:
        return None
    key = digest(raw)
    if cache_seconds > 0:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] > time.monotonic() and hit[1].kind in kinds:
            return hit[1]
    found = await _lookup(key, kinds)
    if found is not None and cache_seconds > 0:
        bearer, expires = found
        ttl = cache_seconds
        if expires is not None:
            ttl = min(ttl, (expires - now()).total_seconds())
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[key] = (time.monotonic() + ttl, bearer)
    return found[0] if found is not None else None


async def _lookup(key: str, kinds: tuple[str, ...]) -> tuple[Bearer, dt.datetime | None] | None:
    db = Token._meta.db
    dialect = db.capabilities.dialect
    sql = _BEARER_SQL.format(p="$1" if dialect == "postgres" else "?")
    rows = await db.execute_query_dict(sql, [key])
    if not rows:
        return None
    row = rows[0]
    tf, uf = Token._meta.fields_map, User._meta.fields_map
    expires = tf["expires_at"].to_python_value(row["expires_at"])
    if row["kind"] not in kinds or (expires is not None and expires <= now()):
        return None
    if not uf["is_active"].to_python_value(row["is_active"]):
        return None

    def conv(name: str) -> Any:
        return uf[name].to_python_value(row[name])

    bearer = Bearer(
        id=row["id"],
        party_id=row["party_id"],
        email=row["email"],
        roles=list(conv("roles") or []),
        site_ids=list(conv("site_ids") or []),
        all_sites=bool(conv("all_sites")),
        is_superuser=bool(conv("is_superuser")),
        is_service=bool(conv("is_service")),
        kind=row["kind"],
        scopes=list(tf["scopes"].to_python_value(row["scopes"]) or []),
    )
    return bearer, expires


async def rejection(raw: str) -> str:
    """Why a presented bearer token was refused: ``token_expired`` or ``invalid_token``."""
    token = await Token.filter(digest=digest(raw), revoked_at=None).first()
    if token is not None and token.expires_at is not None and token.expires_at <= now():
        return "token_expired"
    return "invalid_token"
