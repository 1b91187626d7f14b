"""Export and erasure cross every aggregate at once and run from the privacy hooks, not from a
mutation: kept out of the write paths they must not change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sportello.contract import ErasureReport
from sportello.parties.models import Address, Consent, ContactPoint, Party, Site
from sportello.parties.services import _common
from sportello.parties.services.addresses import ADDRESS_LIMITS
from sportello.parties.services.consents import consent_rows, current_consents
from sportello.parties.services.people import party_details
from sportello.services import ServiceError

PERSONAL_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "legal_name",
    "email",
    "phone",
    "tax_code",
    "addresses",
    "consents",
)
ERASED_COLUMNS = (
    *(f"parties_party.{name}" for name in PERSONAL_FIELDS),
    "parties_contact_point.value",
    *(f"parties_address.{name}" for name in (*ADDRESS_LIMITS, "country")),
    "parties_consent.source",
)


async def party_personal_data(party_id: int) -> dict[str, Any] | None:
    """The party row, its contact points, addresses and consent history, for a GDPR export."""
    party = await Party.get_or_none(id=party_id)
    if party is None:
        return None
    data = {name: getattr(party, name) for name in PERSONAL_FIELDS}
    data.update(
        id=party.id,
        kind=party.kind,
        preferred_language=party.preferred_language,
        created_at=party.created_at.isoformat(),
        anonymised_at=party.anonymised_at.isoformat() if party.anonymised_at else None,
    )
    details = await party_details(party)
    history = [
        {
            "purpose": r["purpose"],
            "granted": r["granted"],
            "at": r["at"].isoformat(),
            "source": r["source"],
        }
        for r in await consent_rows([party.id])
    ]
    data.update(details, consents=current_consents(history), consent_history=history)
    # Untyped values an office wrote straight into the old JSON columns, if any.
    if party.addresses:
        data["legacy_addresses"] = party.addresses
    if party.consents:
        data["legacy_consents"] = party.consents
    sites = await Site.filter(organisation_id=party_id).order_by("id").values("code", "name")
    out: dict[str, Any] = {"party": data}
    if sites:
        out["sites"] = sites
    return out


async def personal_identifiers(party_id: int) -> tuple[set[str], set[str]]:
    """Strong identifiers of a party (names, every email and phone, tax code, street lines)
    and weak ones (given and family name): what erasure looks for in copies elsewhere.

    Cities, countries and kinds are left out on purpose: a word such as ``home`` or ``Rome``
    is no identifier, and scrubbing every copy of it would damage other people's records.
    """
    party = await Party.get_or_none(id=party_id)
    if party is None:
        return set(), set()
    details = await party_details(party)
    values = [party.email, party.phone, party.tax_code, party.display_name, party.legal_name]
    values += [c["value"] for c in (*details["emails"], *details["phones"])]
    values += [a[name] for a in details["addresses"] for name in ("line1", "line2")]
    values += _legacy_strings(party.addresses)
    strong = {v for v in values if isinstance(v, str) and len(v.strip()) >= 3}
    weak = {v for v in (party.given_name, party.family_name) if v and len(v.strip()) >= 2}
    return strong, weak - strong


def _legacy_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for v in value.values() for s in _legacy_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _legacy_strings(v)]
    return []


async def lock_live_party(
    party_id: int, field_name: str = "partyId", *, shared: bool = False
) -> Party:
    """Inside a transaction: the party, row-locked until commit, and not erased.

    Whatever links personal data to an existing party (a reservation's notes, a visit's
    visitor name) calls this in its writing transaction: an erasure locks the same row first,
    so either the erasure finishes first and the link is refused (NOT_FOUND, as for a party
    that does not exist), or the link commits first and the erasure then sees and erases it.
    A party merged into another is refused the same way (``sportello.merge`` takes this lock
    on both parties). Holds on PostgreSQL READ COMMITTED (``SELECT ... FOR NO KEY UPDATE`` waits for the erasure
    and reads the row it committed) and on SQLite (one writing transaction at a time).
    """
    # FOR NO KEY UPDATE: it serialises with the erasure's lock, yet lets other transactions
    # insert rows that refer to the party (a registry entry at check-in) meanwhile, so a writer
    # holding such a row's parent never deadlocks with an erasure.
    # ``shared`` (FOR SHARE on PostgreSQL): still waits for an erasure or a merge and makes
    # them wait, but not other shared holders: many documents issued by one organisation at
    # once do not queue on the organisation's row.
    if shared and Party._meta.db.capabilities.dialect == "postgres":
        table = Party._meta.db_table
        await Party._meta.db.execute_query(
            f'SELECT "id" FROM "{table}" WHERE "id" = $1 FOR SHARE', [party_id]
        )
        party = await Party.filter(id=party_id).first()
    else:
        party = await Party.filter(id=party_id).select_for_update(no_key=True).first()
    if party is None or party.anonymised_at is not None:
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)
    if party.merged_into_id is not None:  # a tombstone: its records went to the survivor
        raise ServiceError("NOT_FOUND", "parties.merged", field_name)
    return party


async def anonymise_party(party_id: int) -> ErasureReport:
    """Overwrite the party's personal values in place; rows and links stay (the books need
    them). Consent history keeps what was agreed and when, not how (``source``).

    The tombstones of duplicates merged into the party name the same person: they go too."""
    for tombstone in await Party.filter(merged_into_id=party_id).only("id"):
        await anonymise_party(tombstone.id)
    party = await Party.get_or_none(id=party_id)
    if party is not None:
        party.update_from_dict(
            {
                "display_name": f"Erased party {party.id}",
                "given_name": "",
                "family_name": "",
                "legal_name": None,
                "email": None,
                "phone": None,
                "tax_code": None,
                "addresses": [],
                "consents": {},
                "anonymised_at": party.anonymised_at or _common.now(),
            }
        )
        await party.save()
        await ContactPoint.filter(party_id=party_id).update(value="")
        await Address.filter(party_id=party_id).update(
            line1="", line2="", postcode="", city="", region="", country=None
        )
        await Consent.filter(party_id=party_id).update(source="")
    return ErasureReport("parties", erased=ERASED_COLUMNS)
