"""Rooms, room types, closures, reservations, the guest registry and the folio."""

from __future__ import annotations

import datetime as dt

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Reservation statuses
DRAFT = "draft"
CONFIRMED = "confirmed"
CHECKED_IN = "checked_in"
CHECKED_OUT = "checked_out"
CANCELLED = "cancelled"
NO_SHOW = "no_show"

VACANT = "vacant"
OCCUPIED = "occupied"
DIRTY = "dirty"
CLEAN = "clean"
INSPECTED = "inspected"

# Folio line kinds
ROOM = "room"
CITY_TAX = "city_tax"
EXTRA = "extra"
FEE = "fee"
PAYMENT = "payment"
DEPOSIT = "deposit"

# Charge codes of the lines lodging posts itself
ROOM_NIGHT = "ROOM_NIGHT"
CITY_TAX_CODE = "CITY_TAX"
EXTRA_CODE = "EXTRA"
CANCELLATION_FEE = "CANCELLATION_FEE"
NO_SHOW_FEE = "NO_SHOW_FEE"


class RoomType(Model):
    """A kind of room at a site: capacity, amenities and base nightly rate."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="lodging_room_types", on_delete=fields.RESTRICT
    )
    site_id: int
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=200)
    #: Most guests (adults plus children) the room sleeps
    capacity = fields.IntField(default=2)
    amenities: fields.JSONField[list[str]] = fields.JSONField(default=list)
    base_rate = fields.DecimalField(max_digits=10, decimal_places=2, default=0)

    class Meta:
        table = "lodging_room_type"
        unique_together = (("site", "code"),)
        ordering = ["site_id", "base_rate", "id"]


class RatePlan(Model):
    """A way a site sells its rooms (flexible, non-refundable, breakfast included) with its
    cancellation and no-show policy: prices per room type and season are its RatePrice rows."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="lodging_rate_plans", on_delete=fields.RESTRICT
    )
    site_id: int
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=200)
    #: Channels selling the plan (direct, booking.com ...), empty for every channel
    channels: fields.JSONField[list[str]] = fields.JSONField(default=list)
    #: flexible or non_refundable
    policy = fields.CharField(max_length=16, default="flexible")
    #: Flexible plans cancel free until this many days before the arrival
    free_cancellation_days = fields.IntField(default=1)
    #: Nights charged for a late cancellation of a flexible plan
    cancellation_fee_nights = fields.IntField(default=1)
    #: Nights charged at a no-show (a non-refundable plan charges the whole stay)
    no_show_fee_nights = fields.IntField(default=1)
    breakfast_included = fields.BooleanField(default=False)
    #: Fewest nights a stay on the plan may last (a price row may ask for more)
    min_stay = fields.IntField(default=1)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    prices: fields.ReverseRelation[RatePrice]

    class Meta:
        table = "lodging_rate_plan"
        unique_together = (("site", "code"),)
        ordering = ["site_id", "code", "id"]


class RatePrice(Model):
    """A plan's nightly price of one room type for a season (start to end, end exclusive), one
    price per day of the week, with the season's minimum stay and closed-to-arrival days."""

    id = fields.IntField(primary_key=True)
    rate_plan: fields.ForeignKeyRelation[RatePlan] = fields.ForeignKeyField(
        "lodging.RatePlan", related_name="prices", on_delete=fields.CASCADE
    )
    rate_plan_id: int
    room_type: fields.ForeignKeyRelation[RoomType] = fields.ForeignKeyField(
        "lodging.RoomType", related_name="rate_prices", on_delete=fields.RESTRICT
    )
    room_type_id: int
    start = fields.DateField()
    end = fields.DateField()
    #: Seven nightly prices as decimal strings, Monday first
    weekday_prices: fields.JSONField[list[str]] = fields.JSONField()
    #: Fewest nights for a stay arriving in the season (null: the plan's)
    min_stay = fields.IntField(null=True)
    #: Days of the week (0 Monday to 6 Sunday) no stay may arrive on in the season
    closed_to_arrival: fields.JSONField[list[int]] = fields.JSONField(default=list)

    class Meta:
        table = "lodging_rate_price"
        ordering = ["rate_plan_id", "room_type_id", "start", "id"]
        indexes = (("rate_plan_id", "room_type_id", "start"),)


