from __future__ import annotations

from typing import Any

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import payload
from sportello.sla.graphql.types import SlaError, SlaPolicy

SlaPolicyPayload = payload(SlaPolicy, errors=SlaError)


def decode_rules(values: dict[str, Any]) -> dict[str, Any]:
    """Input values as service fields: ids decoded, enums as their values."""
    out = dict(values)
    if out.get("party_id") is not None:
        out["party_id"] = decode_id(out["party_id"], "Party", "partyId")
    if out.get("department_id") is not None:
        out["department_id"] = decode_id(out["department_id"], "Department", "departmentId")
    kind = out.get("deadline_kind")
    if kind is not None:
        out["deadline_kind"] = kind.value
    return out
