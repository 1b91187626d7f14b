"""Permissions: declared by plugins, grouped in roles, checked on every root field."""

from __future__ import annotations

from functools import cache
from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types.base import get_object_definition

from sportello._compat import moved
from sportello.services import Actor, ServiceError

__getattr__ = moved(
    __name__,
    {"Permission": "sportello.contract:Permission", "RoleSpec": "sportello.contract:RoleSpec"},
)


class PermissionDenied(Exception):
    """Raised where a field cannot return a payload; the client gets code PERMISSION_DENIED."""

    def __init__(self, permission: str | None = None) -> None:
        self.permission = permission
        text = f"permission '{permission}' required" if permission else "not allowed"
        super().__init__(f"Permission denied: {text}")
        self.extensions = {"code": "PERMISSION_DENIED", "permission": permission}


#: ``ModelNode.__permission__`` for objects any logged-in caller may read by ID (sites).
AUTHENTICATED = "authenticated"

#: ``ModelNode.__permission__`` for objects anyone may ask for by ID, the type's
#: ``node_queryset`` deciding which rows each caller sees (public knowledge-base articles).
PUBLIC = "public"


class Unauthenticated(Exception):
    """Raised where a field cannot return a payload and the caller is not logged in."""

    def __init__(self) -> None:
        super().__init__("Authentication required")
        self.extensions = {"code": "UNAUTHENTICATED"}


class Public(BasePermission):
    """Explicitly open to anyone, logged in or not."""

    message = "public"
    permissions: tuple[str, ...] = ()

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return True


class Authenticated(BasePermission):
    """Any logged-in user or service account."""

    message = "Authentication required"
    error_extensions = {"code": "UNAUTHENTICATED"}
    permissions: tuple[str, ...] = ()

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        actor: Actor = info.context.actor
        return actor.is_authenticated


class _Requires(BasePermission):
    permissions: tuple[str, ...] = ()

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        actor: Actor = info.context.actor
        return actor.is_authenticated and all(actor.has(p) for p in self.permissions)


@cache
def requires(*codes: str) -> type[BasePermission]:
    """A permission class for ``permission_classes=[requires("lodging.manage")]``."""
    return type(
        f"Requires_{'_'.join(c.replace('.', '_') for c in codes)}",
        (_Requires,),
        {
            "permissions": codes,
            "message": f"Permission denied: {', '.join(codes)} required",
            "error_extensions": {"code": "PERMISSION_DENIED", "permission": ",".join(codes)},
        },
    )


def field_permissions(field: Any) -> tuple[str, ...] | None:
    """The permissions a root field declares; ``()`` for public/authenticated; None if undeclared."""
    for cls in getattr(field, "permission_classes", []) or []:
        if issubclass(cls, (Public, Authenticated, _Requires)):
            return tuple(cls.permissions)
    return None


def root_fields(schema: Any) -> list[tuple[str, str, Any]]:
    """Every root field of a built schema: ``(root type name, GraphQL field name, field)``."""
    out = []
    for root in (schema.query, schema.mutation, schema.subscription):
        definition = get_object_definition(root) if root is not None else None
        if definition is None:
            continue
        for f in definition.fields:
            name = schema.config.name_converter.get_graphql_name(f)
            out.append((definition.name, name, f))
    return out


def undeclared_root_fields(schema: Any) -> list[str]:
    """``Type.field`` for every root field declaring neither a permission nor Public/Authenticated."""
    return [f"{t}.{n}" for t, n, f in root_fields(schema) if field_permissions(f) is None]


def require_site(actor: Actor, site_id: int | None, field: str = "siteId") -> None:
    """Services call this before writing a site's record: FORBIDDEN outside the actor's sites."""
    if not actor.may_see_site(site_id):
        raise ServiceError("FORBIDDEN", "identity.site_forbidden", field)
