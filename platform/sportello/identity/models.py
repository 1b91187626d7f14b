from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from sportello.parties.models import Party


class User(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=255, default="")
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="users", on_delete=fields.RESTRICT
    )
    party_id: int
    roles: fields.JSONField[list[str]] = fields.JSONField(default=list)
    #: Site IDs this user works at, empty with ``all_sites`` means every site.
    site_ids: fields.JSONField[list[int]] = fields.JSONField(default=list)
    all_sites = fields.BooleanField(default=False)
    is_superuser = fields.BooleanField(default=False)
    is_service = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "identity_user"


class Token(Model):
    """Opaque bearer tokens, stored as SHA-256 digests so a database leak reveals none."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "identity.User", related_name="tokens", on_delete=fields.CASCADE
    )
    user_id: int
    kind = fields.CharField(max_length=16)  # access | refresh | api
    digest = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=100, default="")
    scopes: fields.JSONField[list[str]] = fields.JSONField(default=list)
    family = fields.CharField(max_length=32, default="")
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "identity_token"


class Role(Model):
    """A role defined through the API (roles from config and plugins need no row)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    permissions: fields.JSONField[list[str]] = fields.JSONField(default=list)
    description = fields.CharField(max_length=300, default="")

    class Meta:
        table = "identity_role"


class AuditEntry(Model):
    """Append-only: nothing in the API updates or deletes these rows."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    actor_user_id = fields.IntField(null=True, db_index=True)
    actor_label = fields.CharField(max_length=254, default="")
    # the server's own id of the request (never taken from the client)
    request_id = fields.CharField(max_length=64, null=True)
    #: the client's X-Request-ID, sanitised and capped, for correlation with its own logs
    client_request_id = fields.CharField(max_length=64, null=True)
    operation = fields.CharField(max_length=100, db_index=True)
    object_type = fields.CharField(max_length=100, default="")
    object_id = fields.CharField(max_length=64, default="", db_index=True)
    changes: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    #: The site of the changed record, when it has one (auditors bound to sites see only theirs).
    site_id = fields.IntField(null=True, db_index=True)

    class Meta:
        table = "identity_audit_entry"
        ordering = ["-id"]


class AuditSite(Model):
    """A further site an audit entry touches.

    A change of a party linked to several sites is seen by the auditors of each of them
    (``AuditEntry.site_id`` holds one site)."""

    id = fields.BigIntField(primary_key=True)
    entry: fields.ForeignKeyRelation[AuditEntry] = fields.ForeignKeyField(
        "identity.AuditEntry", related_name="site_links", on_delete=fields.CASCADE, db_index=True
    )
    entry_id: int
    site_id = fields.IntField()

    class Meta:
        table = "identity_audit_site"
        unique_together = (("site_id", "entry"),)


class LoginThrottle(Model):
    """Failed logins per client IP and per IP plus account (the account as a digest, not an email)."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=128, unique=True)
    failures = fields.IntField(default=0)
    last_failure_at = fields.DatetimeField(null=True)
    blocked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "identity_login_throttle"