class Room(Model):
    """A bookable room with its housekeeping state (occupancy and cleanliness)."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="lodging_rooms", on_delete=fields.RESTRICT
    )
    site_id: int
    room_type: fields.ForeignKeyRelation[RoomType] = fields.ForeignKeyField(
        "lodging.RoomType", related_name="rooms", on_delete=fields.RESTRICT
    )
    room_type_id: int
    number = fields.CharField(max_length=16)
    floor = fields.IntField(default=0)
    #: vacant or occupied
    occupancy = fields.CharField(max_length=16, default=VACANT)
    #: dirty, clean or inspected
    cleanliness = fields.CharField(max_length=16, default=CLEAN)
    updated_at = fields.DatetimeField(auto_now=True)

    closures: fields.ReverseRelation[RoomClosure]

    class Meta:
        table = "lodging_room"
        unique_together = (("site", "number"),)
        ordering = ["site_id", "floor", "number", "id"]
        # Lists read rooms in this order: the index gives it without a sort.
        indexes = (("site_id", "floor", "number", "id"),)


class RoomClosure(Model):
    """A room out of order from start to end (end exclusive, like a departure)."""

    id = fields.IntField(primary_key=True)
    room: fields.ForeignKeyRelation[Room] = fields.ForeignKeyField(
        "lodging.Room", related_name="closures", on_delete=fields.CASCADE
    )
    room_id: int
    start = fields.DateField()
    end = fields.DateField()
    reason = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "lodging_room_closure"
        ordering = ["start", "id"]


class Reservation(Model):
    """A stay: a guest in a room for the nights from arrival to departure (exclusive)."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="lodging_reservations", on_delete=fields.RESTRICT
    )
    site_id: int
    room: fields.ForeignKeyRelation[Room] = fields.ForeignKeyField(
        "lodging.Room", related_name="reservations", on_delete=fields.RESTRICT
    )
    room_id: int
    room_type: fields.ForeignKeyRelation[RoomType] = fields.ForeignKeyField(
        "lodging.RoomType", related_name="reservations", on_delete=fields.RESTRICT
    )
    room_type_id: int
    guest: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="lodging_reservations", on_delete=fields.RESTRICT
    )
    guest_id: int
    arrival = fields.DateField(db_index=True)
    departure = fields.DateField(db_index=True)
    adults = fields.IntField(default=1)
    children = fields.IntField(default=0)
    #: Nightly rate agreed for the room
    rate = fields.DecimalField(max_digits=10, decimal_places=2, default=0)
    # A plain column, no foreign key: adding one makes SQLite rebuild the table, and dropping the
    # old table would cascade to the stays, folios and registry entries of every reservation.
    #: The rate plan the stay was sold on (lodging_rate_plan)
    rate_plan_id = fields.IntField(null=True)
    #: Price of each night by ISO date, from the rate plan (nights not listed use rate)
    nightly_rates: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)
    channel = fields.CharField(max_length=32, default="direct")
    #: The booking's id at the channel that sold it (an OTA's reservation number), if any
    channel_booking_id = fields.CharField(max_length=64, null=True)
    #: What reservationSearch matches: the guest's name and the channel booking id, accents
    #: dropped and case folded (services/search.py); the name goes when the guest is erased
    search_key = fields.CharField(max_length=300, default="", db_default="")
    #: Booked by room type: the room was assigned by the office and may be re-assigned
    by_room_type = fields.BooleanField(default=False, null=True)
    notes = fields.TextField(default="")
    #: draft, confirmed, checked_in, checked_out, cancelled or no_show
    status = fields.CharField(max_length=16, default=CONFIRMED, db_index=True)
    currency = fields.CharField(max_length=3, default="EUR")
    checked_in_at = fields.DatetimeField(null=True)
    checked_out_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    folio_lines: fields.ReverseRelation[FolioLine]
    registrations: fields.ReverseRelation[GuestRegistration]

    class Meta:
        table = "lodging_reservation"
        ordering = ["arrival", "id"]
        # A day's arrivals in list order, a page at a time, without a sort.
        indexes = (("arrival", "id"),)

    #: When the guest is expected (the check-in hour of the arrival day at the site): set on
    #: the reservations handed to reception's Arrival lists, which sort by it.
    expected_at: dt.datetime | None = None

    @property
    def arrived_at(self) -> dt.datetime | None:
        return self.checked_in_at


class RoomStay(Model):
    """One stretch of a stay in one room: the nights from start to end (end exclusive).

    A stay starts with one segment covering arrival to departure. Moving a guest in house
    closes the current segment at the day of the move and opens one in the new room, so the
    nights already slept stay where they were slept. Availability, the room rack and the
    no-double-booking guarantee read segments, never the reservation's dates.
    """

    id = fields.IntField(primary_key=True)
    reservation: fields.ForeignKeyRelation[Reservation] = fields.ForeignKeyField(
        "lodging.Reservation", related_name="room_stays", on_delete=fields.CASCADE, db_index=True
    )
    reservation_id: int
    room: fields.ForeignKeyRelation[Room] = fields.ForeignKeyField(
        "lodging.Room", related_name="stays", on_delete=fields.RESTRICT
    )
    room_id: int
    start = fields.DateField()
    end = fields.DateField()
    #: Whether the nights are held (the reservation is confirmed, checked in or checked out)
    holding = fields.BooleanField(default=True)

    class Meta:
        table = "lodging_room_stay"
        ordering = ["start", "id"]
        indexes = (("room_id", "start", "end"),)


