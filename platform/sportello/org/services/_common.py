"""What the org services share: who sees which units, the tree lock, the staff rule."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello.identity.models import User
from sportello.org.models import Department
from sportello.services import Actor, ServiceError

#: How deep units may nest (a department, its teams, their sub-teams...).
MAX_DEPTH = 12
NAME_MAX = 200
CODE_MAX = 32
#: pg_advisory_xact_lock key serialising changes to the shape of the tree
TREE_LOCK = 0x0D6_7EE


def visible(qs: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
    """Units the actor may see: organisation-wide ones and those of the actor's sites."""
    if actor.site_ids is None:
        return qs
    return qs.filter(Q(site_id__isnull=True) | Q(site_id__in=list(actor.site_ids)))


def usable_at(qs: QuerySet[Any], site_id: int) -> QuerySet[Any]:
    """Units that serve a site: its own and the organisation-wide ones."""
    return qs.filter(Q(site_id__isnull=True) | Q(site_id=site_id))


def may_write(actor: Actor, site_id: int | None, field: str = "siteId") -> None:
    """Site-bound managers change units of their sites only; org-wide units need every site."""
    if actor.site_ids is None:
        return
    if site_id is None:
        raise ServiceError("FORBIDDEN", "org.org_wide_forbidden", field)
    if site_id not in actor.site_ids:
        raise ServiceError("FORBIDDEN", "identity.site_forbidden", field)


async def lock_tree(conn: BaseDBAsyncClient) -> None:
    """Serialise changes to parents, sites and existence of units until the transaction ends.

    Two re-parents checked at once could each see no cycle and together make one; the lock
    makes the second wait for the first and check the tree the first left. SQLite runs one
    transaction at a time already."""
    if conn.capabilities.dialect == "postgres":
        await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [TREE_LOCK])


async def locked_unit(actor: Actor, department_id: int, field: str = "id") -> Department:
    """The unit, row-locked, if the actor may see it (else NOT_FOUND)."""
    found: Department | None = (
        await visible(Department.filter(id=department_id), actor).select_for_update().first()
    )
    if found is None:
        raise ServiceError("NOT_FOUND", "core.not_found", field)
    return found


async def staff_at(user_id: int, site_id: int | None, field: str) -> User:
    """An active, personal user account who works at ``site_id`` (any site when null)."""
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise ServiceError("NOT_FOUND", "core.not_found", field)
    if not user.is_active or user.is_service:
        raise ServiceError("USER_INACTIVE", "org.user_inactive", field)
    if site_id is not None and not works_at(user, site_id):
        raise ServiceError("USER_NOT_AT_SITE", "org.user_not_at_site", field)
    return user


async def column(qs: QuerySet[Any], name: str) -> list[Any]:
    """One column of the rows (``values_list(flat=True)`` without its loose typing)."""
    return [row[name] for row in await qs.values(name)]


def works_at(user: User, site_id: int) -> bool:
    return bool(user.all_sites or user.is_superuser or site_id in (user.site_ids or []))
