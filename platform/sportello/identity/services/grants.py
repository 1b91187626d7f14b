"""Who may grant what and manage whom: one rule set that users, sessions, roles and service
accounts all check against, so that no privilege check is written twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sportello.identity.models import User
from sportello.parties.services import lock_live_party, may_see_party
from sportello.services import Actor, ServiceError

if TYPE_CHECKING:
    from sportello.runtime import Runtime


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


async def may_bind_party(actor: Actor, party_id: int) -> bool:
    """Whether ``actor`` holds a right over the party ``party_id`` as a user administrator:
    one with every site has it over every party; a site-bound one over the parties known at
    one of their sites (``parties_party_site``: a record of that site names the party)."""
    return await may_see_party(actor, party_id)


async def check_party_binding(actor: Actor, runtime: Runtime | None, party_id: int) -> None:
    """Opening an account for an existing person (``userCreate(partyId:)``): the new account
    acts as that person, so it needs a right over the person.

    Inside the creating transaction: the party row is locked (an erasure waits, or went first
    and the party is NOT_FOUND, like one that does not exist or that the caller cannot see).
    Never the caller's own party (FORBIDDEN): a second login for oneself would escape the
    grants of the first. Never a person who already has an account the caller may not
    manage (FORBIDDEN): the new login would act as someone with more power.
    """
    if actor.party_id is not None and actor.party_id == party_id:
        raise ServiceError("FORBIDDEN", "identity.own_party", "partyId")
    await lock_live_party(party_id, "partyId")
    if not await may_bind_party(actor, party_id):
        raise ServiceError("NOT_FOUND", "core.not_found", "partyId")
    if runtime is not None:
        for user in await User.filter(party_id=party_id):
            if not may_manage(actor, runtime, user):
                raise ServiceError("FORBIDDEN", "identity.party_forbidden", "partyId")


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


def _check_permissions(actor: Actor, runtime: Runtime, permissions: list[str]) -> None:
    unknown = sorted(set(permissions) - set(runtime.permissions))
    if unknown:
        raise ServiceError(
            "INVALID", "identity.unknown_permission", "permissions", permission=unknown[0]
        )
    if not actor.is_superuser and not set(permissions) <= actor.permissions:
        raise ServiceError("FORBIDDEN", "identity.role_forbidden", "permissions")
