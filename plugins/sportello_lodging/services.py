"""Lodging business rules: every write is transactional and audited, no GraphQL here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from sportello.events import publish
from sportello.identity.audit import record
from sportello.parties.models import Party, Site
from sportello.parties.services import find_or_create_person
from sportello.privacy import ERASED, ErasureReport
from sportello.services import SYSTEM, Actor, Problem, ServiceError, atomic
from sportello_lodging import models as m
from sportello_lodging.settings import LodgingSettings
from sportello_reception.services import zone

#: PostgreSQL exclusion constraints of lodging_room_stay (migration 0003).
NO_OVERLAP = "lodging_room_stay_no_overlap"
NO_SELF_OVERLAP = "lodging_room_stay_no_self_overlap"
#: Book or date a stay in the past (a walk-in registered late).
BACKDATE = "lodging.reservations.backdate"
CENT = Decimal("0.01")

ROOM_STATUS_CHANGED = "lodging.room.status_changed"
FOLIO_CLOSED = "lodging.folio.closed"
RESERVATION_CHECKED_IN = "lodging.reservation.checked_in"
RESERVATION_CHECKED_OUT = "lodging.reservation.checked_out"
FOLIO_PAYMENT_ADDED = "lodging.folio.payment_added"

TRANSITIONS: dict[str, frozenset[str]] = {
    m.DRAFT: frozenset({m.CONFIRMED, m.CANCELLED}),
    m.CONFIRMED: frozenset({m.CHECKED_IN, m.CANCELLED, m.NO_SHOW}),
    m.CHECKED_IN: frozenset({m.CHECKED_OUT}),
}
DOCUMENT_TYPES = ("passport", "id_card", "driving_licence", "residence_permit")
CLEANLINESS = (m.DIRTY, m.CLEAN, m.INSPECTED)

_settings = LodgingSettings()


def configure(settings: LodgingSettings | None) -> None:
    """Called at startup with the validated ``[modules.lodging]`` table."""
    global _settings
    _settings = settings or LodgingSettings()


def settings() -> LodgingSettings:
    return _settings


def today(timezone: str | None = None) -> dt.date:
    """The hotel day in a site's time zone (UTC without one); tests may monkeypatch it."""
    return now().astimezone(zone(timezone)).date()


async def site_today(site_id: int) -> dt.date:
    """Today at the site: a guest arriving at 00:30 in Athens arrives today, not yesterday."""
    zones = await Site.filter(id=site_id).values_list("timezone", flat=True)
    return today(zones[0] if zones else None)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def expected_at(arrival: dt.date, timezone: str | None) -> dt.datetime:
    """When a guest is expected: ``check_in_hour`` of the arrival day at the site (UTC if unknown)."""
    local = dt.datetime.combine(arrival, dt.time(_settings.check_in_hour), zone(timezone))
    return local.astimezone(dt.UTC)


async def related(obj: Model, name: str) -> Any:
    """A foreign-key object, prefetched or not."""
    value = getattr(obj, name)
    if value is None or isinstance(value, Model):
        return value
    return await value


def nights(arrival: dt.date, departure: dt.date) -> list[dt.date]:
    return [arrival + dt.timedelta(days=i) for i in range((departure - arrival).days)]


def money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


# ---------------------------------------------------------------------------- reads


async def _visible_room(actor: Actor, room_id: int, field_name: str = "roomId") -> m.Room:
    room = await m.Room.get_or_none(id=room_id).prefetch_related("room_type")
    if room is None or not actor.may_see_site(room.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)
    return room


async def _visible_reservation(actor: Actor, reservation_id: int) -> m.Reservation:
    res = await m.Reservation.get_or_none(id=reservation_id)
    if res is None or not actor.may_see_site(res.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "id")
    return res


async def _locked_reservation(actor: Actor, reservation_id: int) -> m.Reservation:
    """Inside a transaction: the reservation, locked on PostgreSQL until commit."""
    res = await m.Reservation.filter(id=reservation_id).select_for_update().first()
    if res is None or not actor.may_see_site(res.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "id")
    return res


async def _lock_room(room_id: int) -> m.Room:
    """Serialise every booking of one room (PostgreSQL row lock, SQLite connection lock)."""
    room = await m.Room.filter(id=room_id).select_for_update().first()
    if room is None:
        raise ServiceError("NOT_FOUND", "core.not_found", "roomId")
    return room


async def room_is_free(
    room_id: int, arrival: dt.date, departure: dt.date, exclude_id: int | None = None
) -> bool:
    """No holding stay segment and no closure on any night from arrival to departure.

    ``exclude_id``: a reservation whose own segments do not count (it is being changed).
    """
    qs = m.RoomStay.filter(room_id=room_id, holding=True, start__lt=departure, end__gt=arrival)
    if exclude_id is not None:
        qs = qs.exclude(reservation_id=exclude_id)
    if await qs.exists():
        return False
    return not await m.RoomClosure.filter(
        room_id=room_id, start__lt=departure, end__gt=arrival
    ).exists()


def _check_dates(arrival: dt.date, departure: dt.date) -> None:
    if departure <= arrival:
        raise ServiceError("INVALID_DATES", "lodging.departure_before_arrival", "departure")


def _transition(res: m.Reservation, target: str) -> None:
    if target not in TRANSITIONS.get(res.status, frozenset()):
        raise ServiceError(
            "INVALID_TRANSITION",
            "lodging.invalid_transition",
            "id",
            current=res.status,
            target=target,
        )


def _unavailable(by_type: bool = False) -> ServiceError:
    if by_type:
        return ServiceError("ROOM_UNAVAILABLE", "lodging.room_type_unavailable", "roomTypeId")
    return ServiceError("ROOM_UNAVAILABLE", "lodging.room_unavailable", "roomId")


def _is_overlap(exc: IntegrityError) -> bool:
    text = f"{exc} {getattr(exc, '__cause__', '') or ''}"
    return NO_OVERLAP in text or ("23P01" in text and NO_SELF_OVERLAP not in text)


def _may_backdate(actor: Actor) -> bool:
    return actor.has(BACKDATE)


# ---------------------------------------------------------------------------- stay segments


async def _segments(res: m.Reservation) -> list[m.RoomStay]:
    return list(await m.RoomStay.filter(reservation_id=res.id).order_by("start", "id"))


