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
from sportello_lodging.services import clock, config, police
from sportello_lodging.services._common import locked_reservation, related, visible_reservation
from sportello_lodging.services.nights import sync_nights

DOCUMENT_TYPES = ("passport", "id_card", "driving_licence", "residence_permit")
#: Statuses whose guest registry may be recorded or completed (before arrival, in house, after).
REGISTRABLE = (m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT)
MAX_FULL_NAME = 200
MAX_DOCUMENT_NUMBER = 64


@dataclass
class RegistryEntry:
    full_name: str
    document_type: str
    document_number: str
    issuing_country: str
    nationality: str
    birth_date: dt.date | None = None
    party_id: int | None = None
    sex: str = ""
    birth_country: str = ""
    birth_place: str = ""
    birth_province: str = ""
    issuing_place: str = ""
    role: str = police.SINGLE
    surname: str = ""


def _document_problems(where: str, e: RegistryEntry, country: str) -> list[api.Problem]:
    """A single guest or a head carries a document; a member may (it is then kept, not sent)."""
    if e.role not in police.WITH_DOCUMENT and not (
        e.document_type or e.document_number.strip() or country
    ):
        return []
    problems: list[api.Problem] = []
    if e.document_type not in DOCUMENT_TYPES:
        problems.append(api.Problem("INVALID", "lodging.invalid_document", f"{where}.documentType"))
    if not e.document_number.strip():
        problems.append(api.Problem("REQUIRED", "core.required", f"{where}.documentNumber"))
    elif len(e.document_number.strip()) > MAX_DOCUMENT_NUMBER:
        problems.append(
            api.Problem(
                "INVALID", "core.too_long", f"{where}.documentNumber", {"max": MAX_DOCUMENT_NUMBER}
            )
        )
    bad = police.country_problem(country, f"{where}.issuingCountry")
    if bad is not None:
        problems.append(bad)
    return problems


def check_registry(entries: Sequence[RegistryEntry]) -> list[RegistryEntry]:
    """Validated and normalised registry entries (field paths ``guests.<i>.<field>``)."""
    problems: list[api.Problem] = []
    out: list[RegistryEntry] = []
    settings = config.settings()
    for i, e in enumerate(entries):
        where = f"guests.{i}"
        country = e.issuing_country.strip().upper()
        nationality = e.nationality.strip().upper()
        birth_country = e.birth_country.strip().upper()
        birth_province = e.birth_province.strip().upper()
        full_name = " ".join(e.full_name.split())
        surname = " ".join(e.surname.split())
        if not full_name:
            problems.append(api.Problem("REQUIRED", "core.required", f"{where}.fullName"))
        elif len(full_name) > MAX_FULL_NAME:
            problems.append(
                api.Problem("INVALID", "core.too_long", f"{where}.fullName", {"max": MAX_FULL_NAME})
            )
        if e.role not in police.ROLES:
            problems.append(api.Problem("INVALID", "lodging.invalid_guest_role", f"{where}.role"))
        problems += _document_problems(where, e, country)
        bad = police.country_problem(nationality, f"{where}.nationality")
        if bad is not None:
            problems.append(bad)
        if e.birth_date is None or e.birth_date >= clock.today():
            problems.append(
                api.Problem("INVALID", "lodging.invalid_birth_date", f"{where}.birthDate")
            )
        problems += police.birth_problems(
            where, e.sex, birth_country, e.birth_place.strip(), birth_province
        )
        problems += police.issuing_place_problems(where, country, e.issuing_place.strip())
        problems += police.surname_problems(where, full_name, surname)
        out.append(
            RegistryEntry(
                full_name,
                e.document_type,
                e.document_number.strip().upper(),
                country,
                nationality,
                e.birth_date,
                e.party_id,
                e.sex,
                birth_country,
                e.birth_place.strip(),
                birth_province,
                e.issuing_place.strip(),
                e.role,
                surname,
            )
        )
        if settings.police_registry == "alloggiati":
            seen = {p.field for p in problems}
            gaps = police.alloggiati_gaps(where, out[-1], settings.alloggiati_state_codes)
            problems += [p for p in gaps if p.field not in seen]
    if problems:
        raise api.ServiceError(problems[0].code, problems=problems)
    return out


async def check_police_data(res: m.Reservation) -> None:
    """With ``police_registry = "alloggiati"``, every guest registered for the stay holds what
    the police file needs (entries recorded earlier, or before the setting, may not)."""
    settings = config.settings()
    if settings.police_registry != "alloggiati":
        return
    rows = await m.GuestRegistration.filter(reservation_id=res.id, erased_at=None).order_by("id")
    for row in rows:
        if police.alloggiati_gaps("guests", row, settings.alloggiati_state_codes):
            raise api.ServiceError(
                "POLICE_DATA_MISSING", "lodging.police_data_missing", "guests", name=row.full_name
            )


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


def _key(e: RegistryEntry | m.GuestRegistration) -> tuple[str, str, str]:
    """A document identifies an entry of the stay; a member without one, name and birth date."""
    if not e.document_number:
        return police.member_key(e.full_name, e.birth_date)
    return (e.document_type, e.document_number, e.issuing_country)


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
        _key(r): r for r in await m.GuestRegistration.filter(reservation_id=res.id, erased_at=None)
    }
    registered = await m.GuestRegistration.filter(reservation_id=res.id).count()
    guest = await related(res, "guest")
    added = corrected = 0
    seen: set[tuple[str, str, str]] = set()
    for e in entries:
        key = _key(e)
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
            "sex": e.sex,
            "birth_country": e.birth_country,
            "birth_place": e.birth_place,
            "birth_province": e.birth_province,
            "issuing_place": e.issuing_place,
            "role": e.role,
            "surname": e.surname,
        }
        if e.role not in police.HEAD_OF:
            values["head_id"] = None
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
    await police.link_members(res, [(i, e.role) for i, e in enumerate(entries)])
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
