"""A merged party's appointments, and the desks staffed by it, go to the surviving party."""

from __future__ import annotations

from sportello import api
from sportello_counter import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    columns = [(m.Appointment, "party_id"), (m.Counter, "staff_id")]
    return await api.move_party_references("counter", source_id, target_id, columns)
