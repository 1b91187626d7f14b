from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.graphql import typed
from sportello.graphql.ids import decode_id
from sportello.graphql.relay import Connection
from sportello.identity import models
from sportello.identity.graphql.types import (
    AuditEntry,
    Me,
    PermissionInfo,
    RoleInfo,
    User,
    me_of,
)
from sportello.identity.permissions import Authenticated, Public, requires
from sportello.identity.services import manageable_ids
from sportello.privacy import export_party
from sportello.services import ServiceError


@strawberry.type
class IdentityQueries:
    @typed.field(
        permission_classes=[Public], description="The caller; anonymous when not logged in."
    )
    def me(self, info: strawberry.Info) -> Me:
        return me_of(info.context.actor)

    @typed.connection(
        Connection[AuditEntry],
        permission_classes=[requires("audit.view")],
        description="The audit trail, newest first. `object` is any global ID.",
    )
    def audit_entries(
        self,
        info: strawberry.Info,
        actor: strawberry.ID | None = None,
        object: strawberry.ID | None = None,
        operation: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
    ) -> AsyncIterable[models.AuditEntry]:
        qs = models.AuditEntry.all()  # the connection keeps the caller's sites (entries_at)
        if actor is not None:
            try:
                qs = qs.filter(actor_user_id=decode_id(actor, "User", "actor"))
            except ServiceError:
                return models.AuditEntry.filter(id=-1)
        if object is not None:
            try:
                gid = relay.GlobalID.from_id(object)
            except Exception:
                return models.AuditEntry.filter(id=-1)
            qs = qs.filter(object_type=gid.type_name, object_id=gid.node_id)
        if operation:
            qs = qs.filter(operation=operation)
        if since is not None:
            qs = qs.filter(at__gte=since)
        if until is not None:
            qs = qs.filter(at__lt=until)
        return qs.order_by("-id")

    @typed.connection(Connection[User], permission_classes=[requires("identity.users.manage")])
    async def users(self, info: strawberry.Info) -> AsyncIterable[models.User]:
        allowed = await manageable_ids(info.context.actor, info.context.runtime)
        qs = models.User.all() if allowed is None else models.User.filter(id__in=sorted(allowed))
        return qs.order_by("email", "id")

    @typed.field(permission_classes=[Authenticated], description="Roles and their permissions.")
    async def roles(self, info: strawberry.Info) -> list[RoleInfo]:
        runtime = info.context.runtime
        custom = {r.name: r for r in await models.Role.all()}
        return [
            RoleInfo(
                name=name,
                permissions=sorted(perms),
                description=custom[name].description if name in custom else "",
                editable=name in custom,
            )
            for name, perms in sorted(runtime.roles.items())
        ]

    @typed.field(
        permission_classes=[Authenticated], description="Every permission the offices declare."
    )
    def permissions(self, info: strawberry.Info) -> list[PermissionInfo]:
        return [
            PermissionInfo(code=p.code, description=p.description)
            for p in info.context.runtime.permissions.values()
        ]

    @typed.field(
        permission_classes=[requires("privacy.export")],
        description=(
            "Everything every enabled office holds about a party (GDPR access request). "
            "Needs access to every site: a site-bound caller gets a FORBIDDEN error. "
            "Null when no such party exists."
        ),
    )
    async def party_data_export(self, info: strawberry.Info, id: strawberry.ID) -> JSON | None:
        try:
            party_id = decode_id(id, "Party", "id")
            return JSON(await export_party(info.context.runtime, info.context.actor, party_id))
        except ServiceError as exc:
            if exc.code == "FORBIDDEN":
                raise Refused(exc, info) from None
            return None


class Refused(Exception):
    """A refusal a query reports as a GraphQL error with a code (it has no payload)."""

    def __init__(self, exc: ServiceError, info: strawberry.Info) -> None:
        problem = exc.problems[0]
        catalog = info.context.runtime.catalog
        super().__init__(catalog.gettext(problem.message, info.context.language, **problem.params))
        self.extensions = {"code": problem.code, "field": problem.field}