class GuestRegistration(Model):
    """One guest in the room as recorded at check-in for the police guest registry."""

    id = fields.IntField(primary_key=True)
    reservation: fields.ForeignKeyRelation[Reservation] = fields.ForeignKeyField(
        "lodging.Reservation", related_name="registrations", on_delete=fields.CASCADE
    )
    reservation_id: int
    party: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY,
        related_name="lodging_registrations",
        null=True,
        on_delete=fields.SET_NULL,
    )
    party_id: int | None
    full_name = fields.CharField(max_length=200)
    #: The surname as on the document, part of full_name (empty: its last word)
    surname = fields.CharField(max_length=100, default="", db_default="")
    #: passport, id_card, driving_licence
    document_type = fields.CharField(max_length=32)
    document_number = fields.CharField(max_length=64)
    #: ISO 3166 alpha-2 code of the country that issued the document
    issuing_country = fields.CharField(max_length=2)
    #: ISO 3166 alpha-2 code
    nationality = fields.CharField(max_length=2)
    birth_date = fields.DateField(null=True)
    #: M or F as on the document (empty: not recorded)
    sex = fields.CharField(max_length=1, default="", db_default="")
    #: ISO 3166 alpha-2 code of the country of birth (empty: not recorded)
    birth_country = fields.CharField(max_length=2, default="", db_default="")
    #: Born in Italy: the comune's code in the Polizia di Stato table (9 digits)
    birth_place = fields.CharField(max_length=9, default="", db_default="")
    #: Born in Italy: the province's two-letter code
    birth_province = fields.CharField(max_length=2, default="", db_default="")
    #: A document issued in Italy: the issuing comune's code in the Polizia di Stato table
    issuing_place = fields.CharField(max_length=9, default="", db_default="")
    #: single, head_of_family, group_leader, family_member or group_member
    role = fields.CharField(max_length=16, default="single", db_default="single")
    # A plain column, no foreign key: adding one makes SQLite rebuild the table.
    #: A family member or group member: the registry entry of the head it travels with
    head_id = fields.IntField(null=True)
    erased_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "lodging_guest_registration"
        ordering = ["id"]


class FolioLine(Model):
    """A charge or a payment on a reservation's folio.

    Lines are never deleted once posted by hand: a void adds a reversing line (the same kind and
    code, negative quantity and amount) and marks the original voided, a refund is a negative
    payment or deposit line pointing at the payment it refunds.
    """

    id = fields.IntField(primary_key=True)
    reservation: fields.ForeignKeyRelation[Reservation] = fields.ForeignKeyField(
        "lodging.Reservation", related_name="folio_lines", on_delete=fields.CASCADE
    )
    reservation_id: int
    #: room, city_tax, extra, fee, payment or deposit
    kind = fields.CharField(max_length=16)
    description = fields.CharField(max_length=200, default="")
    #: The night a room or city tax line is for
    night = fields.DateField(null=True)
    quantity = fields.IntField(default=1)
    unit_amount = fields.DecimalField(max_digits=10, decimal_places=2)
    amount = fields.DecimalField(max_digits=12, decimal_places=2)
    #: What a charge is for (ROOM_NIGHT, CITY_TAX, MINIBAR ...), empty on payments
    charge_code = fields.CharField(max_length=32, default="", db_default="")
    #: How a payment, deposit or refund was made (cash, card, bank_transfer ...), empty on charges
    method = fields.CharField(max_length=32, default="", db_default="")
    #: Why a line was voided or a payment refunded (on the reversing line)
    reason = fields.CharField(max_length=300, default="", db_default="")
    #: The line a void or a refund reverses
    reverses_id = fields.IntField(null=True)
    #: When the line was voided (a reversing line carries the amounts)
    voided_at = fields.DatetimeField(null=True)
    #: The site's business day the line was posted on: never a day the night audit closed
    business_day = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "lodging_folio_line"
        ordering = ["created_at", "id"]
        # A folio's lines in posting order, a page at a time, and its totals, without a scan;
        # a business day's lines for its night audit report.
        indexes = (("reservation_id", "id"), ("business_day",))


class BusinessDay(Model):
    """A site's business day as the night audit sees it: open until the audit closes it (one
    conditional UPDATE on this row), after which nothing is posted with its date."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="lodging_business_days", on_delete=fields.RESTRICT
    )
    site_id: int
    day = fields.DateField()
    closed_at = fields.DatetimeField(null=True)
    #: The user who ran the audit (null: the scheduled run)
    closed_by_id = fields.IntField(null=True)
    #: What the run did: room nights posted, no-shows marked
    nights_posted = fields.IntField(default=0)
    no_shows = fields.IntField(default=0)

    class Meta:
        table = "lodging_business_day"
        unique_together = (("site", "day"),)
        ordering = ["site_id", "day"]
