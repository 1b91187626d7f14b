"""A merged guest's stays and hotel registrations belong to the surviving party."""

from __future__ import annotations

from sportello import api
from sportello_lodging import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    columns = [(m.Reservation, "guest_id"), (m.GuestRegistration, "party_id")]
    return await api.move_party_references("lodging", source_id, target_id, columns)
