"""The audit trail: one append-only entry per change, written in the change's transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from typing import Any

from sportello.identity.models import AuditEntry
from sportello.services import Actor

SECRET_WORDS = ("password", "secret", "token", "digest")


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def redact(values: dict[str, Any] | None) -> dict[str, Any]:
    if not values:
        return {}
    return {
        k: "[redacted]" if any(w in k.lower() for w in SECRET_WORDS) else _plain(v)
        for k, v in values.items()
    }


async def record(
    actor: Actor,
    operation: str,
    obj: Any = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    object_type: str | None = None,
    object_id: Any = None,
    site_id: int | None = None,
) -> AuditEntry:
    """Call inside the service's transaction, so the entry and the change commit together.

    ``site_id`` defaults to ``obj.site_id``; it scopes the entry for auditors bound to sites.
    Values of keys naming secrets (password, token, ...) are stored as ``[redacted]``.
    """
    return await AuditEntry.create(
        actor_user_id=actor.user_id,
        actor_label=actor.label(),
        request_id=actor.request_id,
        operation=operation,
        object_type=object_type or (type(obj).__name__ if obj is not None else ""),
        object_id=str(object_id if object_id is not None else getattr(obj, "pk", "") or ""),
        changes={"before": redact(before), "after": redact(after)},
        site_id=site_id if site_id is not None else getattr(obj, "site_id", None),
    )
