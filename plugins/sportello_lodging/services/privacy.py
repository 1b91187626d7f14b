"""Personal data of a guest: the export, and erasure bounded by what the law keeps (the guest
registry for its retention period, stays and folios as tax records)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sportello import api
from sportello_lodging import group_models
from sportello_lodging import models as m
from sportello_lodging.services import clock, config, search
from sportello_lodging.services._common import column
from sportello_lodging.services.lifecycle import FINISHED

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
    "surname",
    "sex",
    "birth_country",
    "birth_place",
    "birth_province",
    "issuing_place",
)


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
                "reservation_id": g.reservation_id,
                "full_name": g.full_name,
                "document_type": g.document_type,
                "document_number": g.document_number,
                "issuing_country": g.issuing_country,
                "nationality": g.nationality,
                "birth_date": g.birth_date.isoformat() if g.birth_date else None,
                "surname": g.surname,
                "sex": g.sex,
                "birth_country": g.birth_country,
                "birth_place": g.birth_place,
                "birth_province": g.birth_province,
                "issuing_place": g.issuing_place,
                "role": g.role,
            }
            for g in registrations
            if g.erased_at is None
        ],
        "reservation_groups_held": [
            {
                "id": grp.id,
                "name": grp.name,
                "booking_reference": grp.booking_reference,
                "notes": grp.notes,
            }
            for grp in await group_models.ReservationGroup.filter(holder_id=party_id)
        ],
    }


def _registry_cutoff(retention_days: int | None = None) -> dt.date:
    days = (
        config.settings().guest_registry_retention_days
        if retention_days is None
        else retention_days
    )
    return clock.today() - dt.timedelta(days=days)


async def _anonymise_registrations(ids: Sequence[int]) -> None:
    if ids:
        await m.GuestRegistration.filter(id__in=list(ids)).update(
            full_name=api.ERASED,
            document_type="",
            document_number=api.ERASED,
            issuing_country="",
            nationality="",
            birth_date=None,
            surname="",
            sex="",
            birth_country="",
            birth_place="",
            birth_province="",
            issuing_place="",
            party_id=None,
            erased_at=clock.now(),
        )


async def _expired_registrations(cutoff: dt.date, **filters: Any) -> list[int]:
    """Registry entries of stays that ended before ``cutoff`` and are not erased yet."""
    expired = m.GuestRegistration.filter(
        erased_at=None,
        reservation__status__in=FINISHED,
        reservation__departure__lt=cutoff,
        **filters,
    )
    return await column(expired, "id")


async def party_erase(party_id: int) -> api.ErasureReport:
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
    async with api.atomic():
        for r in await m.Reservation.filter(guest_id=party_id).exclude(notes=""):
            r.notes = ""
            await r.save(update_fields=["notes", "updated_at"])
            erased.add("lodging_reservation.notes")
        # The guest's name leaves the search key; the channel's booking id stays (tax records).
        for r in await m.Reservation.filter(guest_id=party_id).exclude(search_key=""):
            key = search.search_key(None, r.channel_booking_id)
            if key != r.search_key:
                r.search_key = key
                await r.save(update_fields=["search_key", "updated_at"])
                erased.add("lodging_reservation.search_key")
        expired = await _expired_registrations(cutoff, party_id=party_id)
        if expired:
            await _anonymise_registrations(expired)
            erased |= {f"lodging_guest_registration.{f}" for f in REGISTRY_FIELDS}
        if await m.GuestRegistration.filter(party_id=party_id, erased_at=None).exists():
            retained.update(
                {f"lodging_guest_registration.{f}": REGISTRY_LAW for f in REGISTRY_FIELDS}
            )
    return api.ErasureReport("lodging", erased=tuple(sorted(erased)), retained=retained)


async def purge_registry(
    actor: api.Actor = api.SYSTEM, *, retention_days: int | None = None
) -> int:
    """Anonymise every guest registry entry (linked to a party or not) of stays that ended
    more than ``retention_days`` ago (default: ``guest_registry_retention_days``)."""
    cutoff = _registry_cutoff(retention_days)
    async with api.atomic():
        ids = await _expired_registrations(cutoff)
        await _anonymise_registrations(ids)
        await api.record(
            actor,
            "lodgingRegistryPurge",
            object_type="GuestRegistration",
            object_id="*",
            after={
                "erased": len(ids),
                "before": cutoff,
                "retention_days": (clock.today() - cutoff).days,
            },
        )
    return len(ids)