async def _place(res: m.Reservation, room_id: int, since: dt.date | None = None) -> None:
    """Make the stay's segments cover exactly arrival to departure.

    Nights before ``since`` keep the rooms they were in (trimmed to the stay), nights from
    ``since`` (default: the arrival) are in ``room_id``. The caller holds the room locks and
    has checked that ``room_id`` is free from ``since``. Every segment gets the reservation's
    holding state. Deletes and shrinks come before growth, so the exclusion constraints on
    PostgreSQL never see a transient overlap.
    """
    arrival, departure = res.arrival, res.departure
    since = max(arrival, min(since or arrival, departure))
    holding = res.status in m.HOLDING
    kept: list[m.RoomStay] = []
    for seg in await _segments(res):
        start, end = max(seg.start, arrival), min(seg.end, since)
        if start >= end:
            await seg.delete()
            continue
        if (start, end, seg.holding) != (seg.start, seg.end, holding):
            seg.start, seg.end, seg.holding = start, end, holding
            await seg.save(update_fields=["start", "end", "holding"])
        kept.append(seg)
    if since >= departure:
        return
    last = kept[-1] if kept else None
    if last is not None and last.end == since and last.room_id == room_id:  # type: ignore[attr-defined]
        last.end = departure
        await last.save(update_fields=["end"])
    else:
        await m.RoomStay.create(
            reservation_id=res.id, room_id=room_id, start=since, end=departure, holding=holding
        )


async def _hold(res: m.Reservation) -> None:
    """The segments follow the reservation's status (held or released), rooms unchanged."""
    await m.RoomStay.filter(reservation_id=res.id).update(holding=res.status in m.HOLDING)


async def _current_segment_start(res: m.Reservation) -> dt.date:
    """Where the current room's stretch of the stay starts (the arrival unless moved in house)."""
    segments = await _segments(res)
    return segments[-1].start if segments else res.arrival


def _snapshot(res: m.Reservation) -> dict[str, Any]:
    return {
        "status": res.status,
        "room_id": res.room_id,  # type: ignore[attr-defined]
        "arrival": res.arrival,
        "departure": res.departure,
    }


async def _room_changed(room: m.Room) -> None:
    await publish(
        ROOM_STATUS_CHANGED,
        {
            "room_id": room.id,
            "number": room.number,
            "occupancy": room.occupancy,
            "cleanliness": room.cleanliness,
        },
        aggregate=f"room:{room.id}",
        site_id=room.site_id,  # type: ignore[attr-defined]
    )


async def _set_room_state(
    actor: Actor,
    room: m.Room,
    occupancy: str | None = None,
    cleanliness: str | None = None,
    operation: str = "roomStatusChange",
) -> None:
    before = {"occupancy": room.occupancy, "cleanliness": room.cleanliness}
    if occupancy is not None:
        room.occupancy = occupancy
    if cleanliness is not None:
        room.cleanliness = cleanliness
    after = {"occupancy": room.occupancy, "cleanliness": room.cleanliness}
    if after == before:
        return
    await room.save(update_fields=["occupancy", "cleanliness", "updated_at"])
    await record(actor, operation, room, before=before, after=after)
    await _room_changed(room)


# ---------------------------------------------------------------------------- setup


