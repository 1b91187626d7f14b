"""Relay global IDs at the edge: decode them into primary keys or a typed error."""

from __future__ import annotations

from base64 import b64encode

import strawberry
from strawberry import relay

from sportello.columns import pk_fits
from sportello.graphql.nodebase import model_of_type
from sportello.services import ServiceError


def encode_id(type_name: str, pk: int | str) -> strawberry.ID:
    """``relay.GlobalID(type_name, str(pk))`` as text, without building the object: a page
    of bars or rows encodes hundreds."""
    return strawberry.ID(b64encode(f"{type_name}:{pk}".encode()).decode())


def decode_id(value: str | None, type_name: str | tuple[str, ...], field: str) -> int:
    """``value`` must be a global ID of ``type_name``; raises INVALID_ID naming ``field``."""
    names = (type_name,) if isinstance(type_name, str) else type_name
    if not value:
        raise ServiceError("REQUIRED", "core.required", field)
    try:
        gid = relay.GlobalID.from_id(value)
        pk = int(gid.node_id)
    except Exception:
        raise ServiceError("INVALID_ID", "core.invalid_id", field, expected=names[0]) from None
    if gid.type_name not in names or not fits(gid.type_name, pk):
        raise ServiceError("INVALID_ID", "core.invalid_id", field, expected=names[0])
    return pk


def fits(type_name: str, pk: int) -> bool:
    """Whether ``pk`` can name a row of ``type_name``: positive and within its key column
    (a larger number would reach the database as an out-of-range parameter)."""
    if not 0 < pk < 2**63:
        return False
    model = model_of_type(type_name)
    return model is None or pk_fits(model, pk)


def decode_optional(value: str | None, type_name: str | tuple[str, ...], field: str) -> int | None:
    return None if value is None else decode_id(value, type_name, field)
