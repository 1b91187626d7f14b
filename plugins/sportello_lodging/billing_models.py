"""Who pays a stay's folio besides the guest: a bill-to party (a company) and the charge codes
routed to it (room and breakfast to the company, the minibar to the guest).

Its own table, not columns of ``lodging_reservation``: a stay without company billing has no
row, and the reservation table (whose change SQLite makes by rebuilding it) is left alone.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api


class FolioBilling(Model):
    """A stay's bill-to party and the charges it pays (every other charge is the guest's)."""

    id = fields.IntField(primary_key=True)
    reservation: fields.OneToOneRelation[Model] = fields.OneToOneField(
        "lodging.Reservation", related_name="folio_billing", on_delete=fields.CASCADE
    )
    reservation_id: int
    bill_to: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="lodging_folios_billed", on_delete=fields.RESTRICT
    )
    bill_to_id: int
    #: The charge codes the bill-to pays (ROOM_NIGHT, BREAKFAST), empty for every charge
    charge_codes: fields.JSONField[list[str]] = fields.JSONField(default=list)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "lodging_folio_billing"
