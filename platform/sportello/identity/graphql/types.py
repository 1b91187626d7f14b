from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.ids import decode_id, encode_id
from sportello.graphql.loading import needs
from sportello.graphql.nodebase import SiteScope
from sportello.graphql.relay import ModelNode
from sportello.identity import models
from sportello.identity.audit import entries_at
from sportello.identity.services import manageable_ids
from sportello.services import Actor


@strawberry.type(description="The caller: who they are, what they may do, where.")
class Me:
    id: strawberry.ID | None
    email: str | None
    kind: str
    roles: list[str]
    permissions: list[str]
    sites: list[strawberry.ID] | None
    party_id: strawberry.ID | None


def me_of(actor: Actor) -> Me:
    a = actor
    return Me(
        id=encode_id("User", a.user_id) if a.user_id else None,
        email=a.email,
        kind=a.kind,
        roles=sorted(a.roles),
        permissions=sorted(a.permissions),
        sites=None if a.site_ids is None else [encode_id("Site", s) for s in sorted(a.site_ids)],
        party_id=encode_id("Party", a.party_id) if a.party_id else None,
    )


IdentityErrorCode = error_codes(
    "IdentityErrorCode", "INVALID_CREDENTIALS", "INVALID_TOKEN", "THROTTLED"
)
if TYPE_CHECKING:  # what error_type() builds at run time, declared for mypy

    @strawberry.type
    class IdentityError(UserError):
        code: enum.Enum

else:
    IdentityError = error_type("IdentityError", IdentityErrorCode)


@strawberry.type
class TokenPair:
    access_token: str
    refresh_token: str
    expires_at: dt.datetime


@strawberry.type(description="A login account or a service account, linked to a party.")
class User(ModelNode):
    __model__ = models.User
    __permission__ = "identity.users.manage"
    __needs__ = {"sites": needs("site_ids"), "party_id": needs("party_id")}

    id: relay.NodeID[int]
    email: str
    roles: list[str]
    all_sites: bool
    is_service: bool
    is_active: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        """Administrators read only the users they may manage (``services.may_manage``)."""
        ids = list(node_ids)
        pks = [int(i) for i in ids if i.isdigit()]
        allowed = await manageable_ids(info.context.actor, info.context.runtime, pks)
        visible = (
            ids
            if allowed is None
            else [i if i.isdigit() and int(i) in allowed else "-1" for i in ids]
        )
        return await super().resolve_nodes(info=info, node_ids=visible, required=required)

    @strawberry.field
    def sites(self) -> list[strawberry.ID]:
        return [encode_id("Site", s) for s in self.site_ids]  # type: ignore[attr-defined]  # a column of the row

    @strawberry.field
    def party_id(self) -> strawberry.ID:
        return encode_id("Party", self.party_id)  # type: ignore[arg-type]  # the row's column


@strawberry.type(description="One change, as the audit trail recorded it. Read-only.")
class AuditEntry(ModelNode):
    __model__ = models.AuditEntry
    __permission__ = "audit.view"
    #: Entries of the caller's sites (site-less ones only for callers with every site).
    __site_field__ = SiteScope(entries_at)
    __needs__ = {"actor_id": needs("actor_user_id")}

    id: relay.NodeID[int]
    at: dt.datetime
    actor_label: str
    request_id: str | None = strawberry.field(
        description="The server's id of the request that made the change."
    )
    client_request_id: str | None = strawberry.field(
        description="The X-Request-ID the client sent, if any (sanitised; for correlation only)."
    )
    operation: str
    object_type: str
    object_id: str
    changes: JSON

    @strawberry.field
    def actor_id(self) -> strawberry.ID | None:
        uid = self.actor_user_id  # type: ignore[attr-defined]  # a column of the row
        return encode_id("User", uid) if uid else None


@strawberry.type
class RoleInfo:
    name: str
    permissions: list[str]
    description: str
    editable: bool


@strawberry.type
class PermissionInfo:
    code: str
    description: str


@strawberry.type(description="A service account's API token; the secret is shown only at creation.")
class ApiToken:
    id: strawberry.ID
    name: str
    scopes: list[str]
    expires_at: dt.datetime | None
    revoked: bool


def api_token_of(token: models.Token) -> ApiToken:
    return ApiToken(
        id=encode_id("ApiToken", token.id),
        name=token.name,
        scopes=list(token.scopes),
        expires_at=token.expires_at,
        revoked=token.revoked_at is not None,
    )


@strawberry.type(description="What one office erased, and what it keeps and why.")
class ErasureReportType:
    plugin: str
    erased: list[str]
    retained: JSON


def decode_ids(values: list[strawberry.ID] | None, type_name: str, field: str) -> list[int] | None:
    return None if values is None else [decode_id(v, type_name, field) for v in values]
