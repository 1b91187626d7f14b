from __future__ import annotations

import asyncio
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from sportello.graphql.context import get_loader
from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.ids import encode_id
from sportello.graphql.limits import list_size
from sportello.graphql.loading import follow, needs
from sportello.graphql.relay import ModelNode, load_selected
from sportello.identity.permissions import AUTHENTICATED
from sportello.org import models
from sportello.parties.graphql.types import Site


@strawberry.enum(description="A department, or a team (normally within a department).")
class DepartmentKind(enum.Enum):
    DEPARTMENT = models.DEPARTMENT
    TEAM = models.TEAM


@strawberry.type(description="A person working in a department or team.")
class DepartmentMember:
    id: strawberry.ID = strawberry.field(description="The user's ID.")
    name: str = strawberry.field(description="The person's display name.")
    active: bool = strawberry.field(description="False once the user account is switched off.")


def _member(user_id: int, name: str | None, active: Any) -> DepartmentMember:
    return DepartmentMember(
        id=strawberry.ID(encode_id("User", user_id)), name=name or "", active=bool(active)
    )


async def load_members(units: list[Any]) -> None:
    """The members of a page of units, in one query."""
    by_unit: dict[int, list[DepartmentMember]] = defaultdict(list)
    rows = await (
        models.Member.filter(department_id__in=[u.id for u in units])
        .order_by("user__party__display_name", "id")
        .values("department_id", "user_id", "user__is_active", "user__party__display_name")
    )
    for row in rows:
        by_unit[row["department_id"]].append(
            _member(row["user_id"], row["user__party__display_name"], row["user__is_active"])
        )
    for unit in units:
        unit.__dict__["_members"] = by_unit.get(unit.id, [])


def _loaded(obj: Any, attr: str, loader: Callable[[list[Any]], Awaitable[None]]) -> Any:
    """What a batch loader set, or (a mutation's payload) an awaitable loading it for ``obj``."""
    value = obj.__dict__.get(attr)
    if value is not None:
        return value

    async def once() -> Any:
        await loader([obj])
        return obj.__dict__[attr]

    return once()


async def _settled(value: Any) -> Any:
    return await value if asyncio.isfuture(value) or asyncio.iscoroutine(value) else value


def _manager(root: strawberry.Parent[Any]) -> Any:
    if root.manager_id is None:
        return None
    name = follow(root, "manager.party.display_name")
    active = follow(root, "manager.is_active")
    if asyncio.iscoroutine(name) or asyncio.iscoroutine(active):

        async def later() -> DepartmentMember:
            return _member(root.manager_id, await _settled(name), await _settled(active))

        return later()
    return _member(root.manager_id, name, active)


def _members(root: strawberry.Parent[Any]) -> Any:
    return _loaded(root, "_members", load_members)


#: What the cost limit counts for a unit's members and children (typical sizes, not caps).
MEMBERS_COST = 20
CHILDREN_COST = 10


def _child_selections(info: strawberry.Info) -> list[Any]:
    return [s for f in info.selected_fields for s in f.selections]


async def _load_children(parent_ids: list[int], info: strawberry.Info) -> list[list[Any]]:
    """The active units under a page of units: the same queries for one unit or fifty."""
    qs = models.Department.filter(parent_id__in=parent_ids, active=True).order_by("name", "id")
    rows = await load_selected(qs, info, Department, _child_selections)
    parents = {
        r["id"]: r["parent_id"]
        for r in await models.Department.filter(parent_id__in=parent_ids).values("id", "parent_id")
    }
    by_parent: dict[int, list[Any]] = {pk: [] for pk in parent_ids}
    for row in rows:
        by_parent[parents[row.id]].append(row)
    return [by_parent[pk] for pk in parent_ids]


async def _children(root: strawberry.Parent[Any], info: strawberry.Info) -> list[Department]:
    # One loader per field of the document: nested `children` levels batch separately.
    key = ("org.children", *map(id, info._raw_info.field_nodes))
    loader = get_loader(key, lambda: DataLoader(load_fn=lambda ids: _load_children(ids, info)))
    found: list[Department] = await loader.load(root.id)
    return found


@strawberry.type(description="A unit of the organisation that work is routed to.")
class Department(ModelNode):
    __model__ = models.Department
    __permission__ = AUTHENTICATED  # any logged-in caller, within their sites
    __site_field__ = "site_id"
    __site_optional__ = True  # organisation-wide units (no site) are seen from every site
    __needs__ = {
        "manager": needs("manager_id", "manager.is_active", "manager.party.display_name"),
        "members": needs(batch=load_members),
        "children": needs(),
    }

    id: relay.NodeID[int]
    name: str
    code: str | None = strawberry.field(description="Unique among the units under one parent.")
    kind: DepartmentKind
    active: bool = strawberry.field(description="False once archived.")
    created_at: dt.datetime
    site: Site | None = strawberry.field(description="Where it works (null: everywhere).")
    parent: Department | None = strawberry.field(description="The unit it belongs to.")
    manager: DepartmentMember | None = strawberry.field(
        resolver=_manager, description="Who leads it."
    )
    members: list[DepartmentMember] = strawberry.field(
        resolver=_members,
        description="Who works in it, by name (the manager only if added).",
        metadata=list_size(MEMBERS_COST),
    )
    children: list[Department] = strawberry.field(
        resolver=_children,
        description="The active units directly under it, by name.",
        metadata=list_size(CHILDREN_COST),
    )


OrgErrorCode = error_codes(
    "OrgErrorCode",
    "CYCLE",
    "SITE_MISMATCH",
    "TOO_DEEP",
    "PARENT_ARCHIVED",
    "ARCHIVED",
    "HAS_CHILDREN",
    "HAS_MEMBERS",
    "IN_USE",
    "USER_INACTIVE",
    "USER_NOT_AT_SITE",
    description="Why a change to departments and teams was refused.",
)
if TYPE_CHECKING:  # what error_type() builds at run time, declared for mypy

    @strawberry.type
    class OrgError(UserError):
        code: enum.Enum

else:
    OrgError = error_type("OrgError", OrgErrorCode)

__all__ = ["Department", "DepartmentKind", "DepartmentMember", "OrgError"]
