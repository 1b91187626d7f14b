"""Citizens book by themselves, without an account: a public surface kept apart from the desk's
work so its rules (who may book what, how often, how far ahead) are reviewed in one place.

Online booking
    Only services with ``public_booking`` (and active) show their slots and take bookings. A
    slot may be booked from ``public_min_notice_minutes`` before its start up to
    ``public_window_days`` ahead (site-local days; OUTSIDE_WINDOW otherwise). The citizen gives
    a name and an email (the confirmation with the booking code goes there), and may give a
    phone number (E.164 after normalising; ``phone_region`` completes a number without its
    country code).

Limits per contact
    One email address or phone number holds at most ``public_max_per_day`` online bookings on
    one site-local day and ``public_max_active`` booked appointments ahead (BOOKING_LIMIT).
    Each contact has a row in ``counter_booking_contact``; a booking locks the rows of its
    contacts (in a fixed order) before it counts, so two concurrent requests for one contact
    run one after the other and the second sees the first's appointment (PostgreSQL row
    locks; SQLite's transactions are serialised anyway).

By the code
    The booking code and the contact it was booked with (the email or the phone number) find,
    cancel or move the booking; a wrong code or a wrong contact is the same NOT_FOUND. Only
    before the slot starts; moving checks the window, the notice and the limits again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common, appointments, reminders
from sportello_counter.services._common import _aware, _tz

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str

    def keys(self) -> list[str]:
        found = [f"email:{self.email}" if self.email else "", f"phone:{self.phone}"]
        return sorted(k for k in found if k and not k.endswith(":"))

    def matches(self) -> Q:
        q = Q(contact_email=self.email) if self.email else Q(id=-1)
        return q | Q(contact_phone=self.phone) if self.phone else q


def normalise_email(raw: str | None) -> str:
    """Lower case, trimmed; INVALID when it is not an address."""
    value = (raw or "").strip().lower()
    if value and (len(value) > 254 or not _EMAIL.match(value)):
        raise api.ServiceError("INVALID", "counter.invalid_email", "email")
    return value


def normalise_phone(raw: str | None) -> str:
    """E.164 (``+393331234567``); INVALID when it cannot be a phone number."""
    value = (raw or "").strip()
    if not value:
        return ""
    import phonenumbers  # here, not at import: its metadata costs the cold start ~20 ms

    try:
        number = phonenumbers.parse(value, _common.settings().phone_region.upper())
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise api.ServiceError("INVALID", "counter.invalid_phone", "phone")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def contact_of(email: str | None, phone: str | None, *, email_required: bool) -> Contact:
    contact = Contact(normalise_email(email), normalise_phone(phone))
    if email_required and not contact.email:
        raise api.ServiceError("REQUIRED", "core.required", "email")
    if not contact.email and not contact.phone:
        raise api.ServiceError("REQUIRED", "core.required", "contact")
    return contact


def public_actor(actor: api.Actor, site_id: int) -> api.Actor:
    """Who acts for a citizen booking online: the public, at the service's site only."""
    return api.Actor(
        kind="public",
        site_ids=frozenset({site_id}),
        request_id=actor.request_id,
        client_request_id=actor.client_request_id,
        language=actor.language,
    )


async def public_services(site_id: int | None = None) -> list[m.CounterService]:
    qs = m.CounterService.filter(public_booking=True, active=True)
    if site_id is not None:
        qs = qs.filter(site_id=site_id)
    return list(await qs.order_by("site_id", "name", "id").limit(200))


async def _public_service(service_id: int) -> m.CounterService:
    service = await m.CounterService.filter(id=service_id, public_booking=True, active=True).first()
    if service is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "serviceId")
    return service


def _window(site: api.SiteModel) -> tuple[dt.datetime, dt.date]:
    """The earliest bookable start and the last bookable local day."""
    settings = _common.settings()
    at = _common.now()
    first = at + dt.timedelta(minutes=settings.public_min_notice_minutes)
    last_day = at.astimezone(_tz(site)).date() + dt.timedelta(days=settings.public_window_days)
    return first, last_day


async def public_slots(service_id: int, day: dt.date) -> list[appointments.Slot]:
    """The free slots of a public service on a local day, inside the booking window."""
    service = await _public_service(service_id)
    site = await api.SiteModel.get(id=service.site_id)
    first, last_day = _window(site)
    if day > last_day:
        return []
    return [
        s
        for s in await appointments._slots(service, site, day)
        if s.start >= first and s.available > 0
    ]


async def _check_window(service: m.CounterService, slot_at: dt.datetime) -> None:
    site = await api.SiteModel.get(id=service.site_id)
    first, last_day = _window(site)
    start = _aware(slot_at)
    if start < first or start.astimezone(_tz(site)).date() > last_day:
        raise api.ServiceError("OUTSIDE_WINDOW", "counter.outside_window", "slotAt")


async def _contact_rows(contact: Contact) -> list[int]:
    """The ids of the contact's rows, created race-free (UNIQUE) before the booking's
    transaction, in the order they are locked."""
    ids = []
    for key in contact.keys():
        row = await m.BookingContact.filter(contact=key).first()
        if row is None:
            try:
                async with api.atomic():
                    row = await m.BookingContact.create(contact=key)
            except IntegrityError:
                row = await m.BookingContact.get(contact=key)
        ids.append(row.id)
    return ids


