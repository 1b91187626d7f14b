"""A merged party's visits, as the visitor or as the host, go to the surviving party."""

from __future__ import annotations

from sportello import api
from sportello_visitors import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    columns = [(m.Visit, "visitor_id"), (m.Visit, "host_id")]
    return await api.move_party_references("visitors", source_id, target_id, columns)
