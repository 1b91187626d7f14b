from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Any

import strawberry
from tortoise.expressions import Q, Subquery

from sportello.graphql import typed
from sportello.graphql.ids import decode_id
from sportello.graphql.relay import Connection, load_list
from sportello.identity.permissions import Authenticated
from sportello.org import models, services
from sportello.org.graphql.types import Department, DepartmentKind


@strawberry.type
class OrgQueries:
    @typed.connection(
        Connection[Department],
        permission_classes=[Authenticated],
        description=(
            "Departments and teams the caller may see (organisation-wide ones and those of the"
            " caller's sites), by name. `siteId`: the units serving that site (its own and the"
            " organisation-wide ones); `parentId`: the units directly under that one;"
            " `topLevel`: only units without a parent; archived units only with"
            " `includeArchived`."
        ),
    )
    def departments(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID | None = None,
        kind: DepartmentKind | None = None,
        parent_id: strawberry.ID | None = None,
        top_level: bool = False,
        include_archived: bool = False,
        search: str | None = None,
    ) -> AsyncIterable[models.Department]:
        qs = models.Department.all()  # the connection keeps the caller's sites
        if site_id is not None:
            qs = services.usable_at(qs, decode_id(site_id, "Site", "siteId"))
        if parent_id is not None:
            qs = qs.filter(parent_id=decode_id(parent_id, "Department", "parentId"))
        if top_level:
            qs = qs.filter(parent_id__isnull=True)
        if kind is not None:
            qs = qs.filter(kind=kind.value)
        if not include_archived:
            qs = qs.filter(active=True)
        if search and search.strip():
            term = search.strip()
            qs = qs.filter(Q(name__icontains=term) | Q(code__icontains=term))
        return qs.order_by("name", "id")


@strawberry.type
class MeDepartments:
    """Added to ``Me``: the units the caller works in."""

    @typed.field(
        description="The active departments and teams the caller works in (member or manager)."
    )
    async def departments(self, info: strawberry.Info) -> list[Department]:
        actor = info.context.actor
        if actor.user_id is None:
            return []
        # A subquery, not a join with DISTINCT: the page selects only the columns asked for,
        # and PostgreSQL refuses SELECT DISTINCT ordered by a column it does not select.
        member_of = models.Member.filter(user_id=actor.user_id).values("department_id")
        qs: Any = models.Department.filter(
            Q(id__in=Subquery(member_of)) | Q(manager_id=actor.user_id), active=True
        )
        qs = qs.order_by("name", "id")  # load_list keeps the caller's sites
        found: list[Department] = await load_list(qs, info, Department)
        return found
