"""User accounts as administrators and the CLI create and change them: the one place an account
row is written, apart from a login's timestamp and erasure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sportello.identity import tokens
from sportello.identity.audit import record
from sportello.identity.models import Token, User
from sportello.identity.passwords import hash_password_async
from sportello.identity.services.grants import check_grant, check_party_binding, may_manage
from sportello.parties.services import EMAIL, create_party
from sportello.services import Actor, Problem, ServiceError, atomic

if TYPE_CHECKING:
    from sportello.runtime import Runtime

MIN_PASSWORD = 10


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
    runtime: Runtime | None = None,
) -> User:
    """A login account. With ``party_id`` it acts as that existing person: the actor needs a
    right over the person (``check_party_binding``); without, a new person is registered.
    ``runtime`` lets the binding check compare the power of the person's other accounts."""
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
        else:
            await check_party_binding(actor, runtime, party_id)
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


async def user_exists(user_id: int) -> bool:
    """Whether the user account ``user_id`` exists: for an office that records a user by id
    (the clerk working at a counter) without reading the identity tables itself."""
    return await User.filter(id=user_id).exists()


async def user_party_ids(user_ids: list[int]) -> dict[int, int]:
    """The party of each existing user account (``{user id: party id}``): for an office that
    records people by party and needs the person behind a login (an employee's account)."""
    rows = await User.filter(id__in=user_ids).values_list("id", "party_id")
    return {int(uid): int(pid) for uid, pid in rows}
