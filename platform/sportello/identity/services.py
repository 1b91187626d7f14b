"""Users and sessions: create users, log in, refresh, revoke."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sportello.contract import ErasureReport, RoleSpec
from sportello.identity import throttle, tokens
from sportello.identity.audit import record
from sportello.identity.models import Role, Token, User
from sportello.identity.passwords import (
    hash_password_async,
    needs_rehash,
    verify_password_async,
)
from sportello.parties.services import EMAIL, create_party
from sportello.services import Actor, Problem, ServiceError, atomic
from sportello.settings import AuthSettings

if TYPE_CHECKING:
    from sportello.runtime import Runtime

MIN_PASSWORD = 10


@dataclass
class Session:
    user: User
    access_token: str
    refresh_token: str
    expires_at: dt.datetime


async def create_user(
    actor: Actor,
    email: str,
    password: str | None,
    *,
    roles: list[str] | None = None,
    known_roles: set[str] | None = None,
    display_name: str | None = None,
    party_id: int | None = None,
    site_ids: list[int] | None = None,
    all_sites: bool = False,
    is_superuser: bool = False,
    is_service: bool = False,
    operation: str = "userCreate",
) -> User:
    email = email.strip().lower()
    problems = []
    if not EMAIL.match(email):
        problems.append(Problem("INVALID", "parties.invalid_email", "email"))
    if password is not None and len(password) < MIN_PASSWORD:
        problems.append(
            Problem("INVALID", "identity.password_too_short", "password", {"min": MIN_PASSWORD})
        )
    unknown = sorted(set(roles or []) - (known_roles or set(roles or [])))
    if unknown:
        problems.append(Problem("INVALID", "identity.unknown_role", "roles", {"role": unknown[0]}))
    if problems:
        raise ServiceError("INVALID", problems=problems)
    password_hash = await hash_password_async(password) if password else ""
    async with atomic():
        if await User.filter(email=email).exists():
            raise ServiceError("CONFLICT", "identity.email_taken", "email")
        if party_id is None:  # through the registry's rules: the email becomes a contact point
            party = await create_party(actor, display_name=display_name or email, email=email)
            party_id = party.id
        user = await User.create(
            email=email,
            password_hash=password_hash,
            party_id=party_id,
            roles=list(roles or []),
            site_ids=list(site_ids or []),
            all_sites=all_sites,
            is_superuser=is_superuser,
            is_service=is_service,
        )
        await record(
            actor, operation, user, after={"email": email, "roles": roles, "password": "*"}
        )
    return user


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


# --- administration: users, roles, service accounts, API tokens ----------------------------------

ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def check_grant(
    actor: Actor,
    runtime: Runtime,
    roles: list[str] | None,
    site_ids: list[int] | None,
    all_sites: bool | None,
) -> None:
    """No privilege escalation: grant only roles within your permissions, sites within yours."""
    if roles is not None:
        unknown = sorted(set(roles) - set(runtime.roles))
        if unknown:
            raise ServiceError("INVALID", "identity.unknown_role", "roles", role=unknown[0])
        if not actor.is_superuser and not runtime.permissions_for_roles(roles) <= actor.permissions:
            raise ServiceError("FORBIDDEN", "identity.role_forbidden", "roles")
    if actor.site_ids is not None:
        if all_sites:
            raise ServiceError("FORBIDDEN", "identity.site_forbidden", "allSites")
        if site_ids is not None and not set(site_ids) <= actor.site_ids:
            raise ServiceError("FORBIDDEN", "identity.site_forbidden", "siteIds")


class Managed(Protocol):
    """What ``may_manage`` reads of a user: a ``User`` row, or those columns alone."""

    @property
    def roles(self) -> list[str]: ...
    @property
    def site_ids(self) -> list[int]: ...
    @property
    def all_sites(self) -> bool: ...
    @property
    def is_superuser(self) -> bool: ...


@dataclass(frozen=True)
class _Columns:
    roles: list[str]
    site_ids: list[int]
    all_sites: bool
    is_superuser: bool


def may_manage(actor: Actor, runtime: Runtime, user: Managed) -> bool:
    """Whether ``actor`` may change, revoke or even see ``user`` as an administrator.

    Never upward: only a superuser manages a superuser, and only an actor holding every
    permission of the target's roles manages it (a user manager cannot demote, deactivate or
    log out someone with more power). A site-bound administrator manages only users bound to
    a subset of their sites.
    """
    if not actor.is_superuser:
        if user.is_superuser:
            return False
        if not runtime.permissions_for_roles(user.roles) <= actor.permissions:
            return False
    if actor.site_ids is None:
        return True
    return not user.all_sites and not user.is_superuser and set(user.site_ids) <= actor.site_ids


async def manageable_ids(
    actor: Actor, runtime: Runtime, ids: list[int] | None = None
) -> set[int] | None:
    """IDs of the users (among ``ids``) that ``actor`` may manage; None when every user is.

    One query over the few columns ``may_manage`` reads, whatever the list loader selects.
    """
    if actor.is_superuser and actor.site_ids is None:
        return None
    qs = User.all() if ids is None else User.filter(id__in=ids)
    rows = await qs.values("id", "roles", "site_ids", "all_sites", "is_superuser")
    return {
        row["id"]
        for row in rows
        if may_manage(
            actor,
            runtime,
            _Columns(
                roles=row["roles"] or [],
                site_ids=row["site_ids"] or [],
                all_sites=bool(row["all_sites"]),
                is_superuser=bool(row["is_superuser"]),
            ),
        )
    }


async def update_user(
    actor: Actor,
    runtime: Runtime,
    user_id: int,
    *,
    roles: list[str] | None = None,
    site_ids: list[int] | None = None,
    all_sites: bool | None = None,
    is_active: bool | None = None,
) -> User:
    check_grant(actor, runtime, roles, site_ids, all_sites)
    async with atomic():
        user = await User.get_or_none(id=user_id)
        if user is None or not may_manage(actor, runtime, user):
            raise ServiceError("NOT_FOUND", "identity.not_found", "id")
        values = {
            k: v
            for k, v in {
                "roles": roles,
                "site_ids": site_ids,
                "all_sites": all_sites,
                "is_active": is_active,
            }.items()
            if v is not None
        }
        before = {k: getattr(user, k) for k in values}
        user.update_from_dict(values)
        if values:
            await user.save(update_fields=list(values))
        if is_active is False:
            await Token.filter(user_id=user.id, revoked_at=None).update(revoked_at=tokens.now())
        await record(actor, "userUpdate", user, before=before, after=values)
    tokens.forget()
    return user


async def create_role(
    actor: Actor, runtime: Runtime, name: str, permissions: list[str], description: str = ""
) -> Role:
    name = name.strip()
    if not ROLE_NAME.match(name):
        raise ServiceError("INVALID", "identity.invalid_role_name", "name")
    _check_permissions(actor, runtime, permissions)
    async with atomic():
        if name in runtime.roles or await Role.filter(name=name).exists():
            raise ServiceError("CONFLICT", "identity.role_taken", "name")
        role = await Role.create(
            name=name, permissions=sorted(set(permissions)), description=description
        )
        await record(
            actor, "roleCreate", role, after={"name": name, "permissions": role.permissions}
        )
    runtime.add_role(RoleSpec(role.name, tuple(role.permissions), role.description))
    runtime.state.setdefault("identity.custom_roles", (set(), 0.0))[0].add(role.name)
    return role


def _check_permissions(actor: Actor, runtime: Runtime, permissions: list[str]) -> None:
    unknown = sorted(set(permissions) - set(runtime.permissions))
    if unknown:
        raise ServiceError(
            "INVALID", "identity.unknown_permission", "permissions", permission=unknown[0]
        )
    if not actor.is_superuser and not set(permissions) <= actor.permissions:
        raise ServiceError("FORBIDDEN", "identity.role_forbidden", "permissions")


async def update_role(
    actor: Actor,
    runtime: Runtime,
    name: str,
    permissions: list[str] | None = None,
    description: str | None = None,
) -> Role:
    if permissions is not None:
        _check_permissions(actor, runtime, permissions)
    async with atomic():
        role = await Role.get_or_none(name=name)
        if role is None:
            code = "FORBIDDEN" if name in runtime.roles else "NOT_FOUND"
            key = "identity.builtin_role" if name in runtime.roles else "identity.not_found"
            raise ServiceError(code, key, "name")
        before = {"permissions": role.permissions, "description": role.description}
        if permissions is not None:
            role.permissions = sorted(set(permissions))
        if description is not None:
            role.description = description
        await role.save()
        after = {"permissions": role.permissions, "description": role.description}
        await record(actor, "roleUpdate", role, before=before, after=after)
    runtime.add_role(RoleSpec(role.name, tuple(role.permissions), role.description))
    return role


async def delete_role(actor: Actor, runtime: Runtime, name: str) -> None:
    async with atomic():
        role = await Role.get_or_none(name=name)
        if role is None:
            code = "FORBIDDEN" if name in runtime.roles else "NOT_FOUND"
            key = "identity.builtin_role" if name in runtime.roles else "identity.not_found"
            raise ServiceError(code, key, "name")
        await record(
            actor, "roleDelete", role, before={"name": name, "permissions": role.permissions}
        )
        await role.delete()
    runtime.roles.pop(name, None)
    runtime.state.get("identity.custom_roles", (set(), 0.0))[0].discard(name)


async def create_service_account(
    actor: Actor,
    runtime: Runtime,
    name: str,
    roles: list[str],
    site_ids: list[int] | None = None,
    all_sites: bool = False,
) -> User:
    check_grant(actor, runtime, roles, site_ids, all_sites)
    slug = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-") or "service"
    return await create_user(
        actor,
        f"{slug}@service.invalid",
        None,
        roles=roles,
        display_name=name.strip() or slug,
        site_ids=site_ids,
        all_sites=all_sites,
        is_service=True,
        operation="serviceAccountCreate",
    )


async def create_api_token(
    actor: Actor,
    runtime: Runtime,
    user_id: int,
    name: str,
    scopes: list[str],
    days: int | None = None,
) -> tuple[str, Token]:
    """A scoped, long-lived token for a service account; the raw value is shown only once."""
    _check_permissions(actor, runtime, scopes)
    async with atomic():
        user = await User.get_or_none(id=user_id)
        if user is None or not may_manage(actor, runtime, user):
            raise ServiceError("NOT_FOUND", "identity.not_found", "serviceAccountId")
        if not user.is_service:
            raise ServiceError("INVALID", "identity.not_service", "serviceAccountId")
        life = dt.timedelta(days=days) if days else None
        raw, token = await tokens.issue(user, "api", life, name=name, scopes=sorted(set(scopes)))
        await record(
            actor,
            "apiTokenCreate",
            token,
            object_type="ApiToken",
            after={"name": name, "scopes": token.scopes},
        )
    return raw, token


async def revoke_api_token(actor: Actor, runtime: Runtime, token_id: int) -> Token:
    async with atomic():
        token = await Token.filter(id=token_id, kind="api").select_related("user").first()
        if token is None or not may_manage(actor, runtime, token.user):
            raise ServiceError("NOT_FOUND", "identity.not_found", "id")
        if token.revoked_at is None:
            token.revoked_at = tokens.now()
            await token.save(update_fields=["revoked_at"])
        await record(
            actor, "apiTokenRevoke", token, object_type="ApiToken", after={"revoked": True}
        )
    tokens.forget()
    return token


# --- personal data ---------------------------------------------------------------------------


async def party_user_data(party_id: int) -> dict[str, object] | None:
    users = await User.filter(party_id=party_id)
    if not users:
        return None
    return {
        "users": [
            {
                "email": u.email,
                "roles": u.roles,
                "active": u.is_active,
                "created_at": u.created_at.isoformat(),
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
            }
            for u in users
        ]
    }


async def erase_party_users(party_id: int) -> ErasureReport:
    """Accounts of an erased party: email replaced, password removed, sessions revoked."""
    for user in await User.filter(party_id=party_id):
        user.email = f"erased-{user.id}@erased.invalid"
        user.password_hash = ""
        user.is_active = False
        await user.save(update_fields=["email", "password_hash", "is_active"])
        await Token.filter(user_id=user.id, revoked_at=None).update(revoked_at=tokens.now())
    return ErasureReport("identity", erased=("identity_user.email", "identity_user.password_hash"))


async def user_exists(user_id: int) -> bool:
    """Whether the user account ``user_id`` exists: for an office that records a user by id
    (the clerk working at a counter) without reading the identity tables itself."""
    return await User.filter(id=user_id).exists()
