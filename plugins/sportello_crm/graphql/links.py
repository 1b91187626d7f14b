"""Links to any office's object: a global id checked against the schema and the caller."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry import relay

from sportello import api
from sportello_crm.graphql.values import LinkInput
from sportello_crm.services.interactions import LinkTarget


async def targets(info: strawberry.Info, links: Sequence[LinkInput] | None) -> list[LinkTarget]:
    """Each global id must name an object of a node type of the schema that the caller may
    see (its type's permission and sites); else ``UNKNOWN_OBJECT`` on ``links``."""
    out: list[LinkTarget] = []
    for item in links or ():
        out.append(await _target(info, str(item.object_id)))
    return out


def _unknown() -> api.ServiceError:
    return api.ServiceError("UNKNOWN_OBJECT", "crm.unknown_object", "links")


async def _target(info: strawberry.Info, value: str) -> LinkTarget:
    try:
        gid = relay.GlobalID.from_id(value)
        node_type = gid.resolve_type(info)
        pk = int(gid.node_id)
    except Exception:
        raise _unknown() from None
    model = getattr(node_type, "__model__", None)
    permission = getattr(node_type, "__permission__", None)
    actor: api.Actor = info.context.actor
    if model is None or not 0 < pk < 2**31:
        raise _unknown()
    if isinstance(permission, str) and permission != api.AUTHENTICATED:
        if not actor.has(permission):
            raise _unknown()
    if not await api.scoped(model.filter(id=pk), actor).exists():
        raise _unknown()
    return LinkTarget(object_type=gid.type_name, object_id=value)