async def _lock_contact(row_ids: list[int]) -> None:
    for row_id in row_ids:  # one order everywhere: no deadlock between two bookings
        await m.BookingContact.filter(id=row_id).select_for_update().first()


async def _check_limits(
    site_id: int, contact: Contact, slot_at: dt.datetime, exclude: int | None = None
) -> None:
    """Under the contact's lock: the bookings it holds ahead and on the slot's day."""
    settings = _common.settings()
    mine = m.Appointment.filter(contact.matches(), channel="online")
    if exclude is not None:
        mine = mine.exclude(id=exclude)
    ahead = await mine.filter(status=m.BOOKED, slot_at__gte=_common.now()).count()
    if ahead >= settings.public_max_active:
        raise api.ServiceError(
            "BOOKING_LIMIT", "counter.limit_active", "email", limit=settings.public_max_active
        )
    site = await api.SiteModel.get(id=site_id)
    day = _aware(slot_at).astimezone(_tz(site)).date()
    start = dt.datetime.combine(day, dt.time.min, _tz(site))
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, _tz(site))
    same_day = await mine.filter(
        status__in=(m.BOOKED, m.CHECKED_IN), slot_at__gte=start, slot_at__lt=end
    ).count()
    if same_day >= settings.public_max_per_day:
        raise api.ServiceError(
            "BOOKING_LIMIT", "counter.limit_day", "slotAt", limit=settings.public_max_per_day
        )


async def public_book(
    actor: api.Actor,
    service_id: int,
    slot_at: dt.datetime,
    name: str,
    email: str | None,
    phone: str | None = None,
) -> m.Appointment:
    """A citizen books a slot of a public service (see the module docstring)."""
    service = await _public_service(service_id)
    name = name.strip()
    if not name:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    contact = contact_of(email, phone, email_required=True)
    await _check_window(service, slot_at)
    public = public_actor(actor, service.site_id)
    rows = await _contact_rows(contact)
    async with api.atomic():
        await _lock_contact(rows)
        await _check_limits(service.site_id, contact, slot_at)
        known = await api.PartyModel.filter(id__gte=0).order_by("-id").first()
        person = await api.find_or_create_person(
            public, name, contact.email, site_id=service.site_id
        )
        party = await api.lock_live_party(person.id, "email")
        if (known is None or party.id > known.id) and actor.language in api.LANGUAGES:
            # Registered by this booking: they hear from us in the language they booked in.
            await api.PartyModel.filter(id=party.id).update(preferred_language=actor.language)
        await appointments._lock_service(service.id)
        await appointments._check_slot(service, slot_at, None)
        appt = await m.Appointment.create(
            site_id=service.site_id,
            service_id=service.id,
            party_id=party.id,
            party_name=name,
            code=appointments._new_code(),
            slot_at=_aware(slot_at).astimezone(dt.UTC),
            contact_email=contact.email,
            contact_phone=contact.phone,
            channel="online",
        )
        await api.record(
            public,
            "publicAppointmentBook",
            appt,
            after={"slot_at": appt.slot_at, "code": appt.code, "channel": "online"},
        )
        await reminders.booked(appt)
    return appt


async def public_appointment(code: str, contact: str) -> m.Appointment:
    """The booking with this code, booked with this email or phone (NOT_FOUND otherwise)."""
    appt = await m.Appointment.filter(code=code.strip().upper()).first()
    given = contact.strip()
    if appt is None or not given:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "code")
    if "@" in given:
        ok = bool(appt.contact_email) and given.lower() == appt.contact_email
    else:
        try:
            ok = bool(appt.contact_phone) and normalise_phone(given) == appt.contact_phone
        except api.ServiceError:
            ok = False
    if not ok:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "code")
    return appt


def _not_started(appt: m.Appointment) -> None:
    if _aware(appt.slot_at) <= _common.now():
        raise api.ServiceError("SLOT_IN_PAST", "counter.slot_started", "code")


async def public_cancel(actor: api.Actor, code: str, contact: str) -> m.Appointment:
    appt = await public_appointment(code, contact)
    _not_started(appt)
    public = public_actor(actor, appt.site_id)
    return await appointments.cancel_appointment(
        public, appointment_id=appt.id, operation="publicAppointmentCancel"
    )


async def public_reschedule(
    actor: api.Actor, code: str, contact: str, slot_at: dt.datetime
) -> m.Appointment:
    appt = await public_appointment(code, contact)
    _not_started(appt)
    appointments._require_booked(appt)
    service = await _public_service(appt.service_id)
    await _check_window(service, slot_at)
    public = public_actor(actor, appt.site_id)
    booked_with = Contact(appt.contact_email, appt.contact_phone)
    rows = await _contact_rows(booked_with)
    async with api.atomic():
        await _lock_contact(rows)
        await _check_limits(appt.site_id, booked_with, slot_at, exclude=appt.id)
        return await appointments.reschedule(
            public, slot_at, appointment_id=appt.id, operation="publicAppointmentReschedule"
        )
