"""Group bookings: several rooms under one holder (a tour operator, a company, a wedding's
organiser), booked together and cancelled together.

Tables of their own, not columns of ``lodging_reservation``: a stay outside any group has no
row, and the reservation table (whose change SQLite makes by rebuilding it) is left alone.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api

#: Billing modes: the holder pays everything (every room's folio is billed to it), each guest
#: pays their own, or the holder pays the rooms (room nights and city tax) and each guest the rest.
MASTER = "master"
INDIVIDUAL = "individual"
ROOMS_TO_MASTER = "rooms_to_master"
BILLING_MODES = (MASTER, INDIVIDUAL, ROOMS_TO_MASTER)


class ReservationGroup(Model):
    """A party's rooms booked together, with how they are billed."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="lodging_reservation_groups", on_delete=fields.RESTRICT
    )
    site_id: int
    name = fields.CharField(max_length=200)
    holder: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="lodging_reservation_groups", on_delete=fields.RESTRICT
    )
    holder_id: int
    #: The holder's own reference for the booking (a tour operator's voucher), if any
    booking_reference = fields.CharField(max_length=64, null=True)
    #: master, individual or rooms_to_master
    billing = fields.CharField(max_length=16, default=MASTER)
    notes = fields.TextField(default="")
    #: When the whole group was cancelled
    cancelled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "lodging_reservation_group"
        ordering = ["site_id", "-id"]
        indexes = (("site_id", "id"),)


class ReservationGroupRoom(Model):
    """A reservation of a group (a reservation belongs to one group at most)."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[ReservationGroup] = fields.ForeignKeyField(
        "lodging.ReservationGroup", related_name="rooms", on_delete=fields.CASCADE
    )
    group_id: int
    reservation: fields.OneToOneRelation[Model] = fields.OneToOneField(
        "lodging.Reservation", related_name="group_link", on_delete=fields.CASCADE
    )
    reservation_id: int

    class Meta:
        table = "lodging_reservation_group_room"
        ordering = ["group_id", "id"]
        indexes = (("group_id", "id"),)
