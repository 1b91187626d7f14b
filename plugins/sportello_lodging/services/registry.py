"""The police guest registry of a stay: validated entries, corrections in place, and how many
guests a room may hold (check-in and later registration share these rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.labels import StatusWord
from sportello_lodging.services import clock
from sportello_lodging.services._common import locked_reservation, related, visible_reservation
from sportello_lodging.services.folio import sync_nights

DOCUMENT_TYPES = ("passport", "id_card", "driving_licence", "residence_permit")
#: Statuses whose guest registry may be recorded or completed (before arrival, in house, after).
REGISTRABLE = (m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT)


@dataclass
class RegistryEntry:
    full_name: str
    document_type: str
    document_number: str
    issuing_country: str
    nationality: str
    birth_date: dt.date | None = None
    party_id: int | None = None


def check_registry(entries: Sequence[RegistryEntry]) -> list[RegistryEntry]:
    """Validated and normalised registry entries (field paths ``guests.<i>.<field>``)."""
    problems: list[api.Problem] = []
    out = []
    for i, e in enumerate(entries):
        where = f"guests.{i}"
        country = e.issuing_country.strip().upper()
        nationality = e.nationality.strip().upper()
        if not e.full_name.strip():
            problems.append(api.Problem("REQUIRED", "core.required", f"{where}.fullName"))
        if e.document_type not in DOCUMENT_TYPES:
            problems.append(
                api.Problem("INVALID", "lodging.invalid_document", f"{where}.documentType")
            )
        if not e.document_number.strip():
            problems.append(api.Problem("REQUIRED", "core.required", f"{where}.documentNumber"))
        if len(country) != 2 or not country.isalpha():
            problems.append(
                api.Problem("INVALID", "lodging.invalid_country", f"{where}.issuingCountry")
            )
        if len(nationality) != 2 or not nationality.isalpha():
            problems.append(
                api.Problem("INVALID", "lodging.invalid_country", f"{where}.nationality")
            )
        if e.birth_date is None or e.birth_date >= clock.today():
            problems.append(
                api.Problem("INVALID", "lodging.invalid_birth_date", f"{where}.birthDate")
            )
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
        raise api.ServiceError(problems[0].code, problems=problems)
    return out


def incomplete(occupants: int) -> api.ServiceError:
    return api.ServiceError(
        "GUEST_REGISTRY_INCOMPLETE", "lodging.registry_incomplete", "guests", count=occupants
    )


def too_many(occupants: int) -> api.ServiceError:
    return api.ServiceError(
        "TOO_MANY_GUESTS", "lodging.registry_too_many", "guests", count=occupants
    )


def is_registry_complete(registered: int, adults: int, children: int) -> bool:
    """Every guest in the room (adults and children) is in the guest registry."""
    return registered >= adults + children


def _document_key(doc_type: str, number: str, country: str) -> tuple[str, str, str]:
    return (doc_type, number, country)


async def record_guests(
    actor: api.Actor, res: m.Reservation, entries: Sequence[RegistryEntry]
) -> tuple[int, int]:
    """Write registry entries for a stay: a document already registered for it is corrected in
    place, others are added. Returns (added, corrected). Refuses more guests than the room holds.
    """
    occupants = res.adults + res.children
    given = {e.party_id for e in entries if e.party_id is not None}
    if given:
        known = api.visible_parties(api.PartyModel.filter(id__in=list(given)), actor)
        if await known.count() != len(given):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "guests.partyId")
        for known_id in sorted(given):  # registered guests are known at the hotel
            await api.link_party_to_site(known_id, res.site_id)
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
        values: dict[str, Any] = {
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
        raise too_many(occupants)
    return added, corrected


async def register_guests(
    actor: api.Actor, reservation_id: int, guests: Sequence[RegistryEntry]
) -> m.Reservation:
    """Record or complete the guest registry of a stay (before arrival, in house or after
    checkout). A document already registered for the stay is corrected, others are added."""
    if not guests:
        raise api.ServiceError("REQUIRED", "core.required", "guests")
    entries = check_registry(guests)
    await visible_reservation(actor, reservation_id)
    async with api.atomic():
        res = await locked_reservation(actor, reservation_id)
        if res.status not in REGISTRABLE:
            raise api.ServiceError(
                "INVALID_TRANSITION",
                "lodging.registry_closed",
                "id",
                current=StatusWord(res.status),
            )
        added, corrected = await record_guests(actor, res, entries)
        if res.status == m.CHECKED_IN:
            await sync_nights(res)  # ages may change the city tax
        total = await m.GuestRegistration.filter(reservation_id=res.id).count()
        await api.record(
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
