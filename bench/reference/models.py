"""The lodging tables as the reference apps see them: the columns they read, same table names.

These mirror ``sportello_lodging.models`` (same tables, a subset of the columns). The generator
uses them to create the tables only when the lodging plugin is not installed. Guests and sites
are the core ``parties_party`` and ``parties_site`` tables.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class RoomType(Model):
    """A kind of room"""

    id = fields.IntField(primary_key=True)
    site = fields.ForeignKeyField("parties.Site", related_name=False, on_delete=fields.RESTRICT)
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=200)
    capacity = fields.IntField(default=2)

    class Meta:
        table = "lodging_room_type"


class Room(Model):
    """A room"""

    id = fields.IntField(primary_key=True)
    site = fields.ForeignKeyField("parties.Site", related_name=False, on_delete=fields.RESTRICT)
    room_type = fields.ForeignKeyField(
        "lodging.RoomType", related_name="rooms", on_delete=fields.RESTRICT
    )
    number = fields.CharField(max_length=16)
    floor = fields.IntField(default=0)
    occupancy = fields.CharField(max_length=16, default="vacant")
    cleanliness = fields.CharField(max_length=16, default="clean")

    class Meta:
        table = "lodging_room"


class RoomClosure(Model):
    """A room out of order from start to end (end exclusive)"""

    id = fields.IntField(primary_key=True)
    room = fields.ForeignKeyField("lodging.Room", related_name="closures", on_delete=fields.CASCADE)
    start = fields.DateField()
    end = fields.DateField()

    class Meta:
        table = "lodging_room_closure"


class Reservation(Model):
    """A stay"""

    id = fields.IntField(primary_key=True)
    site = fields.ForeignKeyField("parties.Site", related_name=False, on_delete=fields.RESTRICT)
    room = fields.ForeignKeyField(
        "lodging.Room", related_name="reservations", on_delete=fields.RESTRICT
    )
    room_type = fields.ForeignKeyField(
        "lodging.RoomType", related_name=False, on_delete=fields.RESTRICT
    )
    guest = fields.ForeignKeyField("parties.Party", related_name=False, on_delete=fields.RESTRICT)
    arrival = fields.DateField(db_index=True)
    departure = fields.DateField(db_index=True)
    status = fields.CharField(max_length=16, default="confirmed")
    adults = fields.IntField(default=1)

    class Meta:
        table = "lodging_reservation"


class RoomStay(Model):
    """The nights a reservation spends in a room (what the rack reads)"""

    id = fields.IntField(primary_key=True)
    reservation = fields.ForeignKeyField(
        "lodging.Reservation", related_name="room_stays", on_delete=fields.CASCADE
    )
    room = fields.ForeignKeyField("lodging.Room", related_name="stays", on_delete=fields.RESTRICT)
    start = fields.DateField()
    end = fields.DateField()
    holding = fields.BooleanField(default=True)

    class Meta:
        table = "lodging_room_stay"