async def create_room_type(
    actor: Actor,
    site_id: int,
    code: str,
    name: str,
    capacity: int = 2,
    base_rate: Decimal = Decimal("0"),
    amenities: Sequence[str] = (),
) -> m.RoomType:
    code = code.strip().upper()
    problems = []
    if not code:
        problems.append(Problem("REQUIRED", "core.required", "code"))
    if not name.strip():
        problems.append(Problem("REQUIRED", "core.required", "name"))
    if capacity < 1:
        problems.append(Problem("INVALID", "lodging.invalid_capacity", "capacity"))
    if base_rate < 0:
        problems.append(Problem("INVALID", "lodging.invalid_amount", "baseRate"))
    if problems:
        raise ServiceError("INVALID", problems=problems)
    if not actor.may_see_site(site_id):
        raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
    async with atomic():
        if not await Site.filter(id=site_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
        if await m.RoomType.filter(site_id=site_id, code=code).exists():
            raise ServiceError("CONFLICT", "lodging.code_taken", "code")
        rt = await m.RoomType.create(
            site_id=site_id,
            code=code,
            name=name.strip(),
            capacity=capacity,
            base_rate=money(base_rate),
            amenities=list(amenities),
        )
        await record(actor, "roomTypeCreate", rt, after={"code": code, "name": name})
    return rt


async def create_room(actor: Actor, room_type_id: int, number: str, floor: int = 0) -> m.Room:
    number = number.strip().upper()
    if not number:
        raise ServiceError("REQUIRED", "core.required", "number")
    rt = await m.RoomType.get_or_none(id=room_type_id)
    if rt is None or not actor.may_see_site(rt.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "roomTypeId")
    async with atomic():
        if await m.Room.filter(site_id=rt.site_id, number=number).exists():  # type: ignore[attr-defined]
            raise ServiceError("CONFLICT", "lodging.room_number_taken", "number")
        room = await m.Room.create(
            site_id=rt.site_id,  # type: ignore[attr-defined]
            room_type=rt,
            number=number,
            floor=floor,
        )
        await record(actor, "roomCreate", room, after={"number": number, "floor": floor})
    return room


async def create_closure(
    actor: Actor, room_id: int, start: dt.date, end: dt.date, reason: str
) -> m.RoomClosure:
    if end <= start:
        raise ServiceError("INVALID_DATES", "lodging.departure_before_arrival", "end")
    if not reason.strip():
        raise ServiceError("REQUIRED", "core.required", "reason")
    await _visible_room(actor, room_id)
    async with atomic():
        room = await _lock_room(room_id)
        if not await room_is_free(room_id, start, end):
            raise _unavailable()
        closure = await m.RoomClosure.create(
            room_id=room_id, start=start, end=end, reason=reason.strip()
        )
        await record(
            actor,
            "roomClosureCreate",
            closure,
            after={"room_id": room_id, "start": start, "end": end, "reason": reason},
            site_id=room.site_id,  # type: ignore[attr-defined]
        )
        if start <= await site_today(room.site_id) < end:  # type: ignore[attr-defined]
            await _room_changed(room)
    return closure


async def set_cleanliness(actor: Actor, room_id: int, cleanliness: str) -> m.Room:
    if cleanliness not in CLEANLINESS:
        raise ServiceError("INVALID", "lodging.invalid_cleanliness", "cleanliness")
    await _visible_room(actor, room_id, "id")
    async with atomic():
        room = await _lock_room(room_id)
        await _set_room_state(actor, room, cleanliness=cleanliness, operation="roomCleanlinessSet")
    return room


# ---------------------------------------------------------------------------- reservations


@dataclass
class GuestInput:
    full_name: str
    email: str | None = None


async def _booking_today(room_id: int | None, room_type_id: int | None) -> dt.date:
    """Today at the site of the room (or room type) being booked."""
    zones: list[Any] = []
    if room_id is not None:
        zones = await m.Room.filter(id=room_id).values_list("site__timezone", flat=True)
    elif room_type_id is not None:
        zones = await m.RoomType.filter(id=room_type_id).values_list("site__timezone", flat=True)
    return today(zones[0] if zones else None)


async def _visible_room_type(actor: Actor, room_type_id: int) -> m.RoomType:
    rt = await m.RoomType.get_or_none(id=room_type_id)
    if rt is None or not actor.may_see_site(rt.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "roomTypeId")
    return rt


async def _allocate(
    room_type: m.RoomType, arrival: dt.date, departure: dt.date, holding: bool
) -> int:
    """Inside the transaction: the first room of the type free for the stay, locked.

    The rooms free when read are tried in id order (as moves lock them, so allocations and
    moves never deadlock); only a room about to be taken is locked and checked again, in case
    a concurrent booking took it meanwhile. A draft holds nothing and takes the first room.
    """
    room_ids = list(
        await m.Room.filter(room_type_id=room_type.id).order_by("id").values_list("id", flat=True)
    )
    if holding:
        stays = m.RoomStay.filter(
            room__room_type_id=room_type.id, holding=True, start__lt=departure, end__gt=arrival
        )
        closures = m.RoomClosure.filter(
            room__room_type_id=room_type.id, start__lt=departure, end__gt=arrival
        )
        busy = set(await stays.values_list("room_id", flat=True))
        busy |= set(await closures.values_list("room_id", flat=True))
        room_ids = [r for r in room_ids if r not in busy]
    for room_id in room_ids:
        await _lock_room(room_id)
        if not holding or await room_is_free(room_id, arrival, departure):
            return room_id
    raise _unavailable(by_type=True)


async def create_reservation(
    actor: Actor,
    *,
    room_id: int | None = None,
    room_type_id: int | None = None,
    arrival: dt.date,
    departure: dt.date,
    guest_id: int | None = None,
    guest: GuestInput | None = None,
    adults: int = 1,
    children: int = 0,
    rate: Decimal | None = None,
    channel: str = "direct",
    notes: str = "",
    status: str = m.CONFIRMED,
) -> m.Reservation:
    problems: list[Problem] = []
    if departure <= arrival:
        problems.append(Problem("INVALID_DATES", "lodging.departure_before_arrival", "departure"))
    # Some site's today is tomorrow in UTC: only an arrival before that may be past there.
    if arrival <= today() + dt.timedelta(days=1) and not _may_backdate(actor):
        if arrival < await _booking_today(room_id, room_type_id):
            problems.append(Problem("INVALID_DATES", "lodging.arrival_past", "arrival"))
    if adults < 1:
        problems.append(Problem("INVALID", "lodging.invalid_guests", "adults"))
    if children < 0:
        problems.append(Problem("INVALID", "lodging.invalid_guests", "children"))
    if rate is not None and rate < 0:
        problems.append(Problem("INVALID", "lodging.invalid_amount", "rate"))
    if status not in (m.DRAFT, m.CONFIRMED):
        problems.append(Problem("INVALID", "lodging.invalid_initial_status", "status"))
    if guest_id is None and (guest is None or not guest.full_name.strip()):
        problems.append(Problem("REQUIRED", "core.required", "guest"))
    if room_id is None and room_type_id is None:
        problems.append(Problem("REQUIRED", "core.required", "roomId"))
    if room_id is not None and room_type_id is not None:
        problems.append(Problem("INVALID", "lodging.room_or_room_type", "roomTypeId"))
    if problems:
        raise ServiceError("INVALID", problems=problems)
    if room_id is not None:
        room = await _visible_room(actor, room_id)
        room_type: m.RoomType = room.room_type  # type: ignore[assignment]
    else:
        assert room_type_id is not None
        room_type = await _visible_room_type(actor, room_type_id)
    if adults + children > room_type.capacity:
        raise ServiceError(
            "OVER_CAPACITY", "lodging.over_capacity", "adults", capacity=room_type.capacity
        )
    if guest_id is not None and not await Party.filter(id=guest_id, anonymised_at=None).exists():
        raise ServiceError("NOT_FOUND", "core.not_found", "guestId")
    try:
        async with atomic():
            if room_id is None:
                room_id = await _allocate(room_type, arrival, departure, status in m.HOLDING)
            else:
                await _lock_room(room_id)
                if status in m.HOLDING and not await room_is_free(room_id, arrival, departure):
                    raise _unavailable()
            if guest_id is None:
                assert guest is not None
                party = await find_or_create_person(actor, guest.full_name, guest.email)
                guest_id = party.id
            res = await m.Reservation.create(
                site_id=room_type.site_id,  # type: ignore[attr-defined]
                room_id=room_id,
                room_type_id=room_type.id,
                guest_id=guest_id,
                arrival=arrival,
                departure=departure,
                adults=adults,
                children=children,
                rate=money(rate if rate is not None else room_type.base_rate),
                channel=channel.strip() or "direct",
                notes=notes,
                status=status,
                currency=_settings.currency,
            )
            await _place(res, room_id)
            await record(
                actor,
                "reservationCreate",
                res,
                after={
                    **_snapshot(res),
                    "guest_id": guest_id,
                    "adults": adults,
                    "children": children,
                    "rate": res.rate,
                    "channel": res.channel,
                },
            )
    except IntegrityError as exc:
        if _is_overlap(exc):
            raise _unavailable(by_type=room_type_id is not None) from None
        raise
    return res


async def confirm(actor: Actor, reservation_id: int) -> m.Reservation:
    await _visible_reservation(actor, reservation_id)
    try:
        async with atomic():
            res = await _locked_reservation(actor, reservation_id)
            _transition(res, m.CONFIRMED)
            await _lock_room(res.room_id)  # type: ignore[attr-defined]
            if not await room_is_free(res.room_id, res.arrival, res.departure, res.id):  # type: ignore[attr-defined]
                raise _unavailable()
            before = _snapshot(res)
            res.status = m.CONFIRMED
            await res.save(update_fields=["status", "updated_at"])
            await _place(res, res.room_id)  # type: ignore[attr-defined]
            await record(actor, "reservationConfirm", res, before=before, after=_snapshot(res))
    except IntegrityError as exc:
        if _is_overlap(exc):
            raise _unavailable() from None
        raise
    return res


async def cancel(actor: Actor, reservation_id: int, reason: str = "") -> m.Reservation:
    await _visible_reservation(actor, reservation_id)
    async with atomic():
        res = await _locked_reservation(actor, reservation_id)
        _transition(res, m.CANCELLED)
        before = _snapshot(res)
        res.status = m.CANCELLED
        res.cancelled_at = now()
        if reason:
            res.notes = f"{res.notes}\nCancelled: {reason}".strip()
        await res.save(update_fields=["status", "cancelled_at", "notes", "updated_at"])
        await _hold(res)
        await record(
            actor,
            "reservationCancel",
            res,
            before=before,
            after={**_snapshot(res), "reason": reason},
        )
    return res


async def no_show(actor: Actor, reservation_id: int) -> m.Reservation:
    await _visible_reservation(actor, reservation_id)
    async with atomic():
        res = await _locked_reservation(actor, reservation_id)
        _transition(res, m.NO_SHOW)
        if await site_today(res.site_id) < res.arrival:  # type: ignore[attr-defined]
            raise ServiceError("TOO_EARLY", "lodging.too_early", "id")
        before = _snapshot(res)
        res.status = m.NO_SHOW
        await res.save(update_fields=["status", "updated_at"])
        await _hold(res)
        await record(actor, "reservationNoShow", res, before=before, after=_snapshot(res))
    return res


@dataclass
class RegistryEntry:
    full_name: str
    document_type: str
    document_number: str
    issuing_country: str
    nationality: str
    birth_date: dt.date | None = None
    party_id: int | None = None


def _check_registry(entries: Sequence[RegistryEntry]) -> list[RegistryEntry]:
    """Validated and normalised registry entries (field paths ``guests.<i>.<field>``)."""
    problems: list[Problem] = []
    out = []
    for i, e in enumerate(entries):
        where = f"guests.{i}"
        country = e.issuing_country.strip().upper()
        nationality = e.nationality.strip().upper()
        if not e.full_name.strip():
            problems.append(Problem("REQUIRED", "core.required", f"{where}.fullName"))
        if e.document_type not in DOCUMENT_TYPES:
            problems.append(Problem("INVALID", "lodging.invalid_document", f"{where}.documentType"))
        if not e.document_number.strip():
            problems.append(Problem("REQUIRED", "core.required", f"{where}.documentNumber"))
        if len(country) != 2 or not country.isalpha():
            problems.append(
                Problem("INVALID", "lodging.invalid_country", f"{where}.issuingCountry")
            )
        if len(nationality) != 2 or not nationality.isalpha():
            problems.append(Problem("INVALID", "lodging.invalid_country", f"{where}.nationality"))
        if e.birth_date is None or e.birth_date >= today():
            problems.append(Problem("INVALID", "lodging.invalid_birth_date", f"{where}.birthDate"))
        out.append(
            RegistryEntry(
                e.full_name.strip(),
                e.document_type,
                e.document_number.strip().upper(),
                country,
                nationality,
                e.birth_date,
                e.party_id,
            )
        )
    if problems:
        raise ServiceError(problems[0].code, problems=problems)
    return out


def _incomplete(occupants: int) -> ServiceError:
    return ServiceError(
        "GUEST_REGISTRY_INCOMPLETE", "lodging.registry_incomplete", "guests", count=occupants
    )


def _too_many(occupants: int) -> ServiceError:
    return ServiceError("TOO_MANY_GUESTS", "lodging.registry_too_many", "guests", count=occupants)


def _document_key(doc_type: str, number: str, country: str) -> tuple[str, str, str]:
    return (doc_type, number, country)


async def _record_guests(res: m.Reservation, entries: Sequence[RegistryEntry]) -> tuple[int, int]:
    """Write registry entries for a stay: a document already registered for it is corrected in
    place, others are added. Returns (added, corrected). Refuses more guests than the room holds.
    """
    occupants = res.adults + res.children
    given = {e.party_id for e in entries if e.party_id is not None}
    if given and await Party.filter(id__in=list(given)).count() != len(given):
        raise ServiceError("NOT_FOUND", "core.not_found", "guests.partyId")
    existing = {
        _document_key(r.document_type, r.document_number, r.issuing_country): r
        for r in await m.GuestRegistration.filter(reservation_id=res.id, erased_at=None)
    }
    registered = await m.GuestRegistration.filter(reservation_id=res.id).count()
    guest = await related(res, "guest")
    added = corrected = 0
    seen: set[tuple[str, str, str]] = set()
    for e in entries:
        key = _document_key(e.document_type, e.document_number, e.issuing_country)
        if key in seen:
            continue
        seen.add(key)
        party_id = e.party_id
        if party_id is None and e.full_name.casefold() == guest.display_name.casefold():
            party_id = guest.id
        values = {
            "party_id": party_id,
            "full_name": e.full_name,
            "nationality": e.nationality,
            "birth_date": e.birth_date,
        }
        row = existing.get(key)
        if row is not None:
            row.update_from_dict(values)
            await row.save(update_fields=list(values))
            corrected += 1
            continue
        await m.GuestRegistration.create(
            reservation_id=res.id,
            document_type=e.document_type,
            document_number=e.document_number,
            issuing_country=e.issuing_country,
            **values,
        )
        added += 1
    if registered + added > occupants:
        raise _too_many(occupants)
    return added, corrected


async def check_in(
    actor: Actor, reservation_id: int, guests: Sequence[RegistryEntry] = ()
) -> m.Reservation:
    """The guest arrives. With ``require_guest_registry`` (the default) every guest in the room
    (adults and children) must be in ``guests``; without it, guests may be registered later
    (``register_guests``)."""
    await _visible_reservation(actor, reservation_id)
    async with atomic():
        res = await _locked_reservation(actor, reservation_id)
        _transition(res, m.CHECKED_IN)
        day = await site_today(res.site_id)  # type: ignore[attr-defined]
        if day < res.arrival:
            raise ServiceError("TOO_EARLY", "lodging.too_early", "id")
        if day >= res.departure:
            raise ServiceError("INVALID_TRANSITION", "lodging.stay_over", "id")
        occupants = res.adults + res.children
        entries = _check_registry(guests)
        registered = await m.GuestRegistration.filter(reservation_id=res.id).count()
        if len(entries) + registered > occupants:
            raise _too_many(occupants)
        if _settings.require_guest_registry and len(entries) + registered < occupants:
            raise _incomplete(occupants)
        room = await _lock_room(res.room_id)  # type: ignore[attr-defined]
        if (
            await m.Reservation.filter(room_id=room.id, status=m.CHECKED_IN)
            .exclude(id=res.id)
            .exists()
        ):
            raise ServiceError("ROOM_OCCUPIED", "lodging.room_occupied", "id")
        before = _snapshot(res)
        res.status = m.CHECKED_IN
        res.checked_in_at = now()
        await res.save(update_fields=["status", "checked_in_at", "updated_at"])
        added, _ = await _record_guests(res, entries)
        if _settings.require_guest_registry and registered + added < occupants:
            raise _incomplete(occupants)  # two entries for one document
        await _sync_nights(res)
        await record(
            actor,
            "reservationCheckIn",
            res,
            before=before,
            after={**_snapshot(res), "registered_guests": registered + added},
        )
        await _set_room_state(actor, room, occupancy=m.OCCUPIED)
        await publish(
            RESERVATION_CHECKED_IN,
            {"reservation_id": res.id, "room_id": room.id, "guest_party_id": res.guest_id},  # type: ignore[attr-defined]
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,  # type: ignore[attr-defined]
        )
    return res


REGISTRABLE = (m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT)


async def register_guests(
    actor: Actor, reservation_id: int, guests: Sequence[RegistryEntry]
) -> m.Reservation:
    """Record or complete the guest registry of a stay (before arrival, in house or after
    checkout). A document already registered for the stay is corrected, others are added."""
    if not guests:
        raise ServiceError("REQUIRED", "core.required", "guests")
    entries = _check_registry(guests)
    await _visible_reservation(actor, reservation_id)
    async with atomic():
        res = await _locked_reservation(actor, reservation_id)
        if res.status not in REGISTRABLE:
            raise ServiceError(
                "INVALID_TRANSITION", "lodging.registry_closed", "id", current=res.status
            )
        added, corrected = await _record_guests(res, entries)
        if res.status == m.CHECKED_IN:
            await _sync_nights(res)  # ages may change the city tax
        total = await m.GuestRegistration.filter(reservation_id=res.id).count()
        await record(
            actor,
            "reservationGuestsRegister",
            res,
            after={
                "added": added,
                "corrected": corrected,
                "registered_guests": total,
                "occupants": res.adults + res.children,
            },
        )
    return res


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def city_tax_persons(
    adults: int, children: int, night: dt.date, birth_dates: Sequence[dt.date | None] = ()
) -> int:
    """People who pay the city tax for one night.

    ``city_tax_exempt_under_age`` 0 (the default): everyone, children included. Otherwise
    guests younger than that age on the night are exempt: their age comes from the guest
    registry when it covers everyone in the room (a missing birth date counts as paying),
    else the reservation's children are taken as exempt and its adults as paying.
    """
    limit = _settings.city_tax_exempt_under_age
    if limit <= 0:
        return adults + children
    if birth_dates and len(birth_dates) >= adults + children:
        return sum(1 for b in birth_dates if b is None or _age(b, night) >= limit)
    return adults


async def _sync_nights(res: m.Reservation) -> None:
    """Room and city tax lines match the nights of the stay exactly (one line per night)."""
    wanted = set(nights(res.arrival, res.departure))
    lines = await m.FolioLine.filter(reservation_id=res.id, kind__in=(m.ROOM, m.CITY_TAX))
    have: dict[tuple[str, dt.date], m.FolioLine] = {}
    stale = []
    for line in lines:
        if line.night in wanted and (line.kind, line.night) not in have:
            have[(line.kind, line.night)] = line  # type: ignore[index]
        else:
            stale.append(line.id)
    tax = money(_settings.city_tax_per_person_night)
    births: list[dt.date | None] = []
    if tax > 0 and _settings.city_tax_exempt_under_age > 0:
        births = list(
            await m.GuestRegistration.filter(reservation_id=res.id).values_list(
                "birth_date", flat=True
            )
        )
    new = []
    for night in sorted(wanted):
        if (m.ROOM, night) not in have:
            new.append(
                m.FolioLine(
                    reservation_id=res.id,
                    kind=m.ROOM,
                    description=f"Room night {night.isoformat()}",
                    night=night,
                    quantity=1,
                    unit_amount=res.rate,
                    amount=money(res.rate),
                )
            )
        persons = city_tax_persons(res.adults, res.children, night, births) if tax > 0 else 0
        line = have.get((m.CITY_TAX, night))
        if line is not None and line.quantity != persons:
            stale.append(line.id)
            line = None
        if persons > 0 and line is None:
            new.append(
                m.FolioLine(
                    reservation_id=res.id,
                    kind=m.CITY_TAX,
                    description=f"City tax {night.isoformat()}",
                    night=night,
                    quantity=persons,
                    unit_amount=tax,
                    amount=money(tax * persons),
                )
            )
    if stale:
        await m.FolioLine.filter(id__in=stale).delete()
    if new:
        await m.FolioLine.bulk_create(new)


@dataclass
class Folio:
    lines: list[m.FolioLine] = field(default_factory=list)
    currency: str = "EUR"

    @property
    def charges(self) -> list[m.FolioLine]:
        return [line for line in self.lines if line.kind not in m.CREDITS]

    @property
    def payments(self) -> list[m.FolioLine]:
        return [line for line in self.lines if line.kind in m.CREDITS]

    @property
    def total(self) -> Decimal:
        return money(sum((line.amount for line in self.charges), Decimal(0)))

    @property
    def paid(self) -> Decimal:
        return money(sum((line.amount for line in self.payments), Decimal(0)))

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid


def folio_of(res: m.Reservation, lines: Iterable[m.FolioLine]) -> Folio:
    return Folio(sorted(lines, key=lambda line: line.id), res.currency)


async def load_folio(res: m.Reservation) -> Folio:
    return folio_of(res, await m.FolioLine.filter(reservation_id=res.id))


async def check_out(actor: Actor, reservation_id: int, allow_unpaid: bool = False) -> m.Reservation:
    await _visible_reservation(actor, reservation_id)
    if allow_unpaid and not actor.has("lodging.folio.override"):
        raise ServiceError("FORBIDDEN", "lodging.override_forbidden", "allowUnpaid")
    async with atomic():
        res = await _locked_reservation(actor, reservation_id)
        _transition(res, m.CHECKED_OUT)
        before = _snapshot(res)
        day = await site_today(res.site_id)  # type: ignore[attr-defined]
        if day < res.departure:  # early checkout: the remaining nights are released
            res.departure = max(day, res.arrival + dt.timedelta(days=1))
            await _place(res, res.room_id, await _current_segment_start(res))  # type: ignore[attr-defined]
        await _sync_nights(res)
        folio = await load_folio(res)
        if folio.balance > 0 and not allow_unpaid:
            raise ServiceError(
                "FOLIO_UNPAID",
                "lodging.folio_unpaid",
                "id",
                balance=str(folio.balance),
                currency=folio.currency,
            )
        res.status = m.CHECKED_OUT
        res.checked_out_at = now()
        await res.save(update_fields=["status", "checked_out_at", "departure", "updated_at"])
        await record(
            actor,
            "reservationCheckOut",
            res,
            before=before,
            after={
                **_snapshot(res),
                "total": folio.total,
                "paid": folio.paid,
                "allow_unpaid": allow_unpaid and folio.balance > 0,
            },
        )
        room = await _lock_room(res.room_id)  # type: ignore[attr-defined]
        await _set_room_state(actor, room, occupancy=m.VACANT, cleanliness=m.DIRTY)
        payload = {
            "reservation_id": res.id,
            "guest_party_id": res.guest_id,  # type: ignore[attr-defined]
            "site_id": res.site_id,  # type: ignore[attr-defined]
            "lines": [
                {
                    "kind": line.kind,
                    "description": line.description,
                    "night": line.night.isoformat() if line.night else None,
                    "quantity": line.quantity,
                    "unit_amount": str(money(line.unit_amount)),
                    "amount": str(money(line.amount)),
                }
                for line in folio.lines
            ],
            "total": str(folio.total),
            "paid": str(folio.paid),
            "currency": folio.currency,
        }
        await publish(
            FOLIO_CLOSED,
            payload,
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,  # type: ignore[attr-defined]
        )
        await publish(
            RESERVATION_CHECKED_OUT,
            {"reservation_id": res.id, "room_id": room.id, "guest_party_id": res.guest_id},  # type: ignore[attr-defined]
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,  # type: ignore[attr-defined]
        )
    return res


async def change_dates(
    actor: Actor,
    reservation_id: int,
    arrival: dt.date | None = None,
    departure: dt.date | None = None,
) -> m.Reservation:
    """New dates (for a stay in house only the departure: early checkout or late departure).

    Dates in the past are refused (INVALID_DATES) unless the actor may backdate stays.
    """
    await _visible_reservation(actor, reservation_id)
    try:
        async with atomic():
            res = await _locked_reservation(actor, reservation_id)
            if res.status not in (m.DRAFT, m.CONFIRMED, m.CHECKED_IN):
                raise ServiceError(
                    "INVALID_TRANSITION",
                    "lodging.invalid_transition",
                    "id",
                    current=res.status,
                    target=res.status,
                )
            new_arrival = arrival or res.arrival
            new_departure = departure or res.departure
            day = await site_today(res.site_id)  # type: ignore[attr-defined]
            in_house = res.status == m.CHECKED_IN
            if in_house:
                if new_arrival != res.arrival:
                    raise ServiceError("INVALID", "lodging.arrival_fixed", "arrival")
                if new_departure < day:
                    raise ServiceError("INVALID_DATES", "lodging.departure_past", "departure")
            elif not _may_backdate(actor):
                if new_arrival != res.arrival and new_arrival < day:
                    raise ServiceError("INVALID_DATES", "lodging.arrival_past", "arrival")
                if new_departure != res.departure and new_departure < day:
                    raise ServiceError("INVALID_DATES", "lodging.departure_past", "departure")
            _check_dates(new_arrival, new_departure)
            # A stay in house keeps the rooms of the nights slept: only the current room's
            # stretch (from its segment's start) changes.
            since = await _current_segment_start(res) if in_house else new_arrival
            room_id: int = res.room_id  # type: ignore[attr-defined]
            await _lock_room(room_id)
            if res.status in m.HOLDING and not await room_is_free(
                room_id, since, new_departure, res.id
            ):
                raise _unavailable()
            before = _snapshot(res)
            res.arrival, res.departure = new_arrival, new_departure
            await res.save(update_fields=["arrival", "departure", "updated_at"])
            await _place(res, room_id, since)
            if in_house:
                await _sync_nights(res)
            await record(actor, "reservationDatesChange", res, before=before, after=_snapshot(res))
    except IntegrityError as exc:
        if _is_overlap(exc):
            raise _unavailable() from None
        raise
    return res


async def move(actor: Actor, reservation_id: int, room_id: int) -> m.Reservation:
    """Move the stay to another room.

    Before check-in the whole stay moves. A guest in house moves from today: the nights
    already slept stay in the old room (which goes to housekeeping, vacant and dirty) and the
    new room holds the nights from today to the departure.
    """
    await _visible_reservation(actor, reservation_id)
    target = await _visible_room(actor, room_id)
    try:
        async with atomic():
            res = await _locked_reservation(actor, reservation_id)
            if res.status not in (m.DRAFT, m.CONFIRMED, m.CHECKED_IN):
                raise ServiceError(
                    "INVALID_TRANSITION",
                    "lodging.invalid_transition",
                    "id",
                    current=res.status,
                    target=res.status,
                )
            old_room_id = res.room_id  # type: ignore[attr-defined]
            if old_room_id == room_id:
                return res
            if target.site_id != res.site_id:  # type: ignore[attr-defined]
                raise ServiceError("NOT_FOUND", "core.not_found", "roomId")
            if res.adults + res.children > target.room_type.capacity:  # type: ignore[attr-defined]
                raise ServiceError(
                    "OVER_CAPACITY",
                    "lodging.over_capacity",
                    "roomId",
                    capacity=target.room_type.capacity,  # type: ignore[attr-defined]
                )
            in_house = res.status == m.CHECKED_IN
            since = max(await site_today(res.site_id), res.arrival) if in_house else res.arrival  # type: ignore[attr-defined]
            if since >= res.departure:
                raise ServiceError("INVALID_TRANSITION", "lodging.stay_over", "id")
            # Lock both rooms in id order so that two crossing moves cannot deadlock.
            locked = {rid: await _lock_room(rid) for rid in sorted((old_room_id, room_id))}
            if res.status in m.HOLDING and not await room_is_free(
                room_id, since, res.departure, res.id
            ):
                raise _unavailable()
            before = {**_snapshot(res), "since": since}
            res.room_id = room_id  # type: ignore[attr-defined]
            res.room_type_id = target.room_type_id  # type: ignore[attr-defined]
            await res.save(update_fields=["room_id", "room_type_id", "updated_at"])
            await _place(res, room_id, since)
            await record(
                actor,
                "reservationMove",
                res,
                before=before,
                after={**_snapshot(res), "since": since},
            )
            if in_house:
                await _set_room_state(actor, locked[old_room_id], m.VACANT, m.DIRTY)
                await _set_room_state(actor, locked[room_id], occupancy=m.OCCUPIED)
    except IntegrityError as exc:
        if _is_overlap(exc):
            raise _unavailable() from None
        raise
    return res


def _open_folio_error() -> ServiceError:
    return ServiceError("FOLIO_CLOSED", "lodging.folio_closed", "reservationId")


async def _open_folio(
    actor: Actor, reservation_id: int, statuses: tuple[str, ...] = (m.CONFIRMED, m.CHECKED_IN)
) -> m.Reservation:
    res = await _locked_reservation(actor, reservation_id)
    if res.status not in statuses:
        raise _open_folio_error()
    return res


async def add_charge(
    actor: Actor,
    reservation_id: int,
    description: str,
    unit_amount: Decimal,
    quantity: int = 1,
) -> m.FolioLine:
    problems = []
    if not description.strip():
        problems.append(Problem("REQUIRED", "core.required", "description"))
    if unit_amount <= 0:
        problems.append(Problem("INVALID", "lodging.invalid_amount", "unitAmount"))
    if quantity < 1:
        problems.append(Problem("INVALID", "lodging.invalid_amount", "quantity"))
    if problems:
        raise ServiceError("INVALID", problems=problems)
    await _visible_reservation(actor, reservation_id)
    async with atomic():
        res = await _open_folio(actor, reservation_id)
        line = await m.FolioLine.create(
            reservation=res,
            kind=m.EXTRA,
            description=description.strip(),
            quantity=quantity,
            unit_amount=money(unit_amount),
            amount=money(unit_amount * quantity),
        )
        await record(
            actor,
            "folioChargeAdd",
            line,
            after={"reservation_id": res.id, "description": description, "amount": line.amount},
            site_id=res.site_id,  # type: ignore[attr-defined]
        )
    return line


async def add_payment(
    actor: Actor, reservation_id: int, amount: Decimal, method: str = "card", deposit: bool = False
) -> m.FolioLine:
    """A payment or a deposit. A folio closed unpaid at checkout (manager override) still takes
    payments, never deposits or charges, so it can be settled later."""
    if amount <= 0:
        raise ServiceError("INVALID", "lodging.invalid_amount", "amount")
    await _visible_reservation(actor, reservation_id)
    async with atomic():
        accepted = (
            (m.CONFIRMED, m.CHECKED_IN) if deposit else (m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT)
        )
        res = await _open_folio(actor, reservation_id, accepted)
        line = await m.FolioLine.create(
            reservation=res,
            kind=m.DEPOSIT if deposit else m.PAYMENT,
            description=f"{'Deposit' if deposit else 'Payment'} ({method.strip() or 'card'})",
            quantity=1,
            unit_amount=money(amount),
            amount=money(amount),
        )
        folio = await load_folio(res)
        await record(
            actor,
            "folioPaymentAdd",
            line,
            after={"reservation_id": res.id, "amount": line.amount, "deposit": deposit},
            site_id=res.site_id,  # type: ignore[attr-defined]
        )
        await publish(
            FOLIO_PAYMENT_ADDED,
            {
                "reservation_id": res.id,
                "site_id": res.site_id,  # type: ignore[attr-defined]
                "kind": line.kind,
                "amount": str(line.amount),
                "balance": str(folio.balance),
                "currency": folio.currency,
                "folio_closed": res.status == m.CHECKED_OUT,
            },
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,  # type: ignore[attr-defined]
        )
    return line


# ---------------------------------------------------------------------------- front desk


@dataclass
class Availability:
    room_type: m.RoomType
    rooms: list[m.Room]

    @property
    def available(self) -> int:
        return len(self.rooms)


async def availability(
    actor: Actor,
    site_id: int,
    arrival: dt.date,
    departure: dt.date,
    adults: int = 1,
    children: int = 0,
) -> list[Availability]:
    """Free rooms per room type sleeping the party, honouring closures and reservations."""
    _check_dates(arrival, departure)
    if not actor.may_see_site(site_id):
        return []
    types = await m.RoomType.filter(site_id=site_id, capacity__gte=adults + children)
    rooms = await m.Room.filter(site_id=site_id, room_type_id__in=[t.id for t in types])
    busy = set(
        await m.RoomStay.filter(
            room__site_id=site_id, holding=True, start__lt=departure, end__gt=arrival
        ).values_list("room_id", flat=True)
    )
    busy |= set(
        await m.RoomClosure.filter(
            room__site_id=site_id, start__lt=departure, end__gt=arrival
        ).values_list("room_id", flat=True)
    )
    out = []
    for rt in types:
        free = [r for r in rooms if r.room_type_id == rt.id and r.id not in busy]  # type: ignore[attr-defined]
        out.append(Availability(rt, free))
    return out


async def arrivals_for_hook(site_ids: frozenset[int] | None, day: dt.date) -> list[m.Reservation]:
    qs = m.Reservation.filter(arrival=day, status__in=(m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT))
    if site_ids is not None:
        qs = qs.filter(site_id__in=list(site_ids))
    return await qs.prefetch_related("guest", "site")


async def present_for_hook(site_ids: frozenset[int] | None) -> list[m.Reservation]:
    qs = m.Reservation.filter(status=m.CHECKED_IN)
    if site_ids is not None:
        qs = qs.filter(site_id__in=list(site_ids))
    return await qs.prefetch_related("guest", "site")


# ---------------------------------------------------------------------------- personal data


async def party_data(party_id: int) -> dict[str, Any]:
    stays = await m.Reservation.filter(guest_id=party_id).order_by("arrival")
    registrations = await m.GuestRegistration.filter(party_id=party_id)
    return {
        "reservations": [
            {
                "id": r.id,
                "arrival": r.arrival.isoformat(),
                "departure": r.departure.isoformat(),
                "status": r.status,
                "adults": r.adults,
                "children": r.children,
                "notes": r.notes,
            }
            for r in stays
        ],
        "guest_registry": [
            {
                "reservation_id": g.reservation_id,  # type: ignore[attr-defined]
                "full_name": g.full_name,
                "document_type": g.document_type,
                "document_number": g.document_number,
                "issuing_country": g.issuing_country,
                "nationality": g.nationality,
                "birth_date": g.birth_date.isoformat() if g.birth_date else None,
            }
            for g in registrations
            if g.erased_at is None
        ],
    }


REGISTRY_LAW = (
    "Guest registry: IT TULPS art. 109 and DM 7 January 2013, ES RD 933/2021 (3 years), "
    "GR: kept for the legal period"
)
TAX_RECORDS = "Tax records: stays and folios are kept for 10 years"
#: Every column of a guest registry entry: the law keeps them all for the retention period.
REGISTRY_FIELDS = (
    "full_name",
    "document_type",
    "document_number",
    "issuing_country",
    "nationality",
    "birth_date",
)
FINISHED = (m.CHECKED_OUT, m.CANCELLED, m.NO_SHOW)


def _registry_cutoff(retention_days: int | None = None) -> dt.date:
    days = _settings.guest_registry_retention_days if retention_days is None else retention_days
    return today() - dt.timedelta(days=days)


async def _anonymise_registrations(ids: Sequence[int]) -> None:
    if ids:
        await m.GuestRegistration.filter(id__in=list(ids)).update(
            full_name=ERASED,
            document_type="",
            document_number=ERASED,
            issuing_country="",
            nationality="",
            birth_date=None,
            party_id=None,
            erased_at=now(),
        )


async def _expired_registrations(cutoff: dt.date, **filters: Any) -> list[int]:
    """Registry entries of stays that ended before ``cutoff`` and are not erased yet."""
    return list(
        await m.GuestRegistration.filter(
            erased_at=None,
            reservation__status__in=FINISHED,
            reservation__departure__lt=cutoff,
            **filters,
        ).values_list("id", flat=True)
    )


async def party_erase(party_id: int) -> ErasureReport:
    """Anonymise in place what the law lets us erase; runs in the caller's transaction.

    Notes go at once. Guest registry entries (every column, nationality and issuing country
    included) are retained by law until the stay ended ``guest_registry_retention_days`` ago,
    then erased. Reservations and folios stay (tax records).
    """
    erased: set[str] = set()
    retained: dict[str, str] = {
        "lodging_reservation.arrival": TAX_RECORDS,
        "lodging_reservation.departure": TAX_RECORDS,
        "lodging_folio_line.amount": TAX_RECORDS,
    }
    cutoff = _registry_cutoff()
    async with atomic():
        for r in await m.Reservation.filter(guest_id=party_id).exclude(notes=""):
            r.notes = ""
            await r.save(update_fields=["notes", "updated_at"])
            erased.add("lodging_reservation.notes")
        expired = await _expired_registrations(cutoff, party_id=party_id)
        if expired:
            await _anonymise_registrations(expired)
            erased |= {f"lodging_guest_registration.{f}" for f in REGISTRY_FIELDS}
        if await m.GuestRegistration.filter(party_id=party_id, erased_at=None).exists():
            retained.update(
                {f"lodging_guest_registration.{f}": REGISTRY_LAW for f in REGISTRY_FIELDS}
            )
    return ErasureReport("lodging", erased=tuple(sorted(erased)), retained=retained)


async def purge_registry(actor: Actor = SYSTEM, *, retention_days: int | None = None) -> int:
    """Anonymise every guest registry entry (linked to a party or not) of stays that ended
    more than ``retention_days`` ago (default: ``guest_registry_retention_days``)."""
    cutoff = _registry_cutoff(retention_days)
    async with atomic():
        ids = await _expired_registrations(cutoff)
        await _anonymise_registrations(ids)
        await record(
            actor,
            "lodgingRegistryPurge",
            object_type="GuestRegistration",
            object_id="*",
            after={
                "erased": len(ids),
                "before": cutoff,
                "retention_days": (today() - cutoff).days,
            },
        )
    return len(ids)


# ---------------------------------------------------------------------------- room rack

RACK_MAX_DAYS = 31


async def rack_nights(
    site_id: int, room_ids: list[int], start: dt.date, days: int
) -> dict[int, list[int | None]]:
    """For each room, the reservation holding each night from ``start`` (``None`` when free).

    Stay segments, not reservation dates: a guest moved in house shows in the old room for the
    nights slept there and in the new room from the move on. A holding stay wins over a draft.
    """
    until = start + dt.timedelta(days=days)
    segments = await m.RoomStay.filter(
        room_id__in=room_ids,
        room__site_id=site_id,
        reservation__status__in=(*m.HOLDING, m.DRAFT),
        start__lt=until,
        end__gt=start,
    ).values("room_id", "reservation_id", "start", "end", "holding")
    nights: dict[int, list[int | None]] = {room: [None] * days for room in room_ids}
    held: dict[int, list[bool]] = {room: [False] * days for room in room_ids}
    for seg in segments:
        row, holds = nights[seg["room_id"]], held[seg["room_id"]]
        first = max((seg["start"] - start).days, 0)
        last = min((seg["end"] - start).days, days)
        for i in range(first, last):
            if row[i] is None or (seg["holding"] and not holds[i]):
                row[i], holds[i] = seg["reservation_id"], seg["holding"]
    return nights
