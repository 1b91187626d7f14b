"""A merged party's support tickets go to the surviving party."""

from __future__ import annotations

from sportello import api
from sportello_itsupport import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    columns = [(m.Ticket, "requester_id")]
    return await api.move_party_references("itsupport", source_id, target_id, columns)
