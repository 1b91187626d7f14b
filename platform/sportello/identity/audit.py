"""The audit trail: one append-only entry per change, written in the change's transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Iterable
from typing import Any

from strawberry.types.base import get_object_definition
from tortoise.expressions import Q, Subquery

from sportello import writes
from sportello.graphql.relay import ModelNode
from sportello.identity.models import AuditEntry, AuditSite
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


_TYPE_NAMES: dict[type, str] = {}
_KNOWN_NODES: set[type] = set()


def _node_classes() -> set[type]:
    seen: set[type] = set()
    pending = list(ModelNode.__subclasses__())
    while pending:
        cls = pending.pop()
        if cls not in seen:
            seen.add(cls)
            pending.extend(cls.__subclasses__())
    return seen


def type_name(obj: Any) -> str:
    """The GraphQL type name of a model instance (``Ticket`` row -> ``QueueTicket``), so the
    audit trail's ``object`` filter takes the object's global ID; the model name otherwise."""
    model = type(obj)
    name = _TYPE_NAMES.get(model)
    if name is not None:
        return name
    nodes = _node_classes()
    if nodes != _KNOWN_NODES:  # plugins loaded since the last look: map their node types
        for cls in sorted(nodes - _KNOWN_NODES, key=lambda c: c.__qualname__):
            definition = get_object_definition(cls)
            target = cls.__dict__.get("__model__")
            if definition is not None and target is not None:
                # Two node types over one model (a full view and a restricted one, such as
                # hr's Employee and DirectoryEntry): the one named after the model wins.
                if definition.name == target.__name__:
                    _TYPE_NAMES[target] = definition.name
                else:
                    _TYPE_NAMES.setdefault(target, definition.name)
        _KNOWN_NODES.update(nodes)
    return _TYPE_NAMES.get(model, model.__name__)


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
    site_ids: Iterable[int] = (),
) -> AuditEntry:
    """Call inside the service's transaction, so the entry and the change commit together.
    Inside ``atomic()`` the entry is written just before the transaction commits, with the
    transaction's other audit entries and outbox events; its ``id`` is set then.

    ``object_type`` defaults to the GraphQL type name of ``obj`` (``type_name``), so auditors
    filter by the global ID the API hands out.

    ``site_id`` defaults to ``obj.site_id``; it scopes the entry for auditors bound to sites.
    ``site_ids`` are the sites of a change touching several (a party linked to several sites):
    the auditors of each see it. An entry with no site at all (logins, users, global settings)
    is seen only by auditors with every site.
    Values of keys naming secrets (password, token, ...) are stored as ``[redacted]``.
    """
    sites = sorted(set(site_ids))
    if site_id is None:
        site_id = getattr(obj, "site_id", None)
    if site_id is None and sites:
        site_id = sites[0]
    entry = AuditEntry(
        actor_user_id=actor.user_id,
        actor_label=actor.label(),
        request_id=actor.request_id,
        client_request_id=actor.client_request_id,
        operation=operation,
        object_type=object_type or (type_name(obj) if obj is not None else ""),
        object_id=str(object_id if object_id is not None else getattr(obj, "pk", "") or ""),
        changes={"before": redact(before), "after": redact(after)},
        site_id=site_id,
    )
    extra = [s for s in sites if s != site_id]
    if extra:  # its further sites need its id now
        await entry.save(force_create=True)
        await AuditSite.bulk_create([AuditSite(entry_id=entry.id, site_id=s) for s in extra])
        return entry

    def saved(pk: int) -> None:
        entry.id = pk
        entry._saved_in_db = True

    # Nothing reads it back in the change's transaction: it goes out with the others just
    # before commit (``sportello.writes``); its ``id`` is set then.
    await writes.write(entry, done=saved)
    return entry


def entries_at(site_ids: Iterable[int]) -> Q:
    """Audit entries touching one of ``site_ids`` (entries with no site are not among them)."""
    sites = sorted(set(site_ids))
    more = AuditSite.filter(site_id__in=sites).values("entry_id")
    return Q(site_id__in=sites) | Q(id__in=Subquery(more))
