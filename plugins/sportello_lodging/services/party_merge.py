"""A merged guest's stays, hotel registrations and the folios billed to it and the groups it holds belong to the
surviving party."""

from __future__ import annotations

from sportello import api
from sportello_lodging import billing_models, group_models
from sportello_lodging import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    columns = [
        (m.Reservation, "guest_id"),
        (m.GuestRegistration, "party_id"),
        (billing_models.FolioBilling, "bill_to_id"),
        (group_models.ReservationGroup, "holder_id"),
    ]
    return await api.move_party_references("lodging", source_id, target_id, columns)
