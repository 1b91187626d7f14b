"""A merged party's cases, interactions, opportunities and activities go to the surviving
party, and so do links that named the merged party by its global id."""

from __future__ import annotations

from sportello import api
from sportello_crm import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    columns = [
        (m.Case, "party_id"),
        (m.Interaction, "party_id"),
        (m.Opportunity, "party_id"),
        (m.Activity, "party_id"),
    ]
    report = await api.move_party_references("crm", source_id, target_id, columns)
    links = await m.Link.filter(
        object_type="Party", object_id=api.encode_id("Party", source_id)
    ).update(object_id=api.encode_id("Party", target_id))
    report.moved["crm_link.object_id"] = int(links)
    return report
