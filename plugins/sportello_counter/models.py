"""Services, counters, queue tickets, appointments and hall display tokens."""

from __future__ import annotations

import datetime as dt

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Ticket statuses
WAITING = "waiting"
CALLED = "called"
IN_SERVICE = "in_service"
DONE = "done"
NO_SHOW = "no_show"
CANCELLED = "cancelled"
# Which statuses are present, at a counter or may move where: sportello_counter.services.tickets

NORMAL = "normal"
PRIORITY = "priority"

# Appointment statuses
BOOKED = "booked"
CHECKED_IN = "checked_in"
APPOINTMENT_CANCELLED = "cancelled"


class CounterService(Model):
    """A service offered at a site (registry office, waste tax) with its ticket prefix."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="counter_services", on_delete=fields.RESTRICT
    )
    site_id: int
    name = fields.CharField(max_length=200)
    #: Letter printed before the ticket number (A for A001)
    prefix = fields.CharField(max_length=3)
    #: Weekday (0 = Monday) to a list of [start, end] local times, e.g. {"0": [["08:30", "12:30"]]}
    opening_hours: fields.JSONField[dict[str, list[list[str]]]] = fields.JSONField(default=dict)
    #: ISO dates on which the service is closed
    closed_days: fields.JSONField[list[str]] = fields.JSONField(default=list)
    #: Expected minutes to serve one person
    service_minutes = fields.IntField(default=10)
    #: Target waiting time in minutes
    target_wait_minutes = fields.IntField(default=15)
    active = fields.BooleanField(default=True)
    #: Citizens book this service themselves, without an account (public slots and booking)
    public_booking = fields.BooleanField(default=False)
    #: Walk-in tickets the service issues on one day at most (null: no limit)
    daily_walk_in_quota = fields.IntField(null=True)
    #: Appointments the service takes on one day at most (null: no limit)
    daily_appointment_quota = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "counter_service"
        unique_together = (("site", "prefix"),)
        ordering = ["site_id", "prefix", "id"]


class Counter(Model):
    """A desk where a clerk serves some of the site's services."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="counter_counters", on_delete=fields.RESTRICT
    )
    site_id: int
    name = fields.CharField(max_length=100)
    #: Ids of the services this counter serves
    service_ids: fields.JSONField[list[int]] = fields.JSONField(default=list)
    staff: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="counter_desks", null=True, on_delete=fields.SET_NULL
    )
    staff_id: int | None
    staff_user_id = fields.IntField(null=True)
    active = fields.BooleanField(default=True)
    #: A manager opened the counter for this clerk against the roster (hr): the clerk serves
    #: at it on that day (the site's) although the roster has them off duty.
    roster_override_user_id = fields.IntField(null=True)
    roster_override_day = fields.DateField(null=True)

    class Meta:
        table = "counter_counter"
        unique_together = (("site", "name"),)
        ordering = ["site_id", "name", "id"]


class TicketSequence(Model):
    """The last ticket number issued for a service on a day (one row per service and day)."""

    id = fields.IntField(primary_key=True)
    service: fields.ForeignKeyRelation[CounterService] = fields.ForeignKeyField(
        "counter.CounterService", related_name="sequences", on_delete=fields.CASCADE
    )
    service_id: int
    day = fields.DateField()
    last_number = fields.IntField(default=0)

    class Meta:
        table = "counter_ticket_sequence"
        unique_together = (("service", "day"),)


class Appointment(Model):
    """A booked slot for a service, identified by a short code the citizen keeps."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="counter_appointments", on_delete=fields.RESTRICT
    )
    site_id: int
    service: fields.ForeignKeyRelation[CounterService] = fields.ForeignKeyField(
        "counter.CounterService", related_name="appointments", on_delete=fields.RESTRICT
    )
    service_id: int
    party: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="counter_appointments", null=True, on_delete=fields.SET_NULL
    )
    party_id: int | None
    party_name = fields.CharField(max_length=200, default="")
    code = fields.CharField(max_length=16, unique=True)
    slot_at = fields.DatetimeField(db_index=True)
    status = fields.CharField(max_length=16, default=BOOKED)
    checked_in_at = fields.DatetimeField(null=True)
    #: The citizen's email as given for this booking (lower case), empty when none
    contact_email = fields.CharField(max_length=254, default="", db_index=True)
    #: The citizen's phone number as given for this booking (E.164), empty when none
    contact_phone = fields.CharField(max_length=32, default="", db_index=True)
    #: Who booked: desk (staff) or online (the citizen, without an account)
    channel = fields.CharField(max_length=16, default="desk")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "counter_appointment"
        ordering = ["slot_at", "id"]

    # What the reception plugin's Arrival lists sort by.
    @property
    def expected_at(self) -> dt.datetime:
        return self.slot_at

    @property
    def arrived_at(self) -> dt.datetime | None:
        return self.checked_in_at


class Ticket(Model):
    """A queue ticket: a walk-in or a checked-in appointment waiting for a service."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="counter_tickets", on_delete=fields.RESTRICT
    )
    site_id: int
    #: The service the ticket waits for now (changes on transfer)
    service: fields.ForeignKeyRelation[CounterService] = fields.ForeignKeyField(
        "counter.CounterService", related_name="tickets", on_delete=fields.RESTRICT
    )
    service_id: int
    #: The service whose sequence gave the number (never changes)
    numbered_service: fields.ForeignKeyRelation[CounterService] = fields.ForeignKeyField(
        "counter.CounterService", related_name="numbered_tickets", on_delete=fields.RESTRICT
    )
    numbered_service_id: int
    day = fields.DateField()
    number = fields.IntField()
    #: Printed code, e.g. A001
    code = fields.CharField(max_length=16)
    priority = fields.CharField(max_length=16, default=NORMAL)
    priority_reason = fields.CharField(max_length=16, null=True)
    status = fields.CharField(max_length=16, default=WAITING, db_index=True)
    channel = fields.CharField(max_length=16, default="kiosk")
    appointment: fields.ForeignKeyNullableRelation[Appointment] = fields.ForeignKeyField(
        "counter.Appointment", related_name="tickets", null=True, on_delete=fields.SET_NULL
    )
    appointment_id: int | None
    # Null for an appointment checked in after its grace period (served as a walk-in).
    #: Slot time of the appointment, if any
    slot_at = fields.DatetimeField(null=True)
    party_name = fields.CharField(max_length=200, default="")
    estimated_wait_minutes = fields.IntField(default=0)
    issued_at = fields.DatetimeField(db_index=True)
    counter: fields.ForeignKeyNullableRelation[Counter] = fields.ForeignKeyField(
        "counter.Counter", related_name="tickets", null=True, on_delete=fields.SET_NULL
    )
    counter_id: int | None
    clerk_user_id = fields.IntField(null=True)
    clerk_label = fields.CharField(max_length=254, default="")
    called_at = fields.DatetimeField(null=True)
    recalls = fields.IntField(default=0)
    service_started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    outcome = fields.TextField(default="")
    resolved = fields.BooleanField(null=True)
    transfers = fields.IntField(default=0)
    #: The holder was told their turn is near (sent once)
    near_notified = fields.BooleanField(default=False)

    class Meta:
        table = "counter_ticket"
        unique_together = (("numbered_service", "day", "number"),)
        ordering = ["issued_at", "id"]
        # The hall display reads the tickets of the day (of one site or several) in this order:
        # a year of tickets must not be scanned for it.
        indexes = (("day", "issued_at", "id"),)

    # What the reception plugin's Arrival lists sort by: a checked-in appointment by its slot,
    # a walk-in by the time it took the ticket.
    @property
    def expected_at(self) -> dt.datetime:
        return self.slot_at or self.issued_at

    @property
    def arrived_at(self) -> dt.datetime:
        return self.issued_at


class BookingContact(Model):
    """An email or phone number that booked online (its row lock serialises its bookings).

    The limits per contact hold under concurrent requests because every online booking of
    the contact locks this row first."""

    id = fields.IntField(primary_key=True)
    #: email:<address> or phone:<E.164 number>
    contact = fields.CharField(max_length=260, unique=True)

    class Meta:
        table = "counter_booking_contact"


class DisplayToken(Model):
    """A token that lets one hall display of one site stream calls (stored as a digest)."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="counter_display_tokens", on_delete=fields.CASCADE
    )
    site_id: int
    digest = fields.CharField(max_length=64, unique=True)
    label = fields.CharField(max_length=100, default="")
    revoked = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "counter_display_token"
